package dev.twilioconnector.inbound.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that handle webhook deliveries while the request thread waits at most
 * {@code twilio.webhook.answer-within} for them: Twilio gives up after 15 seconds, and whatever the
 * started process does or the database does not answer, the webhook answers before that. Work that
 * overruns goes on here and finishes what it started. Bounded: a flood waits in a queue, and beyond it
 * is refused at once rather than held.
 */
public final class WebhookWorkers implements AutoCloseable {

    /** Deliveries handled at once; a slow process or database holds one each. */
    static final int THREADS = 64;
    /** Deliveries waiting for a worker; past that a webhook is refused at once (503) rather than held. */
    static final int QUEUE = 1024;
    /** Twilio stops waiting for a webhook after 15 seconds. */
    static final Duration TWILIO_GIVES_UP = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWorkers.class);

    private final Duration answerWithin;
    private final ThreadPoolExecutor threads;
    private final RefusalLog overload = new RefusalLog(LOG, Duration.ofSeconds(1));

    public WebhookWorkers(Duration answerWithin) {
        if (answerWithin == null || answerWithin.isNegative() || answerWithin.isZero()) {
            throw new IllegalArgumentException("twilio.webhook.answer-within must be positive, not " + answerWithin);
        }
        if (answerWithin.compareTo(TWILIO_GIVES_UP) >= 0) {
            LOG.warn("twilio.webhook.answer-within is {}: Twilio gives up on a webhook after {}, so replies not ready by then are lost "
                    + "with it; keep it shorter", answerWithin, TWILIO_GIVES_UP);
        }
        this.answerWithin = answerWithin;
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), new Named());
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** How long a webhook waits for its delivery's outcome before it answers without it. */
    public Duration answerWithin() {
        return answerWithin;
    }

    /**
     * Hands {@code work} to a worker.
     *
     * @return {@code false} when every worker is busy and the queue is full (or the application is stopping):
     * the work was not started, and nothing of the delivery was recorded
     */
    public boolean run(Runnable work) {
        try {
            threads.execute(() -> runLogged(work));
            return true;
        } catch (RejectedExecutionException e) {
            overload.refused(() -> "a webhook delivery", "all " + THREADS + " webhook workers are busy and " + QUEUE + " deliveries wait");
            return false;
        }
    }

    private static void runLogged(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("A webhook delivery failed: {}", e.getMessage(), e);
        }
    }

    /** Lets the deliveries in hand finish, for as long as a webhook waits for one, before the engine stops. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(answerWithin.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} webhook deliveries were still being handled at shutdown", threads.getActiveCount());
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static final class Named implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "twilio-webhook-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
