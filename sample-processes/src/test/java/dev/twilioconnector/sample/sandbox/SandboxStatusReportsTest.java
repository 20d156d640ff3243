package dev.twilioconnector.sample.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.security.RequestValidator;
import dev.twilioconnector.core.settings.TwilioSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sandbox reports a message with a StatusCallback as Twilio does: sent, then delivered (or undelivered), signed. */
class SandboxStatusReportsTest extends SandboxApplicationTest {

    private static final String MESSAGES = "/sandbox/2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages.json";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final WireMockServer CALLBACKS = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Autowired
    private TwilioSettings settings;
    @Autowired
    private SandboxMessages messages;

    @BeforeAll
    static void startReceiver() {
        CALLBACKS.start();
    }

    @AfterAll
    static void stopReceiver() {
        CALLBACKS.stop();
    }

    @BeforeEach
    void answerReports() {
        CALLBACKS.resetAll();
        CALLBACKS.stubFor(post(urlPathEqualTo("/status")).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void aMessageIsReportedSentThenDeliveredWithTwiliosSignature() throws Exception {
        String callback = CALLBACKS.baseUrl() + "/status";

        HttpResponse<String> created = create("+15551110042", callback);

        assertThat(created.statusCode()).isEqualTo(201);
        List<Map<String, String>> reports = awaitReports(2);
        assertThat(reports).extracting(report -> report.get("MessageStatus")).containsExactly("sent", "delivered");
        assertThat(reports).allSatisfy(report -> assertThat(report).containsEntry("To", "+15551110042").doesNotContainKey("ErrorCode"));
        RequestValidator validator = new RequestValidator(settings.authToken());
        assertThat(CALLBACKS.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/status"))))
                .allSatisfy(request -> assertThat(validator.validate(callback, form(request), request.getHeader("X-Twilio-Signature")))
                        .as("signed as Twilio signs").isTrue());
        String sid = reports.get(0).get("MessageSid");
        assertThat(messages.find(sid)).get().extracting(SandboxMessage::status).isEqualTo("delivered");
    }

    @Test
    void aSwitchedOffPhoneEndsUndeliveredWithItsErrorCode() throws Exception {
        create("+15551110000", CALLBACKS.baseUrl() + "/status");

        List<Map<String, String>> reports = awaitReports(2);
        assertThat(reports.get(1)).containsEntry("MessageStatus", "undelivered").containsEntry("ErrorCode", "30003");
    }

    @Test
    void aCallbackThatIsNoUrlIsRefusedLikeTwilioDoes() throws Exception {
        HttpResponse<String> created = create("+15551110043", "not a url");

        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(created.body()).contains("\"code\":21609");
    }

    private List<Map<String, String>> awaitReports(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> CALLBACKS.getAllServeEvents().size() >= count);
        List<Map<String, String>> newestFirst = new ArrayList<>(CALLBACKS.getAllServeEvents().stream().map(event -> form(event.getRequest())).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private HttpResponse<String> create(String to, String callback) throws Exception {
        String body = SandboxApiTest.form("To", to, "From", SandboxMode.DEFAULT_FROM, "Body", "Your order is ready", "StatusCallback", callback);
        String basic = "Basic " + Base64.getEncoder().encodeToString((SandboxMode.ACCOUNT_SID + ":" + settings.authToken())
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(local(MESSAGES))).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        return form;
    }
}
