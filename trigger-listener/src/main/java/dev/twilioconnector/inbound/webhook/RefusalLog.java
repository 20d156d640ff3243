package dev.twilioconnector.inbound.webhook;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One WARN line for a refused webhook call, at most one per interval: whoever floods the webhook with
 * garbage fills no disk. The refusals left out are counted in the next line.
 */
final class RefusalLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextLineAt;
    private final AtomicLong leftOut = new AtomicLong();

    RefusalLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nextLineAt = new AtomicLong(System.nanoTime());
    }

    /** @param what describes the refused request; asked for only when a line is written */
    void refused(Supplier<String> what, String why) {
        long now = System.nanoTime();
        long due = nextLineAt.get();
        if (now - due < 0 || !nextLineAt.compareAndSet(due, now + intervalNanos)) {
            leftOut.incrementAndGet();
            return;
        }
        long earlier = leftOut.getAndSet(0);
        if (earlier == 0) {
            log.warn("Refused {}: {}", what.get(), why);
        } else {
            log.warn("Refused {}: {} ({} more refused since the last such line)", what.get(), why, earlier);
        }
    }
}
