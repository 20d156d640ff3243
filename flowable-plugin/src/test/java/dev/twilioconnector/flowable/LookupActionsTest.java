package dev.twilioconnector.flowable;

import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.RecordedRequest;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.emulator.RequestMatch.messageList;
import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/** GET_MESSAGE and LIST_MESSAGES: reading messages back, with Twilio's paging followed. */
@FlowableTest
class LookupActionsTest extends EngineTestBase {

    private static final String ADA = "+15551230001";

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/getMessage.bpmn20.xml")
    void getsOneMessage() {
        String sid = sentEarlier(ADA, Message.DELIVERED, "2026-11-22T10:00:05Z");

        Map<String, Object> variables = run("getMessage", Map.of("messageSid", sid));

        JsonNode message = json(variables.get("twilioResult"));
        assertThat(message.get("sid").asString()).isEqualTo(sid);
        assertThat(message.get("status").asString()).isEqualTo("delivered");
        assertThat(message.get("to").asString()).isEqualTo(ADA);
        assertThat(message.get("dateSent").asString()).isEqualTo("2026-11-22T10:00:05Z");
        assertThat(variables).containsEntry("twilioError", null);
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/getMessage.bpmn20.xml")
    void reportsAnUnknownMessage() {
        // Twilio holds no such message: it answers 404 with its code 20404.
        Map<String, Object> variables = run("getMessage", Map.of("messageSid", "SM0123456789abcdef0123456789abcdef"));

        assertThat(variables).containsEntry("twilioResult", null);
        JsonNode error = json(variables.get("twilioError")).get(0);
        assertThat(error.get("code").asInt()).isEqualTo(20404);
        assertThat(error.get("status").asInt()).isEqualTo(404);
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/getMessage.bpmn20.xml")
    void refusesSomethingThatIsNoMessageSid() {
        Map<String, Object> variables = run("getMessage", Map.of("messageSid", "CA123"));

        assertThat(json(variables.get("twilioError")).get(0).get("message").asString())
                .isEqualTo("messageSid 'CA123' is not a message SID (SM or MM and 32 hex digits)");
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/listMessages.bpmn20.xml")
    void listsAcrossPagesWithTheFilters() {
        String newest = sentEarlier(ADA, Message.DELIVERED, "2026-11-22T10:00:00Z");
        String middle = sentEarlier(ADA, Message.FAILED, "2026-11-15T10:00:00Z");
        String oldest = sentEarlier(ADA, Message.SENT, "2026-11-01T08:00:00Z");
        sentEarlier(ADA, Message.DELIVERED, "2026-10-31T23:59:59Z");
        sentEarlier("+15551230002", Message.DELIVERED, "2026-11-22T10:00:00Z");

        Map<String, Object> variables = run("listMessages", Map.of("to", ADA, "pageSize", 2, "dateSentAfter", "2026-11-01"));

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(json(variables.get("twilioResult")).values()).extracting(node -> node.get("sid").asString())
                .containsExactly(newest, middle, oldest);
        List<RecordedRequest> requests = twilio.requests(messageList());
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).param("To")).isEqualTo(ADA);
        assertThat(requests.get(0).param("PageSize")).isEqualTo("2");
        assertThat(requests.get(0).param("DateSent>")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(requests.get(0).param("PageToken")).isNull();
        assertThat(requests.get(1).param("PageToken")).isEqualTo("PA" + middle);
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/listMessages.bpmn20.xml")
    void aTimeWithAnotherZoneIsSentAsTheSameInstantInUtc() {
        String before = sentEarlier(ADA, Message.DELIVERED, "2026-11-10T07:59:59Z");
        sentEarlier(ADA, Message.DELIVERED, "2026-11-10T08:00:01Z");

        Map<String, Object> variables = run("listMessages", Map.of("dateSentBefore", "2026-11-10T10:00:00+02:00"));

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(json(variables.get("twilioResult")).values()).extracting(node -> node.get("sid").asString()).containsExactly(before);
        assertThat(twilio.requests(messageList())).singleElement()
                .satisfies(request -> assertThat(request.param("DateSent<")).isEqualTo("2026-11-10T08:00:00Z"));
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/listMessages.bpmn20.xml")
    void stopsAtTheLimit() {
        sentEarlier(ADA, Message.DELIVERED, "2026-11-22T10:00:00Z");
        sentEarlier("+15551230002", Message.DELIVERED, "2026-11-22T10:01:00Z");
        sentEarlier("+15551230003", Message.DELIVERED, "2026-11-22T10:02:00Z");

        Map<String, Object> variables = run("listMessages", Map.of("limit", 1));

        assertThat(json(variables.get("twilioResult"))).hasSize(1);
        assertThat(twilio.requests(messageList())).as("no page read beyond the limit").hasSize(1);
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/listMessages.bpmn20.xml")
    void refusesBadFiltersBeforeAsking() {
        assertListProblem(Map.of("pageSize", 0), "pageSize must be a whole number from 1 to 1000, was '0'");
        assertListProblem(Map.of("pageSize", 1001), "pageSize must be a whole number from 1 to 1000, was '1001'");
        assertListProblem(Map.of("limit", "many"), "limit must be a whole number of at least 1, was 'many'");
        assertListProblem(Map.of("dateSentAfter", "yesterday"), "dateSentAfter 'yesterday' is not a date");
        assertListProblem(Map.of("to", "555-0100"), "to '555-0100' is not a phone number in E.164 form");
        assertThat(twilio.requests()).isEmpty();
    }

    private void assertListProblem(Map<String, Object> filters, String message) {
        Map<String, Object> variables = run("listMessages", filters);
        assertThat(json(variables.get("twilioResult"))).isEmpty();
        assertThat(json(variables.get("twilioError")).get(0).get("message").asString()).contains(message);
    }

    /** A message Twilio holds from before: sent to {@code to} at {@code at}, now in {@code status}. */
    private String sentEarlier(String to, String status, String at) {
        Message message = Message.outbound(twilio.accountSid(), "+15005550006", to, "Hello", status, Instant.parse(at));
        twilio.addMessage(message);
        return message.sid();
    }

    private Map<String, Object> run(String process, Map<String, Object> variables) {
        return ofEnded(history, runtime.startProcessInstanceByKey(process, new HashMap<>(variables)).getId());
    }
}
