package dev.twilioconnector.sample.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's message store and Twilio's JSON details, without an application. */
class SandboxMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final SandboxMessages messages = new SandboxMessages(3, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void messagesGetTwilioSidsAndAreListedNewestFirst() {
        SandboxMessage first = messages.create(SandboxMessage.OUTBOUND, "+15005550006", "+15551230001", "one", "queued", List.of(), null);
        SandboxMessage second = messages.create(SandboxMessage.INBOUND, "+15551230001", "+15005550006", "two", "received",
                List.of("https://example.com/a.png"), "Thanks");

        assertThat(first.sid()).matches("^SM[0-9a-f]{32}$").isNotEqualTo(second.sid());
        assertThat(first.createdAt()).isEqualTo(NOW);
        assertThat(messages.newestFirst()).containsExactly(second, first);
        assertThat(messages.outbound()).containsExactly(first);
        assertThat(messages.inbound()).containsExactly(second);
        assertThat(messages.find(second.sid())).contains(second);
        assertThat(messages.find("SMunknown")).isEmpty();
        assertThat(second.mediaUrls()).containsExactly("https://example.com/a.png");
        assertThat(second.reply()).isEqualTo("Thanks");
    }

    @Test
    void onlyTheNewestAreKept() {
        SandboxMessage oldest = messages.createOutbound("+15005550006", "+15551230001", "1", List.of(), "MG1");
        List<SandboxMessage> newer = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            newer.add(0, messages.createOutbound("+15005550006", "+15551230001", String.valueOf(i), List.of(), "MG" + i));
        }

        assertThat(messages.newestFirst()).containsExactlyElementsOf(newer);
        assertThat(messages.find(oldest.sid())).isEmpty();
        assertThat(messages.messagingServiceSid(oldest.sid())).isEmpty();
        assertThat(messages.messagingServiceSid(newer.get(0).sid())).contains("MG4");
        assertThat(messages.size()).isEqualTo(3);
    }

    @Test
    void anUpdateKeepsTheMessageInPlaceAndClearForgetsEverything() {
        SandboxMessage inbound = messages.create(SandboxMessage.INBOUND, "+15551230001", "+15005550006", "hi", "received", List.of(), null);
        SandboxMessage later = messages.create(SandboxMessage.OUTBOUND, "+15005550006", "+15551230001", "answer", "queued", List.of(), null);

        assertThat(messages.update(inbound.withReply("Hello"))).isTrue();
        assertThat(messages.newestFirst()).extracting(SandboxMessage::sid).containsExactly(later.sid(), inbound.sid());
        assertThat(messages.find(inbound.sid())).get().extracting(SandboxMessage::reply).isEqualTo("Hello");
        assertThat(messages.update(new SandboxMessage("SMnone", SandboxMessage.INBOUND, "a", "b", "c", "received", NOW, null, null)))
                .isFalse();

        messages.clear();

        assertThat(messages.newestFirst()).isEmpty();
        assertThat(messages.find(later.sid())).isEmpty();
    }

    @Test
    void concurrentWritersLoseNothingAndNeverExceedTheBound() throws Exception {
        SandboxMessages store = new SandboxMessages(1000, Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                writers.add(() -> {
                    List<String> sids = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        sids.add(store.createOutbound("+15005550006", "+15551230001", "x", List.of(), null).sid());
                        store.newestFirst();
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
            assertThat(written).containsAll(store.newestFirst().stream().map(SandboxMessage::sid).toList());
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void datesAreWrittenLikeTwilio() {
        assertThat(TwilioJson.rfc2822(NOW)).isEqualTo("Sun, 22 Nov 2026 10:00:00 +0000");
        assertThat(TwilioJson.rfc2822(Instant.parse("2026-03-07T09:05:03.999Z"))).isEqualTo("Sat, 07 Mar 2026 09:05:03 +0000");
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
                "ç".repeat(71), 2)).allSatisfy((body, segments) -> assertThat(TwilioJson.segments(body)).as(body).isEqualTo(segments));
        assertThat(TwilioJson.segments("👋".repeat(35))).isEqualTo(1);
        assertThat(TwilioJson.segments("👋".repeat(36))).isEqualTo(2);
    }
}
