package dev.twilioconnector.flowable;

import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.emulator.TwilioEmulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

/**
 * The connector's settings of the test engines ({@code flowable.cfg.xml} and its variants): the account and
 * address of the JVM's shared Twilio emulator, with timeouts and backoffs short enough for tests.
 */
public final class EngineSettings {

    public static final Duration READ_TIMEOUT = Duration.ofMillis(1500);
    /** The render timeout of {@code templateLimits.cfg.xml}'s engine, shorter than the default 2 s to keep tests quick. */
    public static final Duration RENDER_TIMEOUT = Duration.ofMillis(500);

    private EngineSettings() {
    }

    /** What the engine of {@code flowable.cfg.xml} runs with. */
    public static TwilioSettings of(TwilioEmulator twilio) {
        return TwilioSettings.builder()
                .accountSid(twilio.accountSid()).authToken(twilio.authToken())
                .apiBaseUrl(twilio.baseUrl())
                .connectTimeout(Duration.ofMillis(500)).readTimeout(READ_TIMEOUT)
                .parallelism(4).retry(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(1500))).build();
    }

    /** {@link #of} with the short {@link #RENDER_TIMEOUT}. */
    public static TwilioSettings withShortRenderTimeout(TwilioEmulator twilio) {
        return of(twilio).toBuilder().renderTimeout(RENDER_TIMEOUT).build();
    }

    /** {@link #of} without an account or a token: the emulator would record any request all the same. */
    public static TwilioSettings withoutCredentials(TwilioEmulator twilio) {
        return of(twilio).toBuilder().accountSid(null).authToken(null).build();
    }

    /** {@link #of} aimed at a loopback port where nothing listens: every connection is refused. */
    public static TwilioSettings unreachable(TwilioEmulator twilio) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return of(twilio).toBuilder().apiBaseUrl(URI.create("http://127.0.0.1:" + socket.getLocalPort())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
