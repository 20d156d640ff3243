package dev.twilioconnector.flowable;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.test.ConfigurationResource;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/** Twilio (or the proxy in front of it) refusing connections: reported per recipient, the process completes. */
@FlowableTest
@ConfigurationResource("unreachable.cfg.xml")
class UnreachableTwilioTest {

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsFromVariables.bpmn20.xml")
    void reportsTheRefusedConnectionForEachRecipient(RuntimeService runtime, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendSmsFromVariables",
                Map.of("smsFrom", "+15005550006", "smsTo", "+15551230001,+15551230002", "smsBody", "Hello")).getId();

        Map<String, Object> variables = ofEnded(history, pid);
        JsonNode error = json(variables.get("twilioError"));
        assertThat(error).hasSize(2);
        assertThat(error).allSatisfy(problem -> {
            assertThat(problem.get("message").asString()).startsWith("cannot connect to Twilio at http://127.0.0.1:");
            assertThat(problem.get("status").isNull()).isTrue();
        });
        assertThat(json(variables.get("twilioResult"))).isEmpty();
    }
}
