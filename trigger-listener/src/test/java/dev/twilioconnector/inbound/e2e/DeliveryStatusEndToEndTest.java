package dev.twilioconnector.inbound.e2e;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery reports over real HTTP: signed, published as SMS_STATUS once per message and status, waking the waiting process. */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-status-e2e;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml",
        "twilio.account=" + InboundEndToEndTest.ACCOUNT,
        "twilio.token=" + InboundEndToEndTest.TOKEN})
class DeliveryStatusEndToEndTest {

    private static final String ADA = "+15551230001";

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    TaskService tasks;

    private final TwilioWebhookClient twilio = new TwilioWebhookClient(InboundEndToEndTest.TOKEN);

    @Test
    void theDeliveredReportWakesTheProcessWaitingForItsMessage() {
        String sid = sid();
        String waiting = runtime.startProcessInstanceByKey("awaitDelivery", Map.of("messageSid", sid)).getId();
        String other = runtime.startProcessInstanceByKey("awaitDelivery", Map.of("messageSid", sid())).getId();

        assertThat(twilio.postSigned(statusUrl(), report(sid, "sent", null)).statusCode()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().processInstanceId(waiting).count()).as("'sent' is not 'delivered'").isZero();

        HttpResponse<String> response = twilio.postSigned(statusUrl(), report(sid, "delivered", null));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().processInstanceId(waiting).singleResult().getTaskDefinitionKey()).isEqualTo("delivered");
        assertThat(runtime.getVariable(waiting, "deliveredTo")).isEqualTo(ADA);
        assertThat(tasks.createTaskQuery().processInstanceId(other).count()).as("another message's process").isZero();
    }

    @Test
    void aRepeatedReportIsPublishedOnceAndEachStatusOnce() {
        String sid = sid();
        Map<String, String> undelivered = report(sid, "undelivered", "30003");

        List<Integer> answers = List.of(
                twilio.postSigned(statusUrl(), undelivered).statusCode(),
                twilio.postSigned(statusUrl(), undelivered).statusCode(),
                twilio.postSigned(statusUrl(), report(sid, "failed", "30003")).statusCode());

        assertThat(answers).containsOnly(204);
        assertThat(reported(sid)).containsExactlyInAnyOrder("undelivered", "failed");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("reportStatus")
                .variableValueEquals("messageSid", sid).includeProcessVariables().list())
                .allSatisfy(instance -> assertThat(instance.getProcessVariables()).containsEntry("errorCode", 30003));
    }

    @Test
    void anUnsignedOrIncompleteReportIsRefusedAndPublishesNothing() {
        String sid = sid();
        Map<String, String> delivered = report(sid, "delivered", null);
        Map<String, String> withoutStatus = report(sid, "delivered", null);
        withoutStatus.remove("MessageStatus");
        withoutStatus.remove("SmsStatus");

        assertThat(twilio.post(statusUrl(), delivered, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(twilio.post(statusUrl(), delivered, twilio.sign(webhookOf("/twilio/sms"), delivered), Map.of()).statusCode())
                .as("signed for another URL").isEqualTo(403);
        assertThat(twilio.postSigned(statusUrl(), withoutStatus).statusCode()).isEqualTo(400);
        assertThat(reported(sid)).isEmpty();
    }

    /** The statuses that started a reportStatus instance for {@code sid}. */
    private List<Object> reported(String sid) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("reportStatus")
                .variableValueEquals("messageSid", sid).includeProcessVariables().list().stream()
                .map(instance -> instance.getProcessVariables().get("status")).toList();
    }

    /** What Twilio posts to a status callback. */
    private static Map<String, String> report(String sid, String status, String errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("AccountSid", InboundEndToEndTest.ACCOUNT);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("To", ADA);
        form.put("From", "+15005550006");
        form.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return form;
    }

    private String statusUrl() {
        return webhookOf("/twilio/status");
    }

    private String webhookOf(String path) {
        return "http://localhost:" + port + path;
    }

    private static String sid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }
}
