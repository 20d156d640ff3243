package dev.twilioconnector.benchmarks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Twilio's Messages API on a dynamic loopback port (WireMock, no request journal, so it holds no
 * memory per request). Every message creation is answered by {@link Answer}: after {@code latency}
 * (slept in the server thread, as a slow Twilio would), 201 with a fresh {@code SM…} SID; with a
 * throttle, 429 / 20429 ({@code Retry-After: 0}) whenever more than {@code throttleLimit} creations
 * are in flight at once. It counts what it answered and, when asked to, which {@code To} got a 201.
 */
public final class FakeTwilio implements AutoCloseable {

    public static final String ACCOUNT = "AC0000000000000000000000000000bench";
    public static final String TOKEN = "bench-token-7c1e9a3f5b2d4e6f8a0b1c2d3e4f5a6b";
    public static final String FROM = "+15005550006";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    private final WireMockServer server;
    private final Answer answer;

    private FakeTwilio(Answer answer, int threads) {
        this.answer = answer;
        this.server = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(threads)
                .disableRequestJournal()
                .gzipDisabled(true)
                .notifier(new Slf4jNotifier(false))
                .extensions(answer));
        server.start();
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(201)));
    }

    /** Answers 201 at once. */
    public static FakeTwilio immediate(boolean trackRecipients) {
        return new FakeTwilio(new Answer(0, 0, trackRecipients), 32);
    }

    /** Answers 201 after {@code latencyMillis}; enough server threads for {@code parallelism} requests at once. */
    public static FakeTwilio slow(int latencyMillis, int parallelism, boolean trackRecipients) {
        return new FakeTwilio(new Answer(latencyMillis, 0, trackRecipients), Math.max(100, parallelism * 2 + 20));
    }

    /** Like {@link #slow}, and 429 whenever more than {@code limit} creations are in flight. */
    public static FakeTwilio throttled(int latencyMillis, int limit, int parallelism) {
        return new FakeTwilio(new Answer(latencyMillis, limit, true), Math.max(100, parallelism * 2 + 20));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Credentials for this fake, {@code parallelism} requests at once, the default retry policy. */
    public TwilioSettings settings(int parallelism) {
        return settings(parallelism, RetryPolicy.DEFAULT);
    }

    public TwilioSettings settings(int parallelism, RetryPolicy retry) {
        return TwilioSettings.builder()
                .accountSid(ACCOUNT).authToken(TOKEN)
                .apiBaseUrl(URI.create(server.baseUrl()))
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30))
                .parallelism(parallelism).retry(retry).build();
    }

    /** Messages answered 201 so far. */
    public long accepted() {
        return answer.accepted.get();
    }

    /** Creations answered 429 so far. */
    public long throttled() {
        return answer.throttled.sum();
    }

    /** Most creations in flight at once so far. */
    public int peakInFlight() {
        return answer.peak.get();
    }

    /** How often each {@code To} was answered 201 (only when tracking). */
    public Map<String, Integer> acceptedTo() {
        return answer.acceptedTo;
    }

    public void resetCounts() {
        answer.accepted.set(0);
        answer.throttled.reset();
        answer.peak.set(0);
        answer.acceptedTo.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Decides and builds every answer of the fake, in the server's request thread. */
    static final class Answer implements ResponseDefinitionTransformerV2 {
        private final int latencyMillis;
        private final int throttleLimit;
        private final boolean trackRecipients;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicLong accepted = new AtomicLong();
        private final LongAdder throttled = new LongAdder();
        private final Map<String, Integer> acceptedTo = new ConcurrentHashMap<>();

        Answer(int latencyMillis, int throttleLimit, boolean trackRecipients) {
            this.latencyMillis = latencyMillis;
            this.throttleLimit = throttleLimit;
            this.trackRecipients = trackRecipients;
        }

        @Override
        public String getName() {
            return "bench-twilio";
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (!event.getRequest().getUrl().startsWith(MESSAGES_PATH)) {
                return event.getResponseDefinition();
            }
            int now = inFlight.incrementAndGet();
            try {
                peak.accumulateAndGet(now, Math::max);
                if (throttleLimit > 0 && now > throttleLimit) {
                    throttled.increment();
                    return tooManyRequests();
                }
                if (latencyMillis > 0) {
                    sleep(latencyMillis);
                }
                String to = formValue(event.getRequest().getBodyAsString(), "To");
                long number = accepted.incrementAndGet();
                if (trackRecipients) {
                    acceptedTo.merge(String.valueOf(to), 1, Integer::sum);
                }
                return created(to, number);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private static ResponseDefinition created(String to, long number) {
            String sid = "SM" + String.format("%032x", number);
            return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT + "\",\"to\":\"" + to
                            + "\",\"from\":\"" + FROM + "\",\"status\":\"queued\",\"num_segments\":\"1\",\"direction\":\"outbound-api\","
                            + "\"api_version\":\"2010-04-01\",\"uri\":\"/2010-04-01/Accounts/" + ACCOUNT + "/Messages/" + sid + ".json\"}")
                    .build();
        }

        private static ResponseDefinition tooManyRequests() {
            return aResponse().withStatus(429).withHeader("Content-Type", "application/json").withHeader("Retry-After", "0")
                    .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"more_info\":\"https://www.twilio.com/docs/errors/20429\","
                            + "\"status\":429}")
                    .build();
        }

        private static void sleep(int millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static String formValue(String body, String name) {
            String prefix = name + "=";
            for (String pair : body.split("&")) {
                if (pair.startsWith(prefix)) {
                    return URLDecoder.decode(pair.substring(prefix.length()), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }
}
