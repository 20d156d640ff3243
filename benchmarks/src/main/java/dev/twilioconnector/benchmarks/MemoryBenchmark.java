package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.benchmarks.Engines.Engine;
import dev.twilioconnector.benchmarks.Options.Db;
import org.flowable.engine.RuntimeService;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.twilioconnector.benchmarks.Report.f;
import static dev.twilioconnector.benchmarks.Report.mb;
import static dev.twilioconnector.benchmarks.Report.verdict;

/**
 * 4. Memory: the live heap while one SEND_SMS task sends to 100,000 distinct recipients (the fake
 * answering at once), at checkpoints of the fake's answer count, and after the task completed, against
 * the baseline before it. The fake keeps no journal, so its own heap stays constant.
 *
 * <p>When the single task fails, the failure is reported as such and the same number of sends is then
 * measured as tasks of {@value #FALLBACK_TASK} recipients, heap taken after each checkpoint's task.
 */
public final class MemoryBenchmark {

    /** Nothing may stay behind once the task is over: templates and clients are cached once, not per send. */
    public static final long RETAINED_GOAL_BYTES = 10L * 1024 * 1024;
    /** While the task runs it holds one result per recipient; more than this per send would be more than results. */
    public static final long PER_SEND_GOAL_BYTES = 1024;
    public static final int FALLBACK_TASK = 10_000;
    private static final int SETTLE_SECONDS_FULL = 5;

    private final Options options;
    private final Databases databases;
    private final Report report;

    public MemoryBenchmark(Options options, Databases databases, Report report) {
        this.options = options;
        this.databases = databases;
        this.report = report;
    }

    public void run() {
        int recipients = options.memoryRecipients();
        report.section("4. Memory: heap after " + f(recipients, 0) + " sends through ONE SEND_SMS task (distinct +1555xxxxxxx, fake answering at once)");
        report.line("  heap = live heap right after the last of 3 x System.gc() (GcInfo.getMemoryUsageAfterGc, heap pools); max heap "
                + mb(Runtime.getRuntime().maxMemory()) + "; engine defaults (MyBatis pool: 10 connections), parallelism 16 (default).");
        report.line("  Baseline: after a 1,000-recipient warm-up task. Checkpoints are taken while the task runs, when the fake has answered"
                + " that many messages;");
        report.line("  they include the task's own working set (all recipients and rendered bodies are prepared before the first request,"
                + " then one result per answer).");
        report.line("  After the task: at once, and " + settleSeconds() + " s later (so that what is released in the background does not"
                + " count as retained).");
        report.line("  H2 (in memory as elsewhere) runs in a server process of its own here (H2 TCP server, loopback), so that its tables"
                + " are not in this heap; PostgreSQL runs in its own process as everywhere.");
        report.line("  Goals: " + settleSeconds() + " s after the task completed, heap within " + mb(RETAINED_GOAL_BYTES)
                + " of the baseline (nothing retained), and growth between the first and last checkpoint <= "
                + PER_SEND_GOAL_BYTES + " bytes per send.");
        for (Db db : options.databases()) {
            measure(db, recipients);
        }
    }

    private int settleSeconds() {
        return options.quick() ? 1 : SETTLE_SECONDS_FULL;
    }

