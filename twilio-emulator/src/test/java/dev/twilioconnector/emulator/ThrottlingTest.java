package dev.twilioconnector.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.twilioconnector.emulator.RawHttp.basic;
import static dev.twilioconnector.emulator.RawHttp.form;
import static dev.twilioconnector.emulator.RawHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Throttling: above N requests in flight, 429 with Twilio's code 20429, as Twilio answers above an account's concurrency. */
class ThrottlingTest {

    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "throttling-test");
        thread.setDaemon(true);
        return thread;
    });

    private TwilioEmulator twilio = TwilioEmulator.builder().throttleAbove(2, 0).start();

    @AfterEach
    void stop() {
        twilio.close();
    }

    /** With no handler threads the server's own thread answers, and answers held on the timer hold no connection but theirs. */
    @ParameterizedTest(name = "{0} handler threads")
    @ValueSource(ints = {64, 0})
    void aRequestBeyondTheLimitIsRefusedWhileTheOthersAreInFlight(int threads) {
        twilio.close();
        twilio = TwilioEmulator.builder().throttleAbove(2, 0).threads(threads).start();
        CompletableFuture<Void> release = new CompletableFuture<>();
        List<CompletableFuture<HttpResponse<String>>> held = holdUntil(release, "+15551110001", "+15551110002");

        HttpResponse<String> third = post("+15551110003");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).contains("0");
        assertThat(json(third).get("code").asInt()).isEqualTo(20429);
        release.complete(null);
        assertThat(held).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(201));
        assertThat(post("+15551110003").statusCode()).as("room again").isEqualTo(201);
        assertThat(twilio.counts().throttled()).isEqualTo(1);
        assertThat(twilio.counts().accepted()).isEqualTo(3);
        assertThat(twilio.counts().peakInFlight()).isEqualTo(3);
        assertThat(twilio.counts().acceptedPerRecipient()).containsOnlyKeys("+15551110001", "+15551110002", "+15551110003");
    }

    @Test
    void throughTheApiAloneARequestIsInFlightUntilItsAnswerIsFinished() {
        TwilioApi api = twilio.api();
        ApiRequest request = new ApiRequest("POST", RawHttp.messages(twilio.accountSid()),
                Map.of("Authorization", List.of(basic(twilio.accountSid(), twilio.authToken())),
                        "Content-Type", List.of("application/x-www-form-urlencoded")),
                form("To", "+15551110004", "From", Account.DEFAULT_NUMBER, "Body", "Hi"));

        ApiAnswer first = api.answer(request);
        ApiAnswer second = api.answer(request);
        ApiAnswer third = api.answer(request);
        third.finished();
        second.finished();
        second.finished();
        ApiAnswer fourth = api.answer(request);

        assertThat(List.of(first.status(), second.status(), third.status(), fourth.status())).containsExactly(201, 201, 429, 201);
        assertThat(twilio.counts().inFlight()).as("first and fourth").isEqualTo(2);
        assertThat(third.release()).isDone();
        assertThat(third.delay()).isZero();
        assertThat(third.headers()).containsEntry("Retry-After", "0");
        first.finished();
        fourth.finished();
        assertThat(twilio.counts().inFlight()).isZero();
    }

    @Test
    void theLimitCanChangeWhileRunningAndResetComesBackToTheBuildersLimit() {
        twilio.throttleAbove(0);
        CompletableFuture<Void> release = new CompletableFuture<>();
        List<CompletableFuture<HttpResponse<String>>> held = holdUntil(release, "+15551110005", "+15551110006", "+15551110007");
        release.complete(null);
        assertThat(held).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(201));
        assertThat(twilio.counts().throttled()).as("no limit").isZero();

        twilio.reset();

        assertThat(twilio.counts().accepted()).isZero();
        assertThat(twilio.counts().peakInFlight()).isZero();
        CompletableFuture<Void> again = new CompletableFuture<>();
        List<CompletableFuture<HttpResponse<String>>> heldAgain = holdUntil(again, "+15551110008", "+15551110009");
        assertThat(post("+15551110010").statusCode()).as("the builder's limit of 2 again").isEqualTo(429);
        again.complete(null);
        heldAgain.forEach(CompletableFuture::join);
    }

    /**
     * Sends a message to each recipient, each on a thread of its own (the common pool may have a single
     * thread, and these calls block), their answers held until {@code release}; returns once all are in flight.
     */
    private List<CompletableFuture<HttpResponse<String>>> holdUntil(CompletableFuture<Void> release, String... recipients) {
        twilio.failNext(recipients.length, Fault.holdUntil(release));
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (String to : recipients) {
            held.add(CompletableFuture.supplyAsync(() -> post(to), BACKGROUND));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> twilio.counts().inFlight() == recipients.length);
        return held;
    }

    private HttpResponse<String> post(String to) {
        return RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()), form("To", to, "From", Account.DEFAULT_NUMBER, "Body", "Hi"),
                basic(twilio.accountSid(), twilio.authToken()));
    }
}
