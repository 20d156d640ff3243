package dev.twilioconnector.inbound.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage at the webhooks, signed and unsigned, as a probe from outside sends it: the status it gets,
 * and that the log shows at most one WARN line for it and never a stack trace or an ERROR.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-webhook-refusals;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml",
        "twilio.account=" + InboundEndToEndTest.ACCOUNT,
        "twilio.token=" + InboundEndToEndTest.TOKEN})
class WebhookRefusalTest {

    private static final WireMockServer TWILIO = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static final String TOO_LONG_SID = "SM" + "0".repeat(63);

    @LocalServerPort
    int port;

    private final TwilioWebhookClient twilio = new TwilioWebhookClient(InboundEndToEndTest.TOKEN);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @DynamicPropertySource
    static void fakeTwilio(DynamicPropertyRegistry registry) {
        if (!TWILIO.isRunning()) {
            TWILIO.start();
        }
        registry.add("twilio.api-base-url", TWILIO::baseUrl);
    }

    @AfterAll
    static void stopFake() {
        TWILIO.stop();
    }

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
    void anUndecodableBodyIs403WithOrWithoutASignature() {
        String body = "MessageSid=SM1&Body=%zz%&From=%2";

        assertThat(twilio.postBody(url("/twilio/sms"), body, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(twilio.postBody(url("/twilio/sms"), body, "bm90IGEgc2lnbmF0dXJl", Map.of()).statusCode()).isEqualTo(403);
        assertThat(twilio.postBody(url("/twilio/status"), body, "bm90IGEgc2lnbmF0dXJl", Map.of()).statusCode()).isEqualTo(403);

        assertQuietLog(3);
    }

    @Test
    void aBodyThatIsNoFormOrTooLargeOrAGetIsRefusedAsUnsignedWithoutAStackTrace() {
        HttpResponse<String> json = twilio.postBody(url("/twilio/sms"), "{\"MessageSid\":\"SM1\"}", null,
                Map.of("Content-Type", "application/json"));
        HttpResponse<String> huge = twilio.postBody(url("/twilio/sms"), "Body=" + "x".repeat(3 * 1024 * 1024), "bm90IGEgc2lnbmF0dXJl", Map.of());

        HttpResponse<String> get = twilio.get(url("/twilio/sms?MessageSid=SM1"));

        assertThat(List.of(json.statusCode(), huge.statusCode(), get.statusCode())).as("unsigned, whatever it is").containsOnly(403);
        assertThat(log.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null);
    }

    @Test
    void aSignedSidThatIsNoTwilioSidIs400() {
        Map<String, String> message = TwilioWebhookClient.message(TOO_LONG_SID, InboundEndToEndTest.ADA, "Order Number 1");
        Map<String, String> report = new LinkedHashMap<>(Map.of("MessageSid", TOO_LONG_SID, "MessageStatus", "delivered"));
        Map<String, String> noStatus = new LinkedHashMap<>(Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", "")));

        HttpResponse<String> messageAnswer = twilio.postSigned(url("/twilio/sms"), message);
        HttpResponse<String> reportAnswer = twilio.postSigned(url("/twilio/status"), report);
        HttpResponse<String> noStatusAnswer = twilio.postSigned(url("/twilio/status"), noStatus);

        assertThat(List.of(messageAnswer.statusCode(), reportAnswer.statusCode(), noStatusAnswer.statusCode())).containsOnly(400);
        assertThat(messageAnswer.body()).isEqualTo("MessageSid is not a Twilio SID");
        assertQuietLog(3);
    }

    @Test
    void aRepeatedNameIsCheckedAsTwilioSignsIt() {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, List<String>> form = new LinkedHashMap<>();
        TwilioWebhookClient.message(sid, InboundEndToEndTest.ADA, "Order Number 31").forEach((name, value) -> form.put(name, List.of(value)));
        form.put("Label", List.of("zeta", "alpha", "zeta"));
        String body = form.entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(value -> TwilioWebhookClient.encode(Map.of(entry.getKey(), value))))
                .collect(Collectors.joining("&"));

        HttpResponse<String> signedAsTwilio = twilio.postBody(url("/twilio/sms"), body, twilio.signRepeated(url("/twilio/sms"), form), Map.of());
        Map<String, List<String>> firstValueOnly = new LinkedHashMap<>(form);
        firstValueOnly.put("Label", List.of("zeta"));
        HttpResponse<String> signedOverFirstValue = twilio.postBody(url("/twilio/sms"), body,
                twilio.signRepeated(url("/twilio/sms"), firstValueOnly), Map.of());

        assertThat(signedAsTwilio.statusCode()).isEqualTo(200);
        assertThat(signedAsTwilio.body()).contains("<Message>Your reference number is 31</Message>");
        assertThat(signedOverFirstValue.statusCode()).isEqualTo(403);
    }

    @Test
    void refusalsInAFloodAreLoggedAtMostOncePerSecond() {
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(twilio.postBody(url("/twilio/sms"), "MessageSid=SM" + i, null, Map.of()).statusCode()).isEqualTo(403);
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
}
