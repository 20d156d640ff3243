package dev.twilioconnector.sample.cluster;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Twilio's Messages API on a loopback port (WireMock), shared by every node of a test. Each node is
 * given its own base URL, {@code <fake>/<node>}, so the fake knows which node sent a request. Every
 * message creation is recorded with the answer the fake chose for it; what it answers is up to the
 * test's {@link Responder} (201 with Twilio's JSON unless told otherwise). Also the Twilio of the
 * packaged sample's live-mode tests.
 */
public final class FakeTwilio implements AutoCloseable {

    public static final String ACCOUNT = "AC00000000000000000000000000000001";
    public static final String TOKEN = "cluster-test-token-5b1e0c7d9a3f4e28";
    public static final String FROM = "+15005550006";
    private static final Pattern MESSAGES = Pattern.compile("/(\\w+)/2010-04-01/Accounts/" + ACCOUNT + "/Messages\\.json");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One message-creation request as the fake saw it: which node sent it, to whom, what, the how-many-th attempt of that (to, body), and what it answered. */
    public record Call(String node, String to, String body, int attempt, int status) {
    }

    /** What to answer: a status and how long to wait before answering. */
    record Answer(int status, int delayMillis) {
        static Answer accepted() {
            return new Answer(201, 0);
        }

        static Answer acceptedAfter(int delayMillis) {
            return new Answer(201, delayMillis);
        }

        static Answer tooManyRequests() {
            return new Answer(429, 0);
        }
    }

    @FunctionalInterface
    interface Responder {
        /** @param attempt 1 for the first request with this (to, body), 2 for the second, … */
        Answer answer(String node, String to, String body, int attempt);
    }

    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile Responder responder = (node, to, body, attempt) -> Answer.accepted();
    private final WireMockServer server;

    public FakeTwilio() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(150)
                .disableRequestJournal().extensions(new Transformer()));
        server.start();
        server.stubFor(post(urlPathMatching("/\\w+/2010-04-01/Accounts/" + ACCOUNT + "/Messages\\.json"))
                .willReturn(aResponse().withStatus(201)));
    }

    /** The base URL a node is to use as {@code twilio.api-base-url}. */
    public String baseUrlFor(String node) {
        return server.baseUrl() + "/" + node;
    }

    /** Forgets what was seen and answers 201 to everything again. */
    void reset() {
        responder = (node, to, body, attempt) -> Answer.accepted();
        calls.clear();
        attempts.clear();
    }

    void respond(Responder responder) {
        this.responder = responder;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "cluster-fake-twilio";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Matcher path = MESSAGES.matcher(event.getRequest().getUrl());
            if (!path.matches()) {
                return event.getResponseDefinition();
            }
            String node = path.group(1);
            Map<String, String> form = form(event.getRequest().getBodyAsString());
            String to = form.get("To");
            String body = form.get("Body");
            int attempt = attempts.computeIfAbsent(to + "\n" + body, key -> new AtomicInteger()).incrementAndGet();
            Answer answer = responder.answer(node, to, body, attempt);
            calls.add(new Call(node, to, body, attempt, answer.status()));
            return responseDefinition()
                    .withStatus(answer.status())
                    .withHeader("Content-Type", "application/json")
                    .withBody(answer.status() == 201 ? messageJson(to) : errorJson(answer.status()))
                    .withFixedDelay(answer.delayMillis())
                    .build();
        }
    }

    private static String messageJson(String to) {
        byte[] sid = new byte[16];
        RANDOM.nextBytes(sid);
        return "{\"sid\":\"SM" + HexFormat.of().formatHex(sid) + "\",\"status\":\"queued\",\"account_sid\":\"" + ACCOUNT
                + "\",\"to\":\"" + to + "\",\"from\":\"" + FROM + "\",\"num_segments\":\"1\",\"direction\":\"outbound-api\"}";
    }

    private static String errorJson(int status) {
        int code = status == 429 ? 20429 : 20500;
        String message = status == 429 ? "Too Many Requests" : "Internal Server Error";
        return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code
                + "\",\"status\":" + status + "}";
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
}