    private void measure(Db db, int recipients) {
        report.progress("memory on " + db.label() + ": starting engine");
        Database database = databases.freshOutsideTheHeap(db, "memory");
        try (FakeTwilio twilio = FakeTwilio.immediate(false);
             Engine engine = Engines.start(database, twilio.settings(16), "bench/fanOut.bpmn20.xml")) {
            RuntimeService runtime = engine.engine().getRuntimeService();
            String warmup = runtime.startProcessInstanceByKey("benchFanOut", variables(3_000_000, 1000)).getId();
            TaskOutcome warm = TaskOutcome.of(engine.engine().getHistoryService(), warmup);
            if (warm.acceptedCount() != 1000) {
                throw new IllegalStateException("warm-up task: " + warm.acceptedCount() + " accepted, problems " + warm.problemsText());
            }
            twilio.resetCounts();
            long baseline = heapAfterGc();
            report.progress("memory on " + db.label() + ": baseline " + mb(baseline) + "; one task to " + recipients + " recipients");

            List<long[]> checkpoints = new CopyOnWriteArrayList<>();
            Thread monitor = checkpointMonitor(db, twilio, checkpoints);
            long started = System.nanoTime();
            String id = null;
            RuntimeException failure = null;
            try {
                id = runtime.startProcessInstanceByKey("benchFanOut", variables(4_000_000, recipients)).getId();
            } catch (RuntimeException e) {
                failure = e;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            monitor.interrupt();
            monitor.join(60_000);
            long atOnce = heapAfterGc();
            sleepSeconds(settleSeconds());
            long settled = heapAfterGc();

            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("baseline (before the task)", "-", mb(baseline), "-"));
            for (long[] checkpoint : checkpoints) {
                rows.add(List.of("while sending: " + f(checkpoint[0], 0) + " answered", f(checkpoint[1], 0), mb(checkpoint[2]),
                        signed(checkpoint[2] - baseline)));
            }
            String end = failure == null ? "task completed" : "task FAILED";
            rows.add(List.of("after the " + end + ", at once", f(twilio.accepted(), 0), mb(atOnce), signed(atOnce - baseline)));
            rows.add(List.of("after the " + end + ", " + settleSeconds() + " s later", f(twilio.accepted(), 0), mb(settled),
                    signed(settled - baseline)));
            double perSend = perSend(checkpoints);
            long retained = settled - baseline;
            report.line("  " + db.label() + ", one task of " + f(recipients, 0) + " recipients:");
            report.table(List.of("checkpoint", "answered by the fake", "heap", "vs baseline"), rows);

            if (failure == null) {
                TaskOutcome outcome = TaskOutcome.of(engine.engine().getHistoryService(), id);
                boolean complete = outcome.acceptedCount() == recipients;
                boolean pass = complete && retained <= RETAINED_GOAL_BYTES && perSend <= PER_SEND_GOAL_BYTES;
                report.progress("memory on " + db.label() + ": task completed in " + f(seconds, 1) + " s (" + f(recipients / seconds, 0)
                        + " sends/s)");
                report.line("  accepted " + outcome.acceptedCount() + "/" + recipients + ", problems " + outcome.problemsText()
                        + "; growth between checkpoints " + f(perSend, 0) + " bytes/send; retained " + settleSeconds() + " s after the task "
                        + signed(retained) + " -> " + verdict(pass));
                report.summary("4. Memory, " + f(recipients, 0) + " sends in one task, " + db.label(),
                        "<= baseline + " + mb(RETAINED_GOAL_BYTES) + " after; <= " + PER_SEND_GOAL_BYTES + " B/send while sending",
                        "baseline " + mb(baseline) + ", after " + mb(settled) + " (" + signed(retained) + "); " + f(perSend, 0) + " B/send"
                                + (complete ? "" : "; only " + outcome.acceptedCount() + " accepted"), pass);
                return;
            }

            String reason = firstLine(failure);
            report.line("  The task FAILED after " + f(seconds, 1) + " s, when the fake had answered " + f(twilio.accepted(), 0) + " of "
                    + f(recipients, 0) + " messages: " + reason);
            report.summary("4. One SEND_SMS task of " + f(recipients, 0) + " recipients, " + db.label(), "completes",
                    "FAILED after " + f(seconds, 1) + " s, " + f(twilio.accepted(), 0) + " messages accepted by the fake: " + reason, false);
            fallback(db, engine, twilio, recipients);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            databases.dispose(database);
        }
    }

