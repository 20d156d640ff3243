package dev.twilioconnector.flowable.conversation;

import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.cfg.TransactionState;
import org.flowable.eventsubscription.api.EventSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.flowable.engine.RuntimeService;

/**
 * Offers kept events to every wait for {@code SMS_RECEIVED} / {@code SMS_STATUS} once its transaction has
 * committed (before, the hand-over could neither see the wait from another transaction nor safely re-enter
 * the engine), on a thread of its own so that the committing thread does no database work for it. The same
 * thread expires kept events and, as a safety net for a node that stopped between a commit and its offer,
 * looks again at the waits created since the sweep before the last.
 */
public final class NewWaitListener implements FlowableEventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NewWaitListener.class);

    private final Supplier<EventKeeper> keeper;
    private final Set<String> eventKeys;
    private final RuntimeService runtime;
    private final Duration sweepEvery;
    private final Clock clock;
    private final ThreadPoolExecutor offers;
    private final ScheduledExecutorService sweeper;

    public NewWaitListener(Supplier<EventKeeper> keeper, Set<String> eventKeys, RuntimeService runtime, Duration sweepEvery, Clock clock) {
        this.keeper = keeper;
        this.eventKeys = Set.copyOf(eventKeys);
        this.runtime = runtime;
        this.sweepEvery = sweepEvery;
        this.clock = clock;
        // A full queue drops the offer: the sweep finds that wait again.
        this.offers = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000),
                task -> daemon(task, "twilio-kept-events"), new ThreadPoolExecutor.DiscardPolicy());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "twilio-kept-events-sweep"));
        long millis = sweepEvery.toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (event instanceof FlowableEntityEvent entityEvent && entityEvent.getEntity() instanceof EventSubscription wait
                && wait.getExecutionId() != null && eventKeys.contains(wait.getEventType())) {
            String instance = wait.getProcessInstanceId();
            String eventKey = wait.getEventType();
            String correlationKey = wait.getConfiguration();
            offers.execute(() -> offerQuietly(instance, eventKey, correlationKey));
        }
    }

    /** Expires kept events, then offers them to the waits created since the sweep before the last. */
    public void sweep() {
        try {
            keeper.get().expire();
            Date since = Date.from(clock.instant().minus(sweepEvery.multipliedBy(2)));
            for (String eventKey : eventKeys) {
                for (EventSubscription wait : runtime.createEventSubscriptionQuery().eventType(eventKey).createdAfter(since).list()) {
                    if (wait.getExecutionId() != null) {
                        keeper.get().waitStarted(wait.getProcessInstanceId(), eventKey, wait.getConfiguration());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Sweeping kept events failed, trying again in {}: {}", sweepEvery, e.getMessage());
        }
    }

    private void offerQuietly(String instance, String eventKey, String correlationKey) {
        try {
            keeper.get().waitStarted(instance, eventKey, correlationKey);
        } catch (RuntimeException e) {
            LOG.warn("Kept {} events could not be offered to process instance {} (the next sweep tries again): {}", eventKey, instance,
                    e.getMessage());
        }
    }

    @Override
    public boolean isFailOnException() {
        return false;
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return true;
    }

    @Override
    public String getOnTransaction() {
        return TransactionState.COMMITTED.name();
    }

    @Override
    public void close() {
        offers.shutdownNow();
        sweeper.shutdownNow();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
