package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery reports over real HTTP, posted and signed by the emulator as Twilio posts them: published as
 * SMS_STATUS once per message and status, waking the waiting process.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-status-e2e;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml"})
class DeliveryStatusEndToEndTest extends EndToEndTest {

    @Test
    void theDeliveredReportWakesTheProcessWaitingForItsMessage() {
        String sid = sid();
        String waiting = runtime.startProcessInstanceByKey("awaitDelivery", Map.of("messageSid", sid)).getId();
        String other = runtime.startProcessInstanceByKey("awaitDelivery", Map.of("messageSid", sid())).getId();

        assertThat(post(report(sid, "sent", null)).status()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().processInstanceId(waiting).count()).as("'sent' is not 'delivered'").isZero();

        WebhookAnswer response = post(report(sid, "delivered", null));

        assertThat(response.status()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().processInstanceId(waiting).singleResult().getTaskDefinitionKey()).isEqualTo("delivered");
        assertThat(runtime.getVariable(waiting, "deliveredTo")).isEqualTo(ADA);
        assertThat(tasks.createTaskQuery().processInstanceId(other).count()).as("another message's process").isZero();
    }

    @Test
    void aRepeatedReportIsPublishedOnceAndEachStatusOnce() {
        String sid = sid();
        Map<String, String> undelivered = report(sid, "undelivered", 30003);

        List<Integer> answers = List.of(
                post(undelivered).status(),
                post(undelivered).status(),
                post(report(sid, "failed", 30003)).status());

        assertThat(answers).containsOnly(204);
        assertThat(reported(sid)).containsExactlyInAnyOrder("undelivered", "failed");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("reportStatus")
                .variableValueEquals("messageSid", sid).includeProcessVariables().list())
                .allSatisfy(instance -> assertThat(instance.getProcessVariables()).containsEntry("errorCode", 30003));
    }

    @Test
    void anUnsignedOrIncompleteReportIsRefusedAndPublishesNothing() throws Exception {
        String sid = sid();
        Map<String, String> delivered = report(sid, "delivered", null);
        Map<String, String> withoutStatus = report(sid, "delivered", null);
        withoutStatus.remove("MessageStatus");
        withoutStatus.remove("SmsStatus");

        assertThat(HandMadeRequests.postForm(statusUrl(), delivered, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(twilio.webhooks().post(statusUrl(), url("/twilio/sms"), delivered).status())
                .as("signed for another URL").isEqualTo(403);
        assertThat(post(withoutStatus).status()).isEqualTo(400);
        assertThat(reported(sid)).isEmpty();
    }

    /** The statuses that started a reportStatus instance for {@code sid}. */
    private List<Object> reported(String sid) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("reportStatus")
                .variableValueEquals("messageSid", sid).includeProcessVariables().list().stream()
                .map(instance -> instance.getProcessVariables().get("status")).toList();
    }

    /** What Twilio posts to a status callback. */
    private Map<String, String> report(String sid, String status, Integer errorCode) {
        return TwilioForms.statusReport(twilio.accountSid(), sid, twilio.number(), ADA, status, errorCode);
    }

    /** Posts a report to the status webhook as Twilio does, signed. */
    private WebhookAnswer post(Map<String, String> report) {
        return twilio.webhooks().post(statusUrl(), report);
    }

    private String statusUrl() {
        return url("/twilio/status");
    }
}
