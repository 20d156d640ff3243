package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;
import dev.twilioconnector.emulator.Message;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.twilioconnector.contract.ContractEngine.ActionProcess.GET_MESSAGE;
import static dev.twilioconnector.contract.ContractEngine.ActionProcess.LIST_MESSAGES;
import static dev.twilioconnector.contract.Verdicts.MESSAGE_SID;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;
import static dev.twilioconnector.contract.Verdicts.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

/** GET_MESSAGE and LIST_MESSAGES: the reads, filters and page requests fit Twilio's schema, and so do the messages and pages read. */
class MessageLookupContractTest extends ContractTest {

    private static final String MESSAGES = "/2010-04-01/Accounts/" + CheckedTwilio.ACCOUNT + "/Messages";
    /** What the README promises for each message in twilioResult. */
    private static final String[] MESSAGE_FIELDS = {"sid", "to", "from", "body", "status", "direction", "messagingServiceSid",
            "numSegments", "numMedia", "errorCode", "errorMessage", "price", "priceUnit", "dateCreated", "dateSent", "dateUpdated"};

    @Test
    void getMessageFetchesOneMessageByItsSid() {
        String sid = sent("2026-11-10T09:00:00Z").sid();

        Map<String, Object> variables = engine.run(GET_MESSAGE, Map.of("messageSid", sid));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.method() + " " + request.path()).isEqualTo("GET " + MESSAGES + "/" + sid + ".json");
        assertMessage(assertResult(variables));
    }

    @Test
    void listMessagesSendsEveryFilterAndFollowsThePages() {
        // Three messages in the range and pages of two: a limit of 3 needs the second page, whose request
        // (the link Twilio's first page gave) Prism checks as well.
        List.of("2026-11-02T08:00:00Z", "2026-11-10T12:00:00Z", "2026-11-22T17:59:00Z").forEach(this::sent);
        sent("2026-11-23T09:00:00Z");

        Map<String, Object> variables = engine.run(LIST_MESSAGES, Map.of("dateSentAfter", "2026-11-01", "dateSentBefore", "2026-11-22T18:00:00Z",
                "from", "+15005550006", "to", "+15551230001", "pageSize", 2, "limit", 3));

        List<Exchange> requests = assertPrismAccepted(twilio, 2);
        assertThat(requests).allSatisfy(request -> assertThat(request.method()).isEqualTo("GET"));
        assertThat(requests.get(0).url()).startsWith(MESSAGES + ".json?")
                .contains("DateSent%3E=", "DateSent%3C=", "From=%2B15005550006", "To=%2B15551230001", "PageSize=2");
        assertThat(requests.get(1).url()).contains("PageToken=");
        JsonNode messages = assertResult(variables);
        assertThat(messages.isArray()).isTrue();
        assertThat(messages).hasSize(3);
        messages.values().forEach(MessageLookupContractTest::assertMessage);
    }

    /**
     * Prism 5.16 does not check the parameters named {@code DateSent>} and {@code DateSent<} at all (it
     * takes any text for them) while it does check {@code DateSent}, whose schema in Twilio's document
     * is the same ({@code type: string, format: date-time}). So the connector's own values are handed to
     * Prism under that name, one request each.
     */
    @Test
    void listMessagesDateFiltersAreDateTimesAsTwilioTypesThem() throws IOException, InterruptedException {
        sent("2026-11-15T10:00:00Z");

        Map<String, Object> variables = engine.run(LIST_MESSAGES, Map.of("dateSentAfter", "2026-11-01",
                "dateSentBefore", "2026-11-22T18:00:00Z", "limit", 1));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(assertResult(variables)).hasSize(1);
        for (String name : List.of("DateSent%3E", "DateSent%3C")) {
            Matcher value = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(request.url());
            assertThat(value.find()).as("%s has %s", request.url(), name).isTrue();
            HttpResponse<String> answer = PrismClient.get(twilio.apiPrismUrl() + request.path() + "?DateSent=" + value.group(1),
                    request.authorization());
            assertThat(answer.statusCode()).as("Prism's answer to %s's value %s sent as DateSent: %s", name, value.group(1), answer.body())
                    .isEqualTo(200);
        }
    }

    /** A message Twilio holds from the application's number to Ada, sent at {@code when}: history to read. */
    private Message sent(String when) {
        Message message = Message.outbound(CheckedTwilio.ACCOUNT, "+15005550006", "+15551230001", "Your order ships today.",
                Message.DELIVERED, Instant.parse(when));
        twilio.emulator().addMessage(message);
        return message;
    }

    private static void assertMessage(JsonNode message) {
        assertThat(message.isObject()).as("message %s is an object", message).isTrue();
        assertThat(message.propertyNames()).contains(MESSAGE_FIELDS);
        assertThat(message.path("sid").asString()).matches(MESSAGE_SID);
        assertThat(message.path("status").asString()).isNotBlank();
    }
}
