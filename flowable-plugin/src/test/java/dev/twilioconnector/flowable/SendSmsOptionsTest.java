package dev.twilioconnector.flowable;

import dev.twilioconnector.emulator.RequestMatch;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/** SEND_SMS beyond text: MMS, Messaging Services, status callbacks, WhatsApp templates and scheduled sending. */
@FlowableTest
class SendSmsOptionsTest extends EngineTestBase {

    private static final String PROCESS = "dev/twilioconnector/flowable/sendSmsFromVariables.bpmn20.xml";
    private static final String SERVICE = "MG00000000000000000000000000000007";


    @Test
    @Deployment(resources = PROCESS)
    void attachesEveryMediaUrlInOrder() {
        Map<String, Object> variables = send(Map.of("smsFrom", "+15005550006", "smsBody", "Your ticket",
                "smsMediaUrl", "https://example.com/ticket.png, https://example.com/map.jpg"));

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(onlyForm()).containsEntry("MediaUrl", List.of("https://example.com/ticket.png", "https://example.com/map.jpg"))
                .containsEntry("Body", List.of("Your ticket"));
    }

    @Test
    @Deployment(resources = PROCESS)
    void sendsMediaWithoutText() {
        Map<String, Object> variables = send(Map.of("smsFrom", "+15005550006", "smsMediaUrl", List.of("https://example.com/cat.gif")));

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(onlyForm()).containsEntry("MediaUrl", List.of("https://example.com/cat.gif")).doesNotContainKey("Body");
    }

    @Test
    @Deployment(resources = PROCESS)
    void sendsThroughAMessagingServiceWithAStatusCallback() {
        twilio.statusReportStep(null); // no status reports to sms.example.com
        Map<String, Object> variables = send(Map.of("smsMessagingServiceSid", SERVICE, "smsBody", "Hi",
                "smsStatusCallback", "https://sms.example.com/twilio/status"));

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(onlyForm()).containsEntry("MessagingServiceSid", List.of(SERVICE)).doesNotContainKey("From")
                .containsEntry("StatusCallback", List.of("https://sms.example.com/twilio/status"));
    }

    @Test
    @Deployment(resources = PROCESS)
    void sendsAnApprovedWhatsAppTemplate() {
        Map<String, Object> variables = send(Map.of("smsFrom", "whatsapp:+15005550006", "smsTo", "whatsapp:+15551230001",
                "smsContentSid", "HX00000000000000000000000000000001",
                "smsContentVariables", new java.util.TreeMap<>(Map.of("1", "Ada", "2", "Tuesday"))));

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(onlyForm()).containsEntry("To", List.of("whatsapp:+15551230001")).containsEntry("From", List.of("whatsapp:+15005550006"))
                .containsEntry("ContentSid", List.of("HX00000000000000000000000000000001"))
                .containsEntry("ContentVariables", List.of("{\"1\":\"Ada\",\"2\":\"Tuesday\"}")).doesNotContainKey("Body");
    }

    @Test
    @Deployment(resources = PROCESS)
    void schedulesThroughTheMessagingService() {
        Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        Map<String, Object> variables = send(Map.of("smsMessagingServiceSid", SERVICE, "smsBody", "Happy birthday!",
                "smsSendAt", at.toString()));

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(onlyForm()).containsEntry("MessagingServiceSid", List.of(SERVICE)).containsEntry("ScheduleType", List.of("fixed"))
                .containsKey("SendAt");
        // the SDK drops the zone; the connector hands it UTC and puts the Z back
        assertThat(onlyForm().get("SendAt")).containsExactly(at.toString());
    }

    @Test
    @Deployment(resources = PROCESS)
    void refusesBadOptionsBeforeSendingAnything() {
        String tooMany = String.join(",", java.util.Collections.nCopies(11, "https://example.com/x.png"));
        assertProblem(Map.of("smsBody", "x", "smsMediaUrl", tooMany), "smsMediaUrl names 11 media URLs; Twilio accepts at most 10");
        assertProblem(Map.of("smsBody", "x", "smsMediaUrl", "ftp://example.com/x.png"), "smsMediaUrl 'ftp://example.com/x.png' is not an http(s) URL");
        assertProblem(Map.of("smsBody", "x", "smsStatusCallback", "not a url"), "smsStatusCallback 'not a url' is not an http(s) URL");
        assertProblem(Map.of("smsContentSid", "XX1"), "smsContentSid 'XX1' must be a content template SID starting with HX");
        assertProblem(Map.of("smsContentSid", "HX1", "smsContentVariables", "[1,2]"), "smsContentVariables must be a JSON object");
        assertProblem(Map.of("smsBody", "x", "smsContentVariables", "{\"1\":\"a\"}"), "smsContentVariables is set without smsContentSid");
        assertProblem(Map.of("smsBody", "x", "smsMessagingServiceSid", SERVICE, "smsSendAt", "2030-01-01T09:00"),
                "smsSendAt '2030-01-01T09:00' is not a time with its zone");
        assertProblem(Map.of("smsBody", "x", "smsMessagingServiceSid", SERVICE, "smsSendAt", Instant.now().plusSeconds(300).toString()),
                "is not between 15 minutes and 35 days from now");
        assertProblem(Map.of("smsBody", "x", "smsFrom", "+15005550006", "smsSendAt", Instant.now().plus(Duration.ofHours(1)).toString()),
                "scheduled sending (smsSendAt) needs a Messaging Service");
        assertThat(sent()).isEmpty();
    }

    private void assertProblem(Map<String, Object> options, String message) {
        Map<String, Object> variables = new HashMap<>(Map.of("smsFrom", "+15005550006"));
        variables.putAll(options);
        JsonNode error = json(send(variables).get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").isNull()).isTrue();
        assertThat(error.get(0).get("message").asString()).contains(message);
    }

    private Map<String, Object> send(Map<String, Object> options) {
        Map<String, Object> variables = new HashMap<>(options);
        variables.putIfAbsent("smsTo", "+15551230001");
        return ofEnded(history, runtime.startProcessInstanceByKey("sendSmsFromVariables", variables).getId());
    }

    private Map<String, List<String>> onlyForm() {
        assertThat(twilio.requests(RequestMatch.messageCreation())).hasSize(1);
        return twilio.requests(RequestMatch.messageCreation()).get(0).form();
    }
}
