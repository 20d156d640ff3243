package dev.twilioconnector.flowable;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.twilioconnector.flowable.FakeTwilio.twilioError;
import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/** GET_MESSAGE and LIST_MESSAGES: reading messages back, with Twilio's paging followed. */
@FlowableTest
class LookupActionsTest {

    private static final String BASE = "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT + "/Messages";
    private static final String SID = "SM0123456789abcdef0123456789abcdef";

    private final FakeTwilio twilio = FakeTwilio.shared();
    private RuntimeService runtime;
    private HistoryService history;

    @BeforeEach
    void setUp(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
        twilio.reset();
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/getMessage.bpmn20.xml")
    void getsOneMessage() {
        twilio.answer(get(urlPathEqualTo(BASE + "/" + SID + ".json")).willReturn(okJson(message(SID, "+15551230001", "delivered"))));

        Map<String, Object> variables = run("getMessage", Map.of("messageSid", SID));

        JsonNode message = json(variables.get("twilioResult"));
        assertThat(message.get("sid").asString()).isEqualTo(SID);
        assertThat(message.get("status").asString()).isEqualTo("delivered");
        assertThat(message.get("to").asString()).isEqualTo("+15551230001");
        assertThat(message.get("dateSent").asString()).isEqualTo("2026-11-22T10:00:05Z");
        assertThat(variables).containsEntry("twilioError", null);
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/getMessage.bpmn20.xml")
    void reportsAnUnknownMessage() {
        twilio.answer(get(urlPathEqualTo(BASE + "/" + SID + ".json")).willReturn(twilioError(404, 20404, "The requested resource was not found")));

        Map<String, Object> variables = run("getMessage", Map.of("messageSid", SID));

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
        assertThat(twilio.requestCount()).isZero();
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/listMessages.bpmn20.xml")
    void listsAcrossPagesWithTheFilters() {
        String next = BASE + ".json?To=%2B15551230001&PageSize=2&Page=1&PageToken=PAsecondpage";
        twilio.answer(get(urlPathEqualTo(BASE + ".json")).withQueryParam("PageToken", absent())
                .withQueryParam("To", equalTo("+15551230001")).withQueryParam("PageSize", equalTo("2"))
                .withQueryParam("DateSent>", equalTo("2026-11-01T00:00:00Z"))
                .willReturn(okJson(page(next, message("SM00000000000000000000000000000001", "+15551230001", "delivered"),
                        message("SM00000000000000000000000000000002", "+15551230001", "failed")))));
        twilio.answer(get(urlPathEqualTo(BASE + ".json")).withQueryParam("PageToken", equalTo("PAsecondpage"))
                .willReturn(okJson(page(null, message("SM00000000000000000000000000000003", "+15551230001", "sent")))));

        Map<String, Object> variables = run("listMessages", Map.of("to", "+15551230001", "pageSize", 2, "dateSentAfter", "2026-11-01"));

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(json(variables.get("twilioResult")).values()).extracting(node -> node.get("sid").asString())
                .containsExactly("SM00000000000000000000000000000001", "SM00000000000000000000000000000002", "SM00000000000000000000000000000003");
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/listMessages.bpmn20.xml")
    void aTimeWithAnotherZoneIsSentAsTheSameInstantInUtc() {
        twilio.answer(get(urlPathEqualTo(BASE + ".json")).withQueryParam("DateSent<", equalTo("2026-11-10T08:00:00Z"))
                .willReturn(okJson(page(null))));

        Map<String, Object> variables = run("listMessages", Map.of("dateSentBefore", "2026-11-10T10:00:00+02:00"));

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(json(variables.get("twilioResult"))).isEmpty();
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/listMessages.bpmn20.xml")
    void stopsAtTheLimit() {
        twilio.answer(get(urlPathEqualTo(BASE + ".json")).willReturn(okJson(page(BASE + ".json?PageSize=50&Page=1&PageToken=PAmore",
                message("SM00000000000000000000000000000001", "+15551230001", "delivered"),
                message("SM00000000000000000000000000000002", "+15551230002", "delivered")))));

        Map<String, Object> variables = run("listMessages", Map.of("limit", 1));

        assertThat(json(variables.get("twilioResult"))).hasSize(1);
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/listMessages.bpmn20.xml")
    void refusesBadFiltersBeforeAsking() {
        assertListProblem(Map.of("pageSize", 0), "pageSize must be a whole number from 1 to 1000, was '0'");
        assertListProblem(Map.of("pageSize", 1001), "pageSize must be a whole number from 1 to 1000, was '1001'");
        assertListProblem(Map.of("limit", "many"), "limit must be a whole number of at least 1, was 'many'");
        assertListProblem(Map.of("dateSentAfter", "yesterday"), "dateSentAfter 'yesterday' is not a date");
        assertListProblem(Map.of("to", "555-0100"), "to '555-0100' is not a phone number in E.164 form");
        assertThat(twilio.requestCount()).isZero();
    }

    private void assertListProblem(Map<String, Object> filters, String message) {
        Map<String, Object> variables = run("listMessages", filters);
        assertThat(json(variables.get("twilioResult"))).isEmpty();
        assertThat(json(variables.get("twilioError")).get(0).get("message").asString()).contains(message);
    }

    private Map<String, Object> run(String process, Map<String, Object> variables) {
        return ofEnded(history, runtime.startProcessInstanceByKey(process, new HashMap<>(variables)).getId());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String message(String sid, String to, String status) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + FakeTwilio.ACCOUNT + "\",\"to\":\"" + to + "\",\"from\":\"+15005550006\","
                + "\"body\":\"Hello\",\"status\":\"" + status + "\",\"direction\":\"outbound-api\",\"num_segments\":\"1\",\"num_media\":\"0\","
                + "\"error_code\":null,\"error_message\":null,\"price\":\"-0.00790\",\"price_unit\":\"USD\",\"api_version\":\"2010-04-01\","
                + "\"date_created\":\"Sun, 22 Nov 2026 10:00:00 +0000\",\"date_sent\":\"Sun, 22 Nov 2026 10:00:05 +0000\","
                + "\"date_updated\":\"Sun, 22 Nov 2026 10:00:07 +0000\",\"uri\":\"" + BASE + "/" + sid + ".json\"}";
    }

    private static String page(String nextPageUri, String... messages) {
        return "{\"messages\":[" + String.join(",", messages) + "],\"page\":0,\"page_size\":" + messages.length
                + ",\"first_page_uri\":\"" + BASE + ".json?PageSize=2&Page=0\",\"previous_page_uri\":null,"
                + "\"next_page_uri\":" + (nextPageUri == null ? "null" : "\"" + nextPageUri + "\"")
                + ",\"uri\":\"" + BASE + ".json\",\"start\":0,\"end\":" + (messages.length - 1) + "}";
    }
}
