package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.benchmarks.Engines.Engine;
import dev.twilioconnector.benchmarks.Options.Db;
import dev.twilioconnector.emulator.TwilioEmulator;
import org.flowable.engine.RuntimeService;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.twilioconnector.benchmarks.Report.f;
import static dev.twilioconnector.benchmarks.Report.mb;

/**
 * 4. Memory: the live heap while one SEND_SMS task sends to 100,000 distinct recipients (Twilio answering at once), at
 * checkpoints of Twilio's accepted count, and after the task, against the heap before it. The emulator keeps neither
 * journal nor messages, so its own heap stays constant.
 */
public record MemoryBenchmark(Options options, Databases databases, Report report) {

    /** Nothing may stay behind once the task is over: templates and clients are cached once, not per send. */
    public static final long RETAINED_GOAL_BYTES = 10L * 1024 * 1024;
    /** While the task runs it holds one result per recipient; more than this per send would be more than results. */
    public static final long PER_SEND_GOAL_BYTES = 1024;

    public void run() {
        int recipients = options.memoryRecipients();
        report.section("4. Memory: live heap while and after ONE SEND_SMS task sends to " + f(recipients, 0) + " recipients");
        for (Db db : options.databases()) {
            measure(db, recipients);
        }
    }

    private void measure(Db db, int recipients) {
        report.progress("memory on " + db.label() + ": starting engine");
        Database database = databases.freshOutsideTheHeap(db, "memory");
        try (TwilioEmulator twilio = EmulatedTwilio.builder(Duration.ZERO, false).start();
             Engine engine = Engines.start(database, EmulatedTwilio.settings(twilio, 16), "bench/fanOut.bpmn20.xml", Map.of())) {
            RuntimeService runtime = engine.engine().getRuntimeService();
            String warmup = runtime.startProcessInstanceByKey("benchFanOut", variables(Phones.reserve(1000), 1000)).getId();
            if (TaskOutcome.of(engine.engine().getHistoryService(), warmup).acceptedCount() != 1000) {
                throw new IllegalStateException("the warm-up task did not send to all its recipients");
            }
            twilio.counts().reset();
            long baseline = heapAfterGc();
            List<long[]> checkpoints = new CopyOnWriteArrayList<>();
            Thread monitor = new Thread(() -> takeCheckpoints(twilio, List.of(recipients / 10, recipients / 2, recipients), checkpoints));
            monitor.setDaemon(true);
            monitor.start();
            long started = System.nanoTime();
            String id = runtime.startProcessInstanceByKey("benchFanOut", variables(Phones.reserve(recipients), recipients)).getId();
            double seconds = (System.nanoTime() - started) / 1e9;
            monitor.join(60_000);
            // What is released in the background after the task does not count as retained.
            Thread.sleep(options.quick() ? 1000 : 5000);
            long settled = heapAfterGc();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("before the task", "-", mb(baseline), "-"));
            checkpoints.forEach(point -> rows.add(List.of("while sending", f(point[0], 0), mb(point[1]), signed(point[1] - baseline))));
            rows.add(List.of("after the task", f(twilio.counts().accepted(), 0), mb(settled), signed(settled - baseline)));
            report.table(List.of(db.label() + ": checkpoint", "accepted by Twilio", "live heap", "vs before"), rows);
            TaskOutcome outcome = TaskOutcome.of(engine.engine().getHistoryService(), id);
            long[] first = checkpoints.get(0);
            long[] last = checkpoints.get(checkpoints.size() - 1);
            double perSend = (double) (last[1] - first[1]) / Math.max(1, last[0] - first[0]);
            long retained = settled - baseline;
            boolean pass = outcome.acceptedCount() == recipients && retained <= RETAINED_GOAL_BYTES && perSend <= PER_SEND_GOAL_BYTES;
            report.progress("memory on " + db.label() + ": " + outcome.acceptedCount() + " accepted in " + f(seconds, 1) + " s, problems "
                    + outcome.problemsText());
            report.summary("4. Memory, one SEND_SMS task to " + f(recipients, 0) + " recipients, " + db.label(), "heap flat: <= "
                            + mb(RETAINED_GOAL_BYTES) + " retained, <= " + PER_SEND_GOAL_BYTES + " B/send while sending",
                    signed(retained) + " after the task; " + f(perSend, 0) + " B/send while sending", pass);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            databases.dispose(database);
        }
    }

    /** Adds {accepted, live heap} each time Twilio's accepted count reaches the next of {@code at}. */
    private static void takeCheckpoints(TwilioEmulator twilio, List<Integer> at, List<long[]> checkpoints) {
        for (int checkpoint : at) {
            while (twilio.counts().accepted() < checkpoint) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            long accepted = twilio.counts().accepted();
            checkpoints.add(new long[]{accepted, heapAfterGc()});
        }
    }

    private static Map<String, Object> variables(long firstNumber, int count) {
        return Map.of("phones", Phones.list(firstNumber, count), "store", "Main Street", "time", "9:00");
    }

    /**
     * The live heap: what the heap pools held right after the last of three full collections, as the collector reports
     * it; reading the heap's usage a moment later would also count what the sending threads allocated since.
     */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
    }

    private static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "-") + mb(Math.abs(bytes));
    }
}
