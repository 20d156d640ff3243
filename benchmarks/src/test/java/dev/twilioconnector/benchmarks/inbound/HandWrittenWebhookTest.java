package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.benchmarks.Databases;
import dev.twilioconnector.benchmarks.EmulatedTwilio;
import dev.twilioconnector.benchmarks.Options.Db;
import dev.twilioconnector.emulator.TwilioEmulator;
import org.flowable.engine.HistoryService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Benchmark 3 compares like with like only if both webhooks leave the engine the same work. */
class HandWrittenWebhookTest {

    @Test
    void startsTheSameProcessWithTheSameVariablesAsTheConnectorsWebhook() throws Exception {
        try (Databases databases = new Databases();
             TwilioEmulator twilio = EmulatedTwilio.builder(Duration.ZERO, false).start();
             ConfigurableApplicationContext app = InboundApp.start(databases.fresh(Db.H2, "handwritten"), twilio)) {
            String base = InboundApp.baseUrl(app);

            String connectorReply = new SignedWebhook(base + "/twilio/sms", twilio).post("SM" + "1".repeat(32), "+15550001234", "Order Number 42");
            String handWrittenReply = new SignedWebhook(base + HandWrittenWebhook.PATH, twilio).post("SM" + "2".repeat(32), "+15550001234",
                    "Order Number 42");

            assertThat(connectorReply).contains("Your reference number is 42.");
            assertThat(handWrittenReply).isEqualTo(HandWrittenWebhook.ANSWER);
            HistoryService history = app.getBean(HistoryService.class);
            List<HistoricProcessInstance> started = history.createHistoricProcessInstanceQuery().processDefinitionKey("benchInbound")
                    .orderByProcessInstanceStartTime().asc().list();
            assertThat(started).hasSize(2).allMatch(instance -> instance.getEndTime() != null);
            Map<String, String> byConnector = variables(history, started.get(0).getId());
            Map<String, String> byHand = variables(history, started.get(1).getId());
            // The plugin keeps the message a REPLY would answer on both paths: the engine's work stays the same.
            assertThat(byConnector).containsOnlyKeys("matchGroups", "from", "originalMessage", "twilioMessageSid", "twilioMessageFrom",
                            "twilioMessageTo")
                    .containsEntry("from", "string:+15550001234").containsEntry("originalMessage", "string:Order Number 42")
                    .containsEntry("twilioMessageSid", "string:SM" + "1".repeat(32));
            assertThat(byHand).containsEntry("twilioMessageSid", "string:SM" + "2".repeat(32));
            byConnector.remove("twilioMessageSid");
            byHand.remove("twilioMessageSid");
            assertThat(byHand).isEqualTo(byConnector);
        }
    }

    private static Map<String, String> variables(HistoryService history, String processInstanceId) {
        Map<String, String> variables = new TreeMap<>();
        history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()
                .forEach(variable -> variables.put(variable.getVariableName(), variable.getVariableTypeName() + ":" + variable.getValue()));
        return variables;
    }
}
