package dev.twilioconnector.flowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A Twilio Messages API on loopback for engine tests: one per JVM (the engine of {@code flowable.cfg.xml}
 * is built once and points at it), reset before each test, answering 201 unless a test stubs otherwise.
 */
public final class FakeTwilio {

    public static final String ACCOUNT = "AC00000000000000000000000000000001";
    public static final String TOKEN = "tok-3f9c2e7a1b5d4c8e9f0a6b2c7d1e5f3a";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    public static final Duration READ_TIMEOUT = Duration.ofMillis(1500);
    /** The render timeout of {@code templateLimits.cfg.xml}'s engine, shorter than the default 2 s to keep tests quick. */
    public static final Duration RENDER_TIMEOUT = Duration.ofMillis(500);

    private static FakeTwilio shared;

    private final WireMockServer server;

    private FakeTwilio() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(24));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        acceptEverything();
    }

    public static synchronized FakeTwilio shared() {
        if (shared == null) {
            shared = new FakeTwilio();
        }
        return shared;
    }

    /** What the engine of {@code flowable.cfg.xml} runs with: credentials, this fake, short timeouts and backoffs. */
    public TwilioSettings settings() {
        return TwilioSettings.builder()
                .accountSid(ACCOUNT).authToken(TOKEN)
                .apiBaseUrl(URI.create(server.baseUrl()))
                .connectTimeout(Duration.ofMillis(500)).readTimeout(READ_TIMEOUT)
                .parallelism(4).retry(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(1500))).build();
    }

    /** {@link #settings()} with the short {@link #RENDER_TIMEOUT}. */
    public TwilioSettings settingsWithShortRenderTimeout() {
        return settings().toBuilder().renderTimeout(RENDER_TIMEOUT).build();
    }

    public TwilioSettings settingsWithoutCredentials() {
        return settings().toBuilder().accountSid(null).authToken(null).build();
    }

    /** Settings aimed at a loopback port where nothing listens: every connection is refused. */
    public TwilioSettings unreachableSettings() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return settings().toBuilder().apiBaseUrl(URI.create("http://127.0.0.1:" + socket.getLocalPort())).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void reset() {
        server.resetAll();
        acceptEverything();
    }

    public void answer(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    public static MappingBuilder messageCreation() {
        return post(urlPathEqualTo(MESSAGES_PATH));
    }

    public static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\","
                        + "\"account_sid\":\"" + ACCOUNT + "\",\"body\":\"…\"}");
    }

    public static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                        + code + "\",\"status\":" + status + "}");
    }

    /** Every message-creation request that reached the fake, oldest first. */
    public List<SentMessage> sent() {
        List<SentMessage> sent = new ArrayList<>();
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        for (int i = events.size() - 1; i >= 0; i--) {
            ServeEvent event = events.get(i);
            if (event.getRequest().getUrl().startsWith(MESSAGES_PATH)) {
                Map<String, String> form = form(event.getRequest().getBodyAsString());
                sent.add(new SentMessage(form.get("To"), form.get("From"), form.get("MessagingServiceSid"), form.get("Body"),
                        event.getRequest().getHeader("Authorization")));
            }
        }
        return sent;
    }

    /** How many requests of any kind reached the fake. */
    public int requestCount() {
        return server.getAllServeEvents().size();
    }

    /** Every message-creation request's form, oldest first, repeated keys (MediaUrl) kept in order. */
    public List<Map<String, List<String>>> forms() {
        List<Map<String, List<String>>> forms = new ArrayList<>();
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).getRequest().getUrl().startsWith(MESSAGES_PATH)) {
                Map<String, List<String>> form = new LinkedHashMap<>();
                for (String pair : events.get(i).getRequest().getBodyAsString().split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        form.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), key -> new ArrayList<>())
                                .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
                forms.add(form);
            }
        }
        return forms;
    }

    private void acceptEverything() {
        server.stubFor(messageCreation().atPriority(10).willReturn(accepted()));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** One request as Twilio would have received it. */
    public record SentMessage(String to, String from, String messagingServiceSid, String body, String authorization) {
    }
}
