package dev.twilioconnector.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static dev.twilioconnector.emulator.RawHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Listing messages: newest first, Twilio's paging fields, page tokens that stay exact, and the filters the connector uses. */
class PagingTest extends EmulatedTwilioTest {

    @Test
    void theSdkPagesThroughTheListAndSeesEveryMessageOnce() {
        String to = "+15551110004";
        List<String> sent = send(to, 5);
        send("+15551110005", 1);

        List<String> read = StreamSupport.stream(Message.reader().setTo(to).setPageSize(2L).read(client).spliterator(), false)
                .map(Message::getSid).toList();

        assertThat(read).containsExactlyElementsOf(sent);
        assertThat(twilio.requests(RequestMatch.messageList())).hasSize(3);
        List<String> lastHour = StreamSupport.stream(Message.reader().setTo(to).setPageSize(2L)
                .setDateSentAfter(ZonedDateTime.now().minusHours(1)).read(client).spliterator(), false).map(Message::getSid).toList();
        assertThat(lastHour).containsExactlyElementsOf(sent);
        assertThat(Message.reader().setTo(to).setDateSentBefore(ZonedDateTime.now().minusDays(2)).read(client)).isEmpty();
        assertThat(Message.reader().setFrom(new PhoneNumber(Account.DEFAULT_NUMBER)).read(client)).hasSize(6);
        assertThat(Message.reader().setFrom(new PhoneNumber("+15005550001")).read(client)).isEmpty();
        assertThat(Message.reader().setDateSent(ZonedDateTime.now(ZoneOffset.UTC)).read(client)).hasSize(6);
    }

    @Test
    void pagesAreTwiliosAndStayExactWhileNewMessagesArrive() {
        String to = "+15551110006";
        List<String> sent = send(to, 5);
        String filter = "To=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
        String messages = RawHttp.messages(twilio.accountSid());

        JsonNode first = json(RawHttp.get(twilio.baseUrl(), messages + "?" + filter + "&PageSize=2", authorization()));
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("page_size").asInt()).isEqualTo(2);
        assertThat(first.get("start").asInt()).isZero();
        assertThat(first.get("end").asInt()).isEqualTo(1);
        assertThat(first.get("previous_page_uri").isNull()).isTrue();
        assertThat(first.get("first_page_uri").asText()).isEqualTo(messages + "?To=%2B15551110006&PageSize=2&Page=0");
        assertThat(first.get("uri").asText()).isEqualTo(first.get("first_page_uri").asText());
        assertThat(first.get("next_page_uri").asText()).isEqualTo(messages + "?To=%2B15551110006&PageSize=2&Page=1&PageToken=PA" + sent.get(1));
        assertThat(sids(first)).containsExactly(sent.get(0), sent.get(1));

        // A message arriving between two pages must neither repeat one nor push one out of sight.
        String newer = send(to, 1).get(0);

        JsonNode second = json(RawHttp.get(twilio.baseUrl(), first.get("next_page_uri").asText(), authorization()));
        assertThat(sids(second)).containsExactly(sent.get(2), sent.get(3));
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("start").asInt()).isEqualTo(2);
        assertThat(second.get("previous_page_uri").asText()).endsWith("Page=0&PageToken=PB" + sent.get(2));

        JsonNode third = json(RawHttp.get(twilio.baseUrl(), second.get("next_page_uri").asText(), authorization()));
        assertThat(sids(third)).containsExactly(sent.get(4));
        assertThat(third.get("next_page_uri").isNull()).isTrue();
        assertThat(third.get("end").asInt()).isEqualTo(4);

        JsonNode back = json(RawHttp.get(twilio.baseUrl(), third.get("previous_page_uri").asText(), authorization()));
        assertThat(sids(back)).containsExactly(sent.get(2), sent.get(3));

        JsonNode fresh = json(RawHttp.get(twilio.baseUrl(), messages + "?" + filter + "&PageSize=1000", authorization()));
        assertThat(sids(fresh)).hasSize(6).first().isEqualTo(newer);
        assertThat(json(RawHttp.get(twilio.baseUrl(), messages + "?" + filter + "&PageSize=5000", authorization())).get("page_size").asInt())
                .isEqualTo(1000);
        assertThat(json(RawHttp.get(twilio.baseUrl(), messages + "?" + filter, authorization())).get("page_size").asInt()).isEqualTo(50);
    }

    @Test
    void anEmptyListAndABadDateAreAnsweredAsTwilioDoes() {
        String messages = RawHttp.messages(twilio.accountSid());

        JsonNode empty = json(RawHttp.get(twilio.baseUrl(), messages, authorization()));
        var badDate = RawHttp.get(twilio.baseUrl(), messages + "?DateSent=yesterday", authorization());

        assertThat(empty.get("messages").isArray()).isTrue();
        assertThat(empty.get("messages")).isEmpty();
        assertThat(empty.get("end").asInt()).isZero();
        assertThat(empty.get("next_page_uri").isNull()).isTrue();
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(json(badDate).get("code").asInt()).isEqualTo(20001);
    }

    @Test
    void historyPutInByTheTestIsListedByDateAndFilteredByWhenItWasSent() {
        String ada = "+15551110007";
        Instant november = Instant.parse("2026-11-05T09:00:00Z");
        dev.twilioconnector.emulator.Message delivered = dev.twilioconnector.emulator.Message.outbound(twilio.accountSid(), twilio.number(), ada,
                "Your order shipped", "delivered", november);
        dev.twilioconnector.emulator.Message older = dev.twilioconnector.emulator.Message.outbound(twilio.accountSid(), twilio.number(), ada,
                "Thanks for your order", "delivered", november.minus(Duration.ofDays(10)));
        twilio.addMessage(delivered);
        twilio.addMessage(older);
        String newest = send(ada, 1).get(0);

        List<Message> all = StreamSupport.stream(Message.reader().setTo(ada).read(client).spliterator(), false).toList();
        List<Message> sinceNovember = StreamSupport.stream(Message.reader().setTo(ada)
                .setDateSentAfter(ZonedDateTime.parse("2026-11-01T00:00:00Z")).setDateSentBefore(ZonedDateTime.parse("2026-11-30T00:00:00Z"))
                .read(client).spliterator(), false).toList();

        assertThat(all).extracting(Message::getSid).containsExactly(newest, delivered.sid(), older.sid());
        assertThat(sinceNovember).singleElement().satisfies(message -> {
            assertThat(message.getSid()).isEqualTo(delivered.sid());
            assertThat(message.getStatus()).isEqualTo(Message.Status.DELIVERED);
            assertThat(message.getDateSent().toInstant()).isEqualTo(november);
        });
    }

    /** Sends {@code count} messages to {@code to}; answers their SIDs newest first, as Twilio lists them. */
    private List<String> send(String to, int count) {
        List<String> sids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            sids.add(0, Message.creator(new PhoneNumber(to), new PhoneNumber(Account.DEFAULT_NUMBER), "Page test " + i).create(client).getSid());
        }
        return sids;
    }

    private static List<String> sids(JsonNode page) {
        List<String> sids = new ArrayList<>();
        page.get("messages").forEach(message -> sids.add(message.get("sid").asText()));
        return sids;
    }
}
