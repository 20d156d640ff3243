package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.RequestMatch;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Twilio that holds the SMS which the started process sends while the webhook waits, until the test lets
 * it go: the webhook still answers within {@code twilio.webhook.answer-within} (default 10 s, inside
 * Twilio's 15), while Twilio still holds that SMS; a second delivery meanwhile answers the same; and the echo
 * follows through the REST API once Twilio has answered, once, from the number the person texted.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-slow-twilio;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml",
        "twilio.http.read-timeout=60s"})
class SlowTwilioWebhookTest {

    /** How long Twilio waits for a webhook's answer: the bound that matters, with room above answer-within for a slow machine. */
    private static final Duration TWILIO_GIVES_UP = Duration.ofSeconds(15);

    @RegisterExtension
    static final TwilioEmulatorExtension TWILIO = new TwilioEmulatorExtension();

    @LocalServerPort
    int port;

    private final TwilioEmulator twilio = TWILIO.emulator();

    @Test
    void theWebhookAnswersInTimeAndTheEchoFollowsThroughTheRestApi() {
        CompletableFuture<Void> twilioAnswers = new CompletableFuture<>();
        twilio.fail(Fault.holdUntil(twilioAnswers), RequestMatch.messageCreation().bodyContaining("on its way"));
        Map<String, String> form = TwilioForms.incomingMessage(twilio.accountSid(), "SM40404040404040404040404040404040",
                EndToEndTest.ADA, twilio.number(), "Order Number 4040", List.of());
        String url = "http://localhost:" + port + "/twilio/sms";
        try {
            CompletableFuture<Timed> first = CompletableFuture.supplyAsync(() -> timed(() -> twilio.webhooks().post(url, form)));
            await().atMost(Duration.ofSeconds(30)).until(() -> !twilio.requests(RequestMatch.messageCreation()).isEmpty());
            Timed repeat = timed(() -> twilio.webhooks().post(url, form));
            Timed answered = first.join();

            assertThat(twilioAnswers).as("Twilio still holds the process's SMS").isNotDone();
            assertThat(answered.answer().status()).isEqualTo(200);
            assertThat(answered.answer().body()).doesNotContain("<Message>");
            assertThat(answered.took()).isLessThan(TWILIO_GIVES_UP);
            assertThat(repeat.answer().body()).as("a delivery meanwhile answers as the first").isEqualTo(answered.answer().body());
            assertThat(repeat.took()).isLessThan(TWILIO_GIVES_UP);
            assertThat(echoes()).as("no echo before the outcome is known").isEmpty();
        } finally {
            twilioAnswers.complete(null);
        }

        await("the echo through the REST API").atMost(Duration.ofSeconds(30)).until(() -> !echoes().isEmpty());
        RecordedRequest echo = echoes().get(0);
        assertThat(echo.param("To")).isEqualTo(EndToEndTest.ADA);
        assertThat(echo.param("From")).isEqualTo(twilio.number());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> echoes().size() == 1);
    }

    private List<RecordedRequest> echoes() {
        return twilio.requests(RequestMatch.messageCreation().param("Body", "Your reference number is 4040"));
    }

    private static Timed timed(Supplier<WebhookAnswer> call) {
        long start = System.nanoTime();
        WebhookAnswer answer = call.get();
        return new Timed(answer, Duration.ofNanos(System.nanoTime() - start));
    }

    private record Timed(WebhookAnswer answer, Duration took) {
    }
}