    /** The same number of sends as tasks of {@link #FALLBACK_TASK} recipients, heap after the tasks that reach a checkpoint. */
    private void fallback(Db db, Engine engine, FakeTwilio twilio, int recipients) {
        int taskSize = Math.min(FALLBACK_TASK, recipients / 10);
        int tasks = recipients / taskSize;
        report.line("  Fallback, to measure the heap all the same: " + tasks + " tasks of " + f(taskSize, 0)
                + " recipients one after the other (not one task: see above).");
        long baseline = heapAfterGc();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("baseline (after the failed task)", "-", mb(baseline), "-"));
        List<long[]> checkpoints = new ArrayList<>();
        long sent = 0;
        long started = System.nanoTime();
        for (int task = 1; task <= tasks; task++) {
            String id = engine.engine().getRuntimeService().startProcessInstanceByKey("benchFanOut",
                    variables(5_000_000 + (long) task * taskSize, taskSize)).getId();
            TaskOutcome outcome = TaskOutcome.of(engine.engine().getHistoryService(), id);
            if (outcome.acceptedCount() != taskSize) {
                throw new IllegalStateException("fallback task " + task + ": " + outcome.acceptedCount() + " accepted, problems "
                        + outcome.problemsText());
            }
            sent += taskSize;
            if (options.memoryCheckpoints().contains((int) sent) || task == tasks) {
                long heap = heapAfterGc();
                checkpoints.add(new long[]{sent, sent, heap});
                rows.add(List.of("after " + task + " task(s), " + f(sent, 0) + " sent", f(sent, 0), mb(heap), signed(heap - baseline)));
                report.progress("memory on " + db.label() + " (fallback): " + f(sent, 0) + " sent, heap " + mb(heap));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sleepSeconds(settleSeconds());
        long settled = heapAfterGc();
        rows.add(List.of(settleSeconds() + " s after the last task", f(sent, 0), mb(settled), signed(settled - baseline)));
        report.table(List.of("checkpoint", "sent", "heap", "vs baseline"), rows);
        double perSend = perSend(checkpoints);
        long retained = settled - baseline;
        boolean pass = retained <= RETAINED_GOAL_BYTES && perSend <= PER_SEND_GOAL_BYTES;
        report.line("  fallback: " + f(sent, 0) + " sent in " + f(seconds, 1) + " s; growth between checkpoints " + f(perSend, 0)
                + " bytes/send; retained " + signed(retained) + " -> " + verdict(pass));
        report.summary("4. Memory, " + f(sent, 0) + " sends as " + tasks + " tasks of " + f(taskSize, 0) + " (fallback), " + db.label(),
                "<= baseline + " + mb(RETAINED_GOAL_BYTES) + " after; <= " + PER_SEND_GOAL_BYTES + " B/send between checkpoints",
                "baseline " + mb(baseline) + ", after " + mb(settled) + " (" + signed(retained) + "); " + f(perSend, 0) + " B/send", pass);
    }

    private Thread checkpointMonitor(Db db, FakeTwilio twilio, List<long[]> checkpoints) {
        Thread monitor = new Thread(() -> {
            for (int checkpoint : options.memoryCheckpoints()) {
                while (twilio.accepted() < checkpoint) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                long answered = twilio.accepted();
                long heap = heapAfterGc();
                checkpoints.add(new long[]{checkpoint, answered, heap});
                report.progress("memory on " + db.label() + ": " + answered + " answered, heap " + mb(heap));
            }
        }, "memory-checkpoints");
        monitor.setDaemon(true);
        monitor.start();
        return monitor;
    }

    private static Map<String, Object> variables(long firstNumber, int count) {
        return Map.of("phones", Phones.list(firstNumber, count), "store", "Main Street", "time", "9:00");
    }

    private static double perSend(List<long[]> checkpoints) {
        if (checkpoints.size() < 2) {
            return Double.NaN;
        }
        long[] first = checkpoints.get(0);
        long[] last = checkpoints.get(checkpoints.size() - 1);
        return (double) (last[2] - first[2]) / (last[1] - first[1]);
    }

    private static String firstLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).strip().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + ": " + message;
    }

    private static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The live heap: what the heap pools held right after the last of three full collections, as the
     * collector itself reports it ({@code GcInfo#getMemoryUsageAfterGc}). Reading the heap usage a moment
     * later would also count what the sending threads allocated since.
     */
    public static long heapAfterGc() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        com.sun.management.GcInfo latest = null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof com.sun.management.GarbageCollectorMXBean withInfo) {
                com.sun.management.GcInfo info = withInfo.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    private static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "-") + mb(Math.abs(bytes));
    }
}
