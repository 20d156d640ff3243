package dev.twilioconnector.contract;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every contract test checks: Prism's verdict on the wire requests, and what the task left behind. */
final class Verdicts {

    static final String MESSAGE_SID = "(SM|MM)[0-9a-fA-F]{32}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Verdicts() {
    }

    /**
     * Exactly {@code count} requests reached Prism, Prism took each one and passed it on to Twilio, and
     * Twilio's answer fits Twilio's schema as well: a request that breaks it is answered 422, an answer that
     * breaks it 500 (or, for lesser findings, carries Prism's violations header), and the failure shows the
     * request and Prism's problem.
     */
    static List<Exchange> assertPrismAccepted(CheckedTwilio twilio, int count) {
        List<Exchange> exchanges = twilio.exchanges();
        assertThat(exchanges).as("requests that reached Prism").hasSize(count);
        assertThat(exchanges).allSatisfy(exchange -> {
            assertThat(exchange.status()).as("Prism's answer to %s", exchange).isBetween(200, 299);
            assertThat(exchange.violations()).as("what Prism found wrong in %s", exchange).isNull();
        });
        assertThat(twilio.forwarded()).as("requests Prism passed on to Twilio").hasSize(count);
        return exchanges;
    }

    /** The task's {@code twilioError} is null and its {@code twilioResult} is JSON. */
    static JsonNode assertResult(Map<String, Object> variables) {
        assertThat(variables).as("the task's output variables").containsEntry("twilioError", null);
        assertThat(variables.get("twilioResult")).as("twilioResult").isInstanceOf(String.class);
        return JSON.readTree((String) variables.get("twilioResult"));
    }

    /** SEND_SMS's result: one accepted message per recipient, in any order, each with a message SID and a status. */
    static void assertAccepted(Map<String, Object> variables, String... recipients) {
        JsonNode result = assertResult(variables);
        assertThat(result.isArray()).as("twilioResult %s is an array", result).isTrue();
        assertThat(result.values()).extracting(message -> message.path("to").asString()).containsExactlyInAnyOrder(recipients);
        assertThat(result.values()).allSatisfy(message -> {
            assertThat(message.path("sid").asString()).matches(MESSAGE_SID);
            assertThat(message.path("status").asString()).isNotBlank();
        });
    }
}
