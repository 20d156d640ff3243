package dev.twilioconnector.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What Twilio does after accepting a message that has a {@code StatusCallback}: it reports the message
 * as it travels, each report a signed POST to the callback, one step apart; the stored message follows
 * along, so fetching and listing see the same status. What becomes of a message is its recipient's
 * {@link Delivery}. Reports still due when the emulator is {@linkplain #forgetAll() reset} are dropped,
 * so one test's reports never reach the next test.
 */
final class StatusReporter implements AutoCloseable {

    private static final int KEPT = 10_000;

    private final Messages messages;
    private final Accounts accounts;
    private final Clock clock;
    private final Duration initialStep;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "twilio-emulator-status-reports");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Delivery> byRecipient = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    /** Oldest first, at most {@link #KEPT}. Guarded by itself. */
    private final ArrayDeque<StatusReport> posted = new ArrayDeque<>();
    private volatile Duration step;
    private volatile Function<String, Delivery> rule = to -> Delivery.delivered();

    /** @param step the time between acceptance and the first report and between reports; {@code null}: none unless asked */
    StatusReporter(Messages messages, Accounts accounts, Clock clock, Duration step) {
        this.messages = messages;
        this.accounts = accounts;
        this.clock = clock;
        this.initialStep = step;
        this.step = step;
    }

    /** Reports {@code message} as it travels, unless reports are only sent when asked. */
    void follow(Message message, Account account) {
        Duration every = step;
        if (every == null) {
            return;
        }
        long current = generation.get();
        Delivery delivery = deliveryTo(message.to());
        if (!delivery.reachesCarrier()) {
            later(every, () -> post(current, message.sid(), delivery.finalStatus(), delivery.errorCode(), account));
            return;
        }
        // The final report waits for the first to be answered, so an application never sees them out of order.
        later(every, () -> post(current, message.sid(), Message.SENT, null, account).thenRun(() -> {
            if (delivery.finalStatus() != null) {
                later(every, () -> post(current, message.sid(), delivery.finalStatus(), delivery.errorCode(), account));
            }
        }));
    }

    /** Reports a status of a message now, whatever its recipient's delivery; refuses a message it does not know or that asked for no reports. */
    StatusReport reportNow(String messageSid, String status, Integer errorCode) {
        Message message = messages.find(messageSid)
                .orElseThrow(() -> new IllegalArgumentException("no message " + messageSid + " (or it was forgotten)"));
        if (message.statusCallback() == null) {
            throw new IllegalStateException("message " + messageSid + " asked for no status reports (no StatusCallback)");
        }
        Account account = accounts.find(message.accountSid()).orElseThrow();
        return post(generation.get(), messageSid, status, errorCode, account).join();
    }

    void deliverTo(String recipient, Delivery delivery) {
        byRecipient.put(recipient, Objects.requireNonNull(delivery, "delivery"));
    }

    void deliveryRule(Function<String, Delivery> newRule) {
        rule = Objects.requireNonNull(newRule, "rule");
    }

    void step(Duration newStep) {
        step = newStep;
    }

    List<StatusReport> posted() {
        synchronized (posted) {
            return List.copyOf(posted);
        }
    }

    /** Drops reports still due, forgets those posted, and goes back to every message being delivered at the first step. */
    void forgetAll() {
        generation.incrementAndGet();
        synchronized (posted) {
            posted.clear();
        }
        byRecipient.clear();
        rule = to -> Delivery.delivered();
        step = initialStep;
    }

    @Override
    public void close() {
        generation.incrementAndGet();
        timer.shutdownNow();
    }

    private Delivery deliveryTo(String recipient) {
        Delivery chosen = byRecipient.get(recipient);
        return chosen != null ? chosen : Objects.requireNonNull(rule.apply(recipient), "the delivery rule answered null");
    }

    private void later(Duration delay, Runnable task) {
        if (!timer.isShutdown()) {
            timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private CompletableFuture<StatusReport> post(long expectedGeneration, String sid, String status, Integer errorCode, Account account) {
        if (generation.get() != expectedGeneration) {
            return CompletableFuture.completedFuture(null);
        }
        Message message = messages.update(sid, stored -> stored.withStatus(status, errorCode, clock.instant())).orElse(null);
        if (message == null || message.statusCallback() == null) {
            return CompletableFuture.completedFuture(null);
        }
        String url = message.statusCallback();
        Map<String, String> form = TwilioForms.statusReport(account.sid(), sid, message.from(), message.to(), status, errorCode);
        Instant postedAt = clock.instant();
        return new WebhookSender(account.authToken()).postAsync(url, url, WebhookSender.single(form))
                .handle((answer, failure) -> {
                    StatusReport report = new StatusReport(sid, status, errorCode, url, form, postedAt,
                            answer == null ? StatusReport.UNREACHABLE : answer.status());
                    if (generation.get() == expectedGeneration) {
                        remember(report);
                    }
                    return report;
                });
    }

    private void remember(StatusReport report) {
        synchronized (posted) {
            posted.addLast(report);
            if (posted.size() > KEPT) {
                posted.removeFirst();
            }
        }
    }
}
