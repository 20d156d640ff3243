package dev.twilioconnector.emulator;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The message store, Twilio's dates and segment counts, and JSON as the emulator writes it, without any HTTP. */
class MessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void onlyTheNewestAreKeptAndListsAreOldestFirst() {
        Messages messages = new Messages(3);
        List<Message> added = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Message message = message("AC1", String.valueOf(i));
            added.add(message);
            messages.add(message);
        }

        assertThat(messages.all()).containsExactlyElementsOf(added.subList(1, 4));
        assertThat(messages.find(added.get(0).sid())).isEmpty();
        assertThat(messages.size()).isEqualTo(3);
        assertThat(messages.capacity()).isEqualTo(3);
        assertThat(messages.newestFirst("AC1", message -> true)).extracting(Message::body).containsExactly("4", "3", "2");
        assertThat(messages.newestFirst("AC2", message -> true)).isEmpty();
        assertThat(messages.toString()).isEqualTo("Messages[3 of at most 3]");
    }

    @Test
    void anUpdateKeepsTheMessageInPlaceAndClearForgetsEverything() {
        Messages messages = new Messages(10);
        Message first = message("AC1", "first");
        Message second = message("AC1", "second");
        messages.add(first);
        messages.add(second);

        assertThat(messages.update(first.sid(), message -> message.withStatus(Message.SENT, null, NOW.plusSeconds(1)))).get()
                .satisfies(updated -> {
                    assertThat(updated.status()).isEqualTo("sent");
                    assertThat(updated.dateSent()).isEqualTo(NOW.plusSeconds(1));
                    assertThat(updated.dateUpdated()).isEqualTo(NOW.plusSeconds(1));
                });
        assertThat(messages.all()).extracting(Message::body).containsExactly("first", "second");
        assertThat(messages.update(Sids.message(), message -> message)).isEmpty();

        messages.clear();

        assertThat(messages.all()).isEmpty();
    }

    @Test
    void aStoreOfNoneKeepsNothing() {
        Messages none = new Messages(0);

        none.add(message("AC1", "gone"));

        assertThat(none.all()).isEmpty();
        assertThatThrownBy(() -> new Messages(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentWritersLoseNothingAndNeverExceedTheBound() throws Exception {
        Messages store = new Messages(1000);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                writers.add(() -> {
                    List<String> sids = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        Message message = message("AC1", "x");
                        store.add(message);
                        sids.add(message.sid());
                        store.all();
                    }
                    return sids;
                });
            }
            Set<String> written = new HashSet<>();
            for (Future<List<String>> result : threads.invokeAll(writers)) {
                written.addAll(result.get());
            }

            assertThat(written).hasSize(1600);
            assertThat(store.size()).isEqualTo(1000);
            assertThat(written).containsAll(store.all().stream().map(Message::sid).toList());
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void datesAreWrittenLikeTwilio() {
        assertThat(TwilioJson.rfc2822(NOW)).isEqualTo("Sun, 22 Nov 2026 10:00:00 +0000");
        assertThat(TwilioJson.rfc2822(Instant.parse("2026-03-07T09:05:03.999Z"))).isEqualTo("Sat, 07 Mar 2026 09:05:03 +0000");
        assertThat(TwilioJson.iso8601(Instant.parse("2026-03-07T09:05:03.999Z"))).isEqualTo("2026-03-07T09:05:03Z");
    }

    @Test
    void segmentsAreCountedLikeSms() {
        assertThat(Map.of(
                "", 1,
                "a".repeat(160), 1,
                "a".repeat(161), 2,
                "a".repeat(306), 2,
                "a".repeat(307), 3,
                "€".repeat(80), 1,
                "€".repeat(81), 2,
                "ü".repeat(160), 1,
                "ç".repeat(70), 1,
                "ç".repeat(71), 2)).allSatisfy((body, segments) -> assertThat(SmsSegments.of(body)).as(body).isEqualTo(segments));
        assertThat(SmsSegments.of("👋".repeat(35))).isEqualTo(1);
        assertThat(SmsSegments.of("👋".repeat(36))).isEqualTo(2);
    }

    @Test
    void jsonIsWrittenWithItsEscapesAndInOrder() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é 👋");
        json.put("none", null);
        json.put("number", 42);
        json.put("yes", true);
        json.put("list", List.of("a", 1, Map.of()));

        assertThat(Json.write(json)).isEqualTo("{\"text\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é 👋\","
                + "\"none\":null,\"number\":42,\"yes\":true,\"list\":[\"a\",1,{}]}");
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formsAreDecodedInOrderWithRepeatedNames() {
        Map<String, List<String>> form = FormCodec.decode("To=%2B1555&MediaUrl=a&Body=a+b%26c&MediaUrl=b&Empty=&Bare&bad=%zz");

        assertThat(form.keySet()).containsExactly("To", "MediaUrl", "Body", "Empty", "Bare", "bad");
        assertThat(form).containsEntry("To", List.of("+1555")).containsEntry("MediaUrl", List.of("a", "b"))
                .containsEntry("Body", List.of("a b&c")).containsEntry("Empty", List.of("")).containsEntry("Bare", List.of(""))
                .containsEntry("bad", List.of("%zz"));
        assertThat(FormCodec.decode(FormCodec.encode(form))).isEqualTo(form);
        assertThat(FormCodec.decode(null)).isEmpty();
    }

    private static Message message(String accountSid, String body) {
        return new Message(Sids.message(), accountSid, Message.OUTBOUND_API, "+15005550006", "+15551230001", body, Message.QUEUED, null, null,
                List.of(), null, NOW, null, NOW, null);
    }
}
