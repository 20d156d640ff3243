package dev.twilioconnector.core.http;

/**
 * How many requests may be in flight to Twilio at once, learned from its answers: halved on every
 * "too many requests", grown by about one per round of successes, between 1 and the configured
 * parallelism (additive increase, multiplicative decrease). Twilio limits concurrent requests per
 * account; without this, every sending thread would keep hitting the limit and burn its attempts.
 */
final class AdaptiveConcurrency {

    private final int ceiling;
    private double limit;
    private int inFlight;

    AdaptiveConcurrency(int ceiling) {
        this.ceiling = Math.max(1, ceiling);
        this.limit = this.ceiling;
    }

    synchronized void acquire() throws InterruptedException {
        while (inFlight >= (int) limit) {
            wait();
        }
        inFlight++;
    }

    synchronized void release(boolean throttled) {
        inFlight--;
        limit = throttled ? Math.max(1, limit / 2) : Math.min(ceiling, limit + 1 / limit);
        notifyAll();
    }

    synchronized int limit() {
        return (int) limit;
    }
}
