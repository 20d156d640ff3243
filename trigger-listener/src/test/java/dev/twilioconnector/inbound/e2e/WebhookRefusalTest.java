package dev.twilioconnector.inbound.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import dev.twilioconnector.emulator.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage at the webhooks, signed and unsigned, as a probe from outside sends it: the status it gets,
 * and that the log shows at most one WARN line for it and never a stack trace or an ERROR.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-webhook-refusals;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml"})
class WebhookRefusalTest {

    private static final String TOO_LONG_SID = "SM" + "0".repeat(63);
    private static final String NO_SIGNATURE = "bm90IGEgc2lnbmF0dXJl";

    @RegisterExtension
    static final TwilioEmulatorExtension TWILIO = new TwilioEmulatorExtension();

    @LocalServerPort
    int port;

    private final TwilioEmulator twilio = TWILIO.emulator();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(log);
    }

    @Test
    void anUndecodableQueryWithoutSignatureIs403OnBothWebhooks() throws IOException {
        assertThat(rawStatus("/twilio/sms?%zz=1", "MessageSid=SM1&Body=hi")).isEqualTo(403);
        assertThat(rawStatus("/twilio/status?%zz=1", "MessageSid=SM1&MessageStatus=sent")).isEqualTo(403);

        assertQuietLog(2);
    }

    @Test
    void anUndecodableBodyIs403WithOrWithoutASignature() throws Exception {
        String body = "MessageSid=SM1&Body=%zz%&From=%2";

        assertThat(HandMadeRequests.post(url("/twilio/sms"), body, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(HandMadeRequests.post(url("/twilio/sms"), body, NO_SIGNATURE, Map.of()).statusCode()).isEqualTo(403);
        assertThat(HandMadeRequests.post(url("/twilio/status"), body, NO_SIGNATURE, Map.of()).statusCode()).isEqualTo(403);

        assertQuietLog(3);
    }

    @Test
    void aBodyThatIsNoFormOrTooLargeOrAGetIsRefusedAsUnsignedWithoutAStackTrace() throws Exception {
        HttpResponse<String> json = HandMadeRequests.post(url("/twilio/sms"), "{\"MessageSid\":\"SM1\"}", null,
                Map.of("Content-Type", "application/json"));
        HttpResponse<String> huge = HandMadeRequests.post(url("/twilio/sms"), "Body=" + "x".repeat(3 * 1024 * 1024), NO_SIGNATURE, Map.of());

        HttpResponse<String> get = HandMadeRequests.get(url("/twilio/sms?MessageSid=SM1"));

        assertThat(List.of(json.statusCode(), huge.statusCode(), get.statusCode())).as("unsigned, whatever it is").containsOnly(403);
        assertThat(log.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null);
    }

    @Test
    void aSignedSidThatIsNoTwilioSidIs400() {
        Map<String, String> message = message(TOO_LONG_SID, "Order Number 1");
        Map<String, String> report = new LinkedHashMap<>(Map.of("MessageSid", TOO_LONG_SID, "MessageStatus", "delivered"));
        Map<String, String> noStatus = new LinkedHashMap<>(Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", "")));

        WebhookAnswer messageAnswer = twilio.webhooks().post(url("/twilio/sms"), message);
        WebhookAnswer reportAnswer = twilio.webhooks().post(url("/twilio/status"), report);
        WebhookAnswer noStatusAnswer = twilio.webhooks().post(url("/twilio/status"), noStatus);

        assertThat(List.of(messageAnswer.status(), reportAnswer.status(), noStatusAnswer.status())).containsOnly(400);
        assertThat(messageAnswer.body()).isEqualTo("MessageSid is not a Twilio SID");
        assertQuietLog(3);
    }

    @Test
    void aRepeatedNameIsCheckedAsTwilioSignsIt() throws Exception {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, List<String>> form = new LinkedHashMap<>();
        message(sid, "Order Number 31").forEach((name, value) -> form.put(name, List.of(value)));
        form.put("Label", List.of("zeta", "alpha", "zeta"));

        WebhookAnswer signedAsTwilio = twilio.webhooks().postRepeated(url("/twilio/sms"), url("/twilio/sms"), form);
        Map<String, List<String>> firstValueOnly = new LinkedHashMap<>(form);
        firstValueOnly.put("Label", List.of("zeta"));
        HttpResponse<String> signedOverFirstValue = HandMadeRequests.post(url("/twilio/sms"), HandMadeRequests.encodeRepeated(form),
                WebhookSignature.signRepeated(twilio.authToken(), url("/twilio/sms"), firstValueOnly), Map.of());

        assertThat(signedAsTwilio.status()).isEqualTo(200);
        assertThat(signedAsTwilio.body()).contains("<Message>Your reference number is 31</Message>");
        assertThat(signedOverFirstValue.statusCode()).isEqualTo(403);
    }

    @Test
    void refusalsInAFloodAreLoggedAtMostOncePerSecond() throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(HandMadeRequests.post(url("/twilio/sms"), "MessageSid=SM" + i, null, Map.of()).statusCode()).isEqualTo(403);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

        assertThat(warnings()).hasSizeLessThanOrEqualTo((int) seconds + 1);
        assertQuietLog(50);
    }

    private void assertQuietLog(int requests) {
        assertThat(log.list).as("no ERROR and no stack trace for a client's mistake")
                .noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null);
        assertThat(warnings()).as("at most one WARN line per refused request").hasSizeLessThanOrEqualTo(requests);
    }

    private List<String> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** A request Java's HTTP client refuses to send (its target does not parse as a URI), written by hand. */
    private int rawStatus(String target, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Map<String, String> message(String sid, String body) {
        return TwilioForms.incomingMessage(twilio.accountSid(), sid, EndToEndTest.ADA, twilio.number(), body, List.of());
    }
}
