package dev.twilioconnector.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of what the emulator answered, cheap enough for benchmarks that send thousands of
 * requests a second and keep no journal: requests, messages accepted, requests refused by throttling,
 * and the most requests in flight at once. {@link #reset()} starts them again (not the requests in
 * flight, which are still out there).
 */
public final class Counts {

    private final boolean perRecipient;
    private final LongAdder requests = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> acceptedTo = new ConcurrentHashMap<>();

    Counts(boolean perRecipient) {
        this.perRecipient = perRecipient;
    }

    /** Requests received, answered or not. */
    public long requests() {
        return requests.sum();
    }

    /** Messages created (answered 201). */
    public long accepted() {
        return accepted.sum();
    }

    /** Requests answered 429 because too many were in flight. */
    public long throttled() {
        return throttled.sum();
    }

    /** Requests received and not answered yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests in flight at once. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /**
     * How many messages were created for each recipient: a snapshot. Empty when the emulator was built
     * with {@link TwilioEmulator.Builder#countPerRecipient(boolean) countPerRecipient(false)}.
     */
    public Map<String, Integer> acceptedPerRecipient() {
        Map<String, Integer> snapshot = new HashMap<>();
        acceptedTo.forEach((to, count) -> snapshot.put(to, count.get()));
        return snapshot;
    }

    public void reset() {
        requests.reset();
        accepted.reset();
        throttled.reset();
        peakInFlight.set(inFlight.get());
        acceptedTo.clear();
    }

    /** A request arrived; answers how many are in flight now, this one included. */
    int arrived() {
        requests.increment();
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        return now;
    }

    void answered() {
        inFlight.decrementAndGet();
    }

    void countThrottled() {
        throttled.increment();
    }

    void countAccepted(String to) {
        accepted.increment();
        if (perRecipient && to != null) {
            acceptedTo.computeIfAbsent(to, key -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public String toString() {
        return "Counts[requests=" + requests() + ", accepted=" + accepted() + ", throttled=" + throttled()
                + ", peakInFlight=" + peakInFlight() + "]";
    }
}
