package dev.twilioconnector.flowable.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves forward by hand. It also runs on with real time, so that code waiting for a
 * deadline measured on it (the ledger's {@code waitForAnswer}) still reaches that deadline.
 */
final class TestClock extends Clock {

    private final Instant start;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<Duration> skipped = new AtomicReference<>(Duration.ZERO);

    TestClock(Instant start) {
        this.start = start;
    }

    /** Jumps ahead by {@code duration}. */
    void advance(Duration duration) {
        skipped.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public Instant instant() {
        return start.plus(skipped.get()).plusNanos(System.nanoTime() - startNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
