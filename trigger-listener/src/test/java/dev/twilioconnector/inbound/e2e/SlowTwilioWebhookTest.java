package dev.twilioconnector.inbound.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Twilio that takes 40 seconds to accept the SMS which the started process sends while the webhook
 * waits: the webhook still answers within {@code twilio.webhook.answer-within} (default 10 s, inside
 * Twilio's 15), a second delivery meanwhile answers the same, and the echo follows through the REST
 * API, once, from the number the person texted.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-slow-twilio;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml",
        "twilio.http.read-timeout=60s",
        "twilio.account=" + InboundEndToEndTest.ACCOUNT,
        "twilio.token=" + InboundEndToEndTest.TOKEN})
class SlowTwilioWebhookTest {

    private static final WireMockServer TWILIO = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static final String MESSAGES = "/2010-04-01/Accounts/.*/Messages.json";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final Duration TWILIO_DELAY = Duration.ofSeconds(40);

    @LocalServerPort
    int port;

    private final TwilioWebhookClient twilio = new TwilioWebhookClient(InboundEndToEndTest.TOKEN);

    @DynamicPropertySource
    static void slowTwilio(DynamicPropertyRegistry registry) {
        if (!TWILIO.isRunning()) {
            TWILIO.start();
        }
        TWILIO.stubFor(post(urlPathMatching(MESSAGES)).willReturn(accepted()));
        TWILIO.stubFor(post(urlPathMatching(MESSAGES)).withRequestBody(containing("on+its+way")).atPriority(1)
                .willReturn(accepted().withFixedDelay((int) TWILIO_DELAY.toMillis())));
        registry.add("twilio.api-base-url", TWILIO::baseUrl);
    }

    @AfterAll
    static void stopFake() {
        TWILIO.stop();
    }

    @Test
    void theWebhookAnswersInTimeAndTheEchoFollowsThroughTheRestApi() {
        Map<String, String> form = TwilioWebhookClient.message("SM40404040404040404040404040404040", InboundEndToEndTest.ADA,
                "Order Number 4040");
        String url = "http://localhost:" + port + "/twilio/sms";

        long start = System.nanoTime();
        CompletableFuture<Timed> first = CompletableFuture.supplyAsync(() -> timed(() -> twilio.postSigned(url, form)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !TWILIO.findAll(postRequestedFor(urlPathMatching(MESSAGES))).isEmpty());
        Timed repeat = timed(() -> twilio.postSigned(url, form));
        Timed answered = first.join();

        assertThat(answered.response().statusCode()).isEqualTo(200);
        assertThat(answered.response().body()).doesNotContain("<Message>");
        assertThat(answered.took()).isLessThan(ANSWER_WITHIN.plusSeconds(1));
        assertThat(repeat.response().body()).as("a delivery meanwhile answers as the first").isEqualTo(answered.response().body());
        assertThat(repeat.took()).isLessThan(ANSWER_WITHIN.plusSeconds(1));

        await("the echo through the REST API").atMost(TWILIO_DELAY.plusSeconds(20)).until(() -> !echoes().isEmpty());
        Map<String, String> echo = echoes().get(0);
        assertThat(echo).containsEntry("To", InboundEndToEndTest.ADA).containsEntry("From", "+15005550006");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TWILIO_DELAY);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> echoes().size() == 1);
    }

    private static List<Map<String, String>> echoes() {
        return TWILIO.findAll(postRequestedFor(urlPathMatching(MESSAGES))).stream().map(LoggedRequest::getBodyAsString)
                .map(SlowTwilioWebhookTest::form).filter(body -> "Your reference number is 4040".equals(body.get("Body"))).toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM00000000000000000000000000000098\",\"status\":\"queued\"}");
    }

    private static Timed timed(Supplier<HttpResponse<String>> call) {
        long start = System.nanoTime();
        HttpResponse<String> response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private record Timed(HttpResponse<String> response, Duration took) {
    }
}
