package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the end-to-end tests of the webhooks share: the application on its random port with its engine,
 * and Twilio as the emulator, which its extension points the application at (through system properties)
 * before the application starts. Each test class names its own application properties and database.
 */
abstract class EndToEndTest {

    /** A person who texts the application. */
    static final String ADA = "+15551230001";

    @RegisterExtension
    static final TwilioEmulatorExtension TWILIO = new TwilioEmulatorExtension();

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    TaskService tasks;

    final TwilioEmulator twilio = TWILIO.emulator();

    /** The application's address of {@code path}. */
    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The application's message webhook. */
    String webhook() {
        return url("/twilio/sms");
    }

    /** Twilio's form of an incoming message to the account's number, with a SID of the test's choosing. */
    Map<String, String> message(String sid, String from, String body) {
        return TwilioForms.incomingMessage(twilio.accountSid(), sid, from, twilio.number(), body, List.of());
    }

    /** Posts {@code form} to the message webhook as Twilio delivers it, signed with the account's token. */
    WebhookAnswer deliver(Map<String, String> form) {
        return twilio.webhooks().post(webhook(), form);
    }

    /** The variables a process instance has or had, as history keeps them. */
    Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()) {
            variables.put(variable.getVariableName(), variable.getValue());
        }
        return variables;
    }

    /** A message SID of Twilio's form, new for every call. */
    static String sid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }
}
