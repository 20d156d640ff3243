package dev.twilioconnector.core.settings;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long the connector waits and tries again when Twilio says "too many requests"
 * (HTTP 429, error 20429), when the connection could not even be opened, and when a read-only GET
 * met a server error. A request that may have created something (a POST answered 5xx, timed out or
 * cut off) is reported, never sent blindly a second time.
 *
 * @param maxAttempts    attempts per request, the first one included (at least 1)
 * @param initialBackoff the wait before the second attempt; it doubles for each further one
 * @param maxBackoff     the longest single wait, whatever {@code Retry-After} asks for
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** The {@link Setting} table's defaults. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Setting.MAX_ATTEMPTS.defaultWholeNumber(),
            Setting.INITIAL_BACKOFF.defaultDuration(), Setting.MAX_BACKOFF.defaultDuration());

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("twilio.send.max-attempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("twilio.send backoff durations must not be negative");
        }
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}: exponential backoff with full jitter, never
     * shorter than what the server asked for in {@code Retry-After}, never longer than {@link #maxBackoff}.
     */
    public Duration delayAfter(int failedAttempts, Duration retryAfter) {
        long ceiling = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 20);
        long backoff = Math.min(ceiling, maxBackoff.toMillis());
        long jittered = backoff <= 0 ? 0 : ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1);
        long wanted = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
        return Duration.ofMillis(Math.min(wanted, maxBackoff.toMillis()));
    }
}
