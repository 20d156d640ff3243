package dev.twilioconnector.emulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.twilioconnector.emulator.RawHttp.basic;
import static dev.twilioconnector.emulator.RawHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** Many requests at once over kept-alive connections, as benchmarks send them: every one answered, counted, and memory bounded. */
class LoadTest {

    private static final int THREADS = 8;
    private static final int EACH = 250;

    @Test
    void everyRequestIsAnsweredAndCountedAndTheJournalStaysBounded() throws Exception {
        try (TwilioEmulator twilio = TwilioEmulator.builder().requestCapacity(100).messageCapacity(50).start()) {
            List<Integer> statuses = sendFromThreads(twilio);

            assertThat(statuses).hasSize(THREADS * EACH).containsOnly(201);
            assertThat(twilio.counts().accepted()).isEqualTo(THREADS * EACH);
            assertThat(twilio.counts().requests()).isEqualTo(THREADS * EACH);
            assertThat(twilio.counts().acceptedPerRecipient()).hasSize(THREADS * EACH).allSatisfy((to, count) -> assertThat(count).isEqualTo(1));
            assertThat(twilio.counts().peakInFlight()).isBetween(1, THREADS);
            assertThat(twilio.counts().inFlight()).isZero();
            assertThat(twilio.requests()).hasSize(100);
            assertThat(twilio.messages().size()).isEqualTo(50);
        }
    }

    @Test
    void aBenchmarkEmulatorKeepsNothingPerRequestAndStillCounts() throws Exception {
        try (TwilioEmulator twilio = TwilioEmulator.builder().requestCapacity(0).messageCapacity(0).countPerRecipient(false).start()) {
            List<Integer> statuses = sendFromThreads(twilio);

            assertThat(statuses).containsOnly(201);
            assertThat(twilio.counts().accepted()).isEqualTo(THREADS * EACH);
            assertThat(twilio.counts().acceptedPerRecipient()).isEmpty();
            assertThat(twilio.requests()).isEmpty();
            assertThat(twilio.messages().size()).isZero();
            twilio.counts().reset();
            assertThat(twilio.counts().accepted()).isZero();
        }
    }

    private static List<Integer> sendFromThreads(TwilioEmulator twilio) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<List<Integer>>> senders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                senders.add(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < EACH; i++) {
                        String to = String.format("+1555%03d%04d", thread, i);
                        HttpRequest request = HttpRequest.newBuilder(URI.create(twilio.baseUrl() + RawHttp.messages(twilio.accountSid())))
                                .header("Authorization", basic(twilio.accountSid(), twilio.authToken()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form("To", to, "From", Account.DEFAULT_NUMBER, "Body", "Load")))
                                .build();
                        statuses.add(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                    }
                    return statuses;
                });
            }
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> result : threads.invokeAll(senders)) {
                all.addAll(result.get());
            }
            return all;
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
