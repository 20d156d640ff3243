package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.LoopbackHttpServer.Request;
import dev.twilioconnector.benchmarks.LoopbackHttpServer.Response;
import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twilio's message creation answering at once: a {@link LoopbackHttpServer} that answers
 * {@code POST …/Messages.json} with 201 and a fresh {@code SM…} SID (anything else: 404). WireMock spends about 50 µs
 * of the same two cores on matching and journalling each request; where the connector's own cost per message is what
 * is measured, the fake should cost next to nothing.
 */
public final class InstantTwilio implements AutoCloseable {

    private final LoopbackHttpServer server = new LoopbackHttpServer("instant-twilio", this::answer);
    private final AtomicLong accepted = new AtomicLong();

    /** Credentials for this fake, {@code parallelism} requests at once, the default retry policy. */
    public TwilioSettings settings(int parallelism) {
        return TwilioSettings.builder()
                .accountSid(FakeTwilio.ACCOUNT).authToken(FakeTwilio.TOKEN)
                .apiBaseUrl(URI.create(server.url("")))
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30))
                .parallelism(parallelism).retry(RetryPolicy.DEFAULT).build();
    }

    /** Messages answered 201 so far. */
    public long accepted() {
        return accepted.get();
    }

    private Response answer(Request request) {
        if ("POST".equals(request.method()) && FakeTwilio.MESSAGES_PATH.equals(request.target())) {
            return new Response("201 Created", "application/json", created(accepted.incrementAndGet()));
        }
        return new Response("404 Not Found", "application/json", "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
    }

    private static String created(long number) {
        String sid = "SM" + String.format("%032x", number);
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + FakeTwilio.ACCOUNT + "\",\"from\":\"" + FakeTwilio.FROM
                + "\",\"status\":\"queued\",\"num_segments\":\"1\",\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\"}";
    }

    @Override
    public void close() {
        server.close();
    }
}
