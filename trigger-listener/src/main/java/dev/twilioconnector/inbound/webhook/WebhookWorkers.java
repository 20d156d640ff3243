package dev.twilioconnector.inbound.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that handle webhook deliveries while the request thread waits at most
 * {@code twilio.webhook.answer-within} for them: Twilio gives up after 15 seconds, and whatever the
 * started process does or the database does not answer, the webhook answers before that. Work that
 * overruns goes on here and finishes what it started.
 */
public final class WebhookWorkers implements AutoCloseable {

    /** More deliveries in hand at once than any webhook needs; past it the request's own thread does the work. */
    static final int MAX_THREADS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWorkers.class);

    private final Duration answerWithin;
    private final ThreadPoolExecutor threads;

    public WebhookWorkers(Duration answerWithin) {
        this.answerWithin = answerWithin;
        this.threads = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), new Named());
    }

    /** How long a webhook waits for its delivery's outcome before it answers without it. */
    public Duration answerWithin() {
        return answerWithin;
    }

    /** Runs {@code work} on a worker; on the calling thread when all of them are busy. */
    public void run(Runnable work) {
        try {
            threads.execute(() -> runLogged(work));
        } catch (RejectedExecutionException e) {
            LOG.warn("All {} webhook workers are busy; this delivery is handled on its request's thread, without the answer's time bound",
                    MAX_THREADS);
            runLogged(work);
        }
    }

    private static void runLogged(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("A webhook delivery failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        threads.shutdown();
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
