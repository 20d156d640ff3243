package dev.twilioconnector.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the emulated Twilio behaves under load, changeable while it runs: how late every answer comes,
 * and how many requests may be in flight before the next one is refused with 429.
 */
final class Conditions {

    /** @param limit requests in flight before refusing; 0 for no limit */
    record Throttle(int limit, int retryAfterSeconds) {
        static final Throttle NONE = new Throttle(0, 0);

        Throttle {
            if (limit < 0 || retryAfterSeconds < 0) {
                throw new IllegalArgumentException("throttling needs a limit and a Retry-After of 0 or more");
            }
        }
    }

    private final Duration initialLatency;
    private final Throttle initialThrottle;
    private volatile Duration latency;
    private volatile Throttle throttle;

    Conditions(Duration latency, Throttle throttle) {
        this.initialLatency = requireNotNegative(latency);
        this.initialThrottle = Objects.requireNonNull(throttle, "throttle");
        this.latency = initialLatency;
        this.throttle = initialThrottle;
    }

    Duration latency() {
        return latency;
    }

    void latency(Duration newLatency) {
        latency = requireNotNegative(newLatency);
    }

    Throttle throttle() {
        return throttle;
    }

    void throttle(Throttle newThrottle) {
        throttle = Objects.requireNonNull(newThrottle, "throttle");
    }

    void restore() {
        latency = initialLatency;
        throttle = initialThrottle;
    }

    static Duration requireNotNegative(Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative()) {
            throw new IllegalArgumentException("cannot be negative: " + duration);
        }
        return duration;
    }
}
