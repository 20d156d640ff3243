package dev.twilioconnector.core;

import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.emulator.Account;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The Twilio account of connector-core's tests (no stand-in: the tests talk to the Twilio emulator), and
 * the connector's settings for an emulator that knows it, with timeouts and backoffs small enough for tests.
 */
public final class TestAccount {

    public static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    public static final String TOKEN = "tok4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b";
    public static final String API_KEY = "SK00112233445566778899aabbccddeeff";
    public static final String API_SECRET = "sec9Zq8Yx7Wv6Ut5Sr4Qp3On2Ml1Kj0Ih";
    public static final String FROM = Account.DEFAULT_NUMBER;
    public static final String MESSAGING_SERVICE = "MG0123456789abcdef0123456789abcdef";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    /** Far longer than any timeout or backoff of {@link #settings}: a call that takes this long waited for something else. */
    public static final Duration NEVER = Duration.ofSeconds(30);

    private TestAccount() {
    }

    /**
     * An emulator of the test class's own that knows this account, its token and its API key, reset before
     * each test. The tests hand the connector {@link #settings} themselves: no system property is set. It
     * posts no status reports: the tests' status callbacks name hosts such as {@code bpm.example.com}.
     */
    public static TwilioEmulatorExtension emulator() {
        return new TwilioEmulatorExtension(TwilioEmulator.builder()
                .account(Account.of(ACCOUNT, TOKEN).withApiKey(API_KEY, API_SECRET))
                .automaticStatusReports(false))
                .withoutSystemProperties();
    }

    /** Token credentials, a default sender, the emulator as base URL, and timeouts and backoffs small enough for tests. */
    public static TwilioSettings settings(TwilioEmulator twilio) {
        return TwilioSettings.builder()
                .accountSid(ACCOUNT).authToken(TOKEN)
                .defaultFrom(FROM)
                .apiBaseUrl(twilio.baseUrl())
                .connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofMillis(800))
                .parallelism(4).retry(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(200))).build();
    }

    /** The {@code Authorization} header of Basic authentication as {@code user} with {@code password}. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.US_ASCII));
    }

    /** A local port nothing listens on: it was bound and released. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
