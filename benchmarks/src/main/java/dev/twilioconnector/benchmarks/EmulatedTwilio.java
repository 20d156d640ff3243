package dev.twilioconnector.benchmarks;

import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.emulator.TwilioEmulator;

import java.time.Duration;

/**
 * Twilio as every benchmark sees it: the project's emulator on loopback, keeping no request journal and no messages,
 * so that it costs the shared cores little per request and holds no memory per message.
 */
public final class EmulatedTwilio {

    private EmulatedTwilio() {
    }

    /** Answers every message creation after {@code latency} ({@link Duration#ZERO}: at once); counting per recipient holds memory per recipient. */
    public static TwilioEmulator.Builder builder(Duration latency, boolean countPerRecipient) {
        return TwilioEmulator.builder().requestCapacity(0).messageCapacity(0).countPerRecipient(countPerRecipient).latency(latency)
                .threads(0);
    }

    /** The connector's settings for {@code twilio}: {@code parallelism} requests at once, the default retry policy. */
    public static TwilioSettings settings(TwilioEmulator twilio, int parallelism) {
        return TwilioSettings.builder()
                .accountSid(twilio.accountSid()).authToken(twilio.authToken())
                .apiBaseUrl(twilio.baseUrl())
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30))
                .parallelism(parallelism).retry(RetryPolicy.DEFAULT).build();
    }
}
