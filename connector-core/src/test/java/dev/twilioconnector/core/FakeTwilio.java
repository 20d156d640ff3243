package dev.twilioconnector.core;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock stand-in for the Twilio REST API, plus the test credentials and JSON shapes it answers with. */
public final class FakeTwilio implements AutoCloseable {

    public static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    public static final String TOKEN = "tok4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b";
    public static final String API_KEY = "SK00112233445566778899aabbccddeeff";
    public static final String API_SECRET = "sec9Zq8Yx7Wv6Ut5Sr4Qp3On2Ml1Kj0Ih";
    public static final String FROM = "+15005550006";
    public static final String MESSAGING_SERVICE = "MG0123456789abcdef0123456789abcdef";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    private final WireMockServer server;

    public FakeTwilio() {
        server = new WireMockServer(options().dynamicPort().containerThreads(32).jettyAcceptors(2));
        server.start();
        warmUp();
    }

    /**
     * One request through stub matching, form parsing and a JSON answer before any test: a cold server
     * can take longer than the short read timeouts the tests use to answer its very first request.
     */
    private void warmUp() {
        server.stubFor(post(urlPathEqualTo("/warm-up")).withFormParam("To", equalTo("+15551230000"))
                .willReturn(json(201, messageJson("SM00000000000000000000000000000000", "+15551230000", "warm"))));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/warm-up"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B15551230000&Body=warm"))
                .build();
        try {
            for (int i = 0; i < 3; i++) {
                int status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status != 201) {
                    throw new IllegalStateException("fake Twilio answered its warm-up with " + status);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("fake Twilio does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        server.resetAll();
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Token credentials, a default sender, this fake as base URL, and timeouts and backoffs small enough for tests. */
    public TwilioSettings settings() {
        return TwilioSettings.builder()
                .accountSid(ACCOUNT).authToken(TOKEN)
                .defaultFrom(FROM)
                .apiBaseUrl(URI.create(baseUrl()))
                .connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofMillis(800))
                .parallelism(4).retry(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(200))).build();
    }

    /** The requests the fake received, oldest first. */
    public List<LoggedRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(event -> event.getRequest().getLoggedDate()));
        return events.stream().map(ServeEvent::getRequest).toList();
    }

    public static String messageJson(String sid, String to, String body) {
        return """
                {"sid":"%s","status":"queued","to":"%s","from":"%s","body":"%s","account_sid":"%s",\
                "api_version":"2010-04-01","num_segments":"1","direction":"outbound-api",\
                "uri":"/2010-04-01/Accounts/%s/Messages/%s.json"}"""
                .formatted(sid, to, FROM, body, ACCOUNT, ACCOUNT, sid);
    }

    public static String errorJson(int code, String message, int status) {
        return """
                {"code":%d,"message":"%s","more_info":"https://www.twilio.com/docs/errors/%d","status":%d}"""
                .formatted(code, message, code, status);
    }

    public static ResponseDefinitionBuilder created(String sid, String to, String body) {
        return json(201, messageJson(sid, to, body));
    }

    public static ResponseDefinitionBuilder error(int status, int code, String message) {
        return json(status, errorJson(code, message, status));
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.US_ASCII));
    }

    /** The form parameters of a request, decoded, in the order sent; a repeated name keeps its last value. */
    public static Map<String, String> form(LoggedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** A local port nothing listens on: it was bound and released. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
