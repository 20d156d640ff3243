package dev.twilioconnector.flowable;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.test.ConfigurationResource;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/** An engine deployed without TWILIO_ACCOUNT / TWILIO_TOKEN still runs its processes to the end. */
@FlowableTest
@ConfigurationResource("no-credentials.cfg.xml")
class NoCredentialsTest extends EngineTestBase {

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsFromVariables.bpmn20.xml")
    void reportsMissingCredentialsAndSendsNothing(RuntimeService runtime, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendSmsFromVariables",
                Map.of("smsFrom", "+15005550006", "smsTo", "+15551230001", "smsBody", "Hello")).getId();

        SendSmsProblemsTest.assertWholeSendProblem(ofEnded(history, pid), "Twilio credentials are not configured: set TWILIO_ACCOUNT and TWILIO_TOKEN");
        assertThat(sent()).isEmpty();
    }
}
