package dev.twilioconnector.core.template;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops renderings that run past their deadline. The rendering stays on the caller's thread; one
 * shared daemon thread interrupts that thread at the deadline, and FreeMarker's interruption checks
 * (added to every loop, macro and function body at compile time) end the rendering there.
 *
 * <p>The interrupt never outlives the rendering: {@link Watch#stop()} either cancels the alarm before it
 * fires, or, when the alarm won the race, waits until it has set the flag and clears it again. A state
 * machine (running → done, or running → interrupting → interrupted) decides which of the two happened,
 * so an alarm firing just as rendering ends cannot interrupt the thread after {@code stop()} returned.
 */
final class RenderWatchdog {

    private RenderWatchdog() {
    }

    /** Starts watching the calling thread; the caller must {@link Watch#stop()} in a {@code finally}. */
    static Watch watch(Duration timeout) {
        Watch watch = new Watch(Thread.currentThread());
        watch.alarm = Scheduler.INSTANCE.schedule(watch, Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        return watch;
    }

    static final class Watch implements Runnable {

        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int INTERRUPTING = 2;
        private static final int INTERRUPTED = 3;
        /** The deadline passed while the thread was already interrupted by someone else: that flag is theirs. */
        private static final int EXPIRED = 4;

        private final Thread thread;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private ScheduledFuture<?> alarm;

        private Watch(Thread thread) {
            this.thread = thread;
        }

        /** The alarm, on the watchdog thread. */
        @Override
        public void run() {
            if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                boolean theirs = thread.isInterrupted();
                try {
                    if (!theirs) {
                        thread.interrupt();
                    }
                } finally {
                    state.set(theirs ? EXPIRED : INTERRUPTED);
                }
            }
        }

        /**
         * Ends the watch, on the watched thread. Returns whether the deadline passed first; in that case
         * the interrupt it caused has been cleared, so the thread leaves exactly as it came.
         */
        boolean stop() {
            if (state.compareAndSet(RUNNING, DONE)) {
                alarm.cancel(false);
                return false;
            }
            int ended;
            while ((ended = state.get()) == INTERRUPTING) {
                Thread.onSpinWait();
            }
            if (ended == INTERRUPTED) {
                // The alarm's interrupt, and only it: the caller's own was put aside before rendering.
                Thread.interrupted();
            }
            return true;
        }
    }

    /** One daemon thread for every watch, created on first use and gone after a minute of idleness. */
    private static final class Scheduler {

        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "twilio-template-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.setRemoveOnCancelPolicy(true);
            scheduler.setKeepAliveTime(1, TimeUnit.MINUTES);
            scheduler.allowCoreThreadTimeOut(true);
            return scheduler;
        }
    }
}
