package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.benchmarks.Engines.Engine;
import dev.twilioconnector.benchmarks.Options.Db;
import dev.twilioconnector.core.settings.RetryPolicy;
import org.flowable.engine.ProcessEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.benchmarks.Report.f;
import static dev.twilioconnector.benchmarks.Report.verdict;

/**
 * 2. Fan-out: one SEND_SMS task to many recipients, the fake answering after a fixed latency, against
 * a naive sequential loop over the SDK (run once: it takes recipients x latency) and the bound
 * recipients / parallelism x latency. Then the same task against a fake that answers 429 whenever
 * more than N requests are in flight: wall time, retries, and that every recipient was accepted once.
 */
public final class FanOutBenchmark {

    public static final double SPEED_UP_GOAL = 30;
    public static final double BOUND_GOAL = 1.5;

    private final Options options;
    private final Databases databases;
    private final Report report;
    private long nextNumber = 2_000_000;

    public FanOutBenchmark(Options options, Databases databases, Report report) {
        this.options = options;
        this.databases = databases;
        this.report = report;
    }

    public void run() {
        int recipients = options.fanOutRecipients();
        int parallelism = options.fanOutParallelism();
        int latency = options.fanOutLatencyMillis();
        double bound = (double) recipients / parallelism * latency;
        report.section("2. Fan-out: one SEND_SMS task to " + recipients + " recipients, fake answering after " + latency
                + " ms, vs a sequential SDK loop");
        report.line("  twilio.send.parallelism = " + parallelism + " (set explicitly); theoretical bound = recipients / parallelism x latency = "
                + recipients + " / " + parallelism + " x " + latency + " ms = " + f(bound, 1) + " ms");
        report.line("  SEND_SMS: " + warmupTasks() + " warm-up task(s), then " + options.fanOutRepetitions() + " timed tasks (startProcessInstanceByKey until the"
                + " instance ended), median; every recipient checked accepted exactly once by the fake.");
        report.line("  The sequential loop (Message.creator(...).create(client) one by one, same transport and fake) runs ONCE,"
                + " not per database: it takes ~recipients x latency.");

        List<FanOut> fanOuts = new ArrayList<>();
        for (Db db : options.databases()) {
            fanOuts.add(fanOut(db, recipients, parallelism, latency));
        }
        double sequentialMillis = sequential(latency, parallelism);

        List<List<String>> rows = new ArrayList<>();
        for (FanOut fanOut : fanOuts) {
            double speedUp = sequentialMillis / fanOut.millis();
            double overBound = fanOut.millis() / bound;
            boolean pass = speedUp >= SPEED_UP_GOAL && overBound <= BOUND_GOAL;
            rows.add(List.of(fanOut.db().label(), f(fanOut.millis(), 0), f(sequentialMillis, 0), f(speedUp, 1) + "x", f(bound, 0),
                    f(overBound, 2) + "x", ">= " + f(SPEED_UP_GOAL, 0) + "x and <= " + BOUND_GOAL + "x bound", verdict(pass)));
            report.summary("2. Fan-out " + recipients + " recipients @ " + latency + " ms, " + fanOut.db().label(),
                    ">= " + f(SPEED_UP_GOAL, 0) + "x the sequential loop",
                    f(fanOut.millis(), 0) + " ms vs " + f(sequentialMillis, 0) + " ms = " + f(speedUp, 1) + "x", speedUp >= SPEED_UP_GOAL);
            report.summary("2. Fan-out vs bound (" + parallelism + " parallel), " + fanOut.db().label(),
                    "<= " + BOUND_GOAL + "x of " + f(bound, 0) + " ms", f(fanOut.millis(), 0) + " ms = " + f(overBound, 2) + "x",
                    overBound <= BOUND_GOAL);
        }
        report.table(List.of("database", "SEND_SMS wall (ms)", "sequential loop (ms, once)", "speed-up", "bound (ms)",
                "SEND_SMS / bound", "goal", "result"), rows);
        for (FanOut fanOut : fanOuts) {
            report.line("  " + fanOut.db().label() + " repetitions (ms): " + fanOut.runs().stream().map(ms -> f(ms, 0))
                    .reduce((a, b) -> a + ", " + b).orElse("") + "; most requests in flight at the fake: " + fanOut.peakInFlight());
        }

        int limit = options.throttleLimit();
        RetryPolicy retry = RetryPolicy.DEFAULT;
        report.line("");
        report.line("  Throttled: the fake answers 429 (20429, Retry-After: 0) whenever more than N = " + limit
                + " creations are in flight, else 201 after " + latency + " ms;");
        report.line("  parallelism " + parallelism + ", the default retry policy (max-attempts " + retry.maxAttempts() + ", initial-backoff "
                + retry.initialBackoff().toMillis() + " ms, max-backoff " + retry.maxBackoff().toSeconds() + " s); one task, "
                + recipients + " recipients. Floor: recipients / N x latency = " + f((double) recipients / limit * latency, 0) + " ms.");
        List<List<String>> throttledRows = new ArrayList<>();
        for (Db db : options.databases()) {
            Throttled throttled = throttled(db, recipients, parallelism, latency, limit, retry);
            boolean pass = throttled.distinctAccepted() == recipients && throttled.acceptedTwice() == 0;
            int accounted = throttled.outcome().acceptedCount() + throttled.outcome().problemCount();
            throttledRows.add(List.of(db.label(), f(throttled.millis(), 0), String.valueOf(throttled.retries()),
                    String.valueOf(throttled.answered429()), String.valueOf(throttled.outcome().acceptedCount()),
                    String.valueOf(throttled.distinctAccepted()), String.valueOf(throttled.acceptedTwice()),
                    throttled.outcome().problemsText(), verdict(pass)));
            report.summary("2. Fan-out throttled (429 above " + limit + " in flight), " + db.label(),
                    "all " + recipients + " accepted exactly once",
                    throttled.distinctAccepted() + " distinct accepted, " + throttled.acceptedTwice() + " twice, "
                            + throttled.outcome().problemCount() + " reported in twilioError (" + accounted + "/" + recipients
                            + " accounted for), " + throttled.retries() + " retries, " + f(throttled.millis() / 1000, 1) + " s", pass);
        }
        report.table(List.of("database", "wall (ms)", "retries (TwilioConnector#retries)", "429 answers", "accepted (twilioResult)",
                "distinct To answered 201", "To answered 201 twice", "problems (twilioError, by code)", "result"), throttledRows);
    }

    private FanOut fanOut(Db db, int recipients, int parallelism, int latency) {
        report.progress("fan-out on " + db.label() + ": starting engine");
        Database database = databases.fresh(db, "fanout");
        try (FakeTwilio twilio = FakeTwilio.slow(latency, parallelism, true);
             Engine engine = Engines.start(database, twilio.settings(parallelism), "bench/fanOut.bpmn20.xml")) {
            List<Double> warmups = new ArrayList<>();
            for (int warmup = 0; warmup < warmupTasks(); warmup++) {
                warmups.add(timedTask(engine.engine(), twilio, recipients, true));
            }
            report.progress("fan-out on " + db.label() + ": warm-up done (" + warmups.stream().map(ms -> f(ms, 0) + " ms")
                    .reduce((a, b) -> a + ", " + b).orElse("") + ")");
            List<Double> runs = new ArrayList<>();
            int peak = 0;
            for (int repetition = 0; repetition < options.fanOutRepetitions(); repetition++) {
                twilio.resetCounts();
                runs.add(timedTask(engine.engine(), twilio, recipients, true));
                peak = Math.max(peak, twilio.peakInFlight());
                report.progress("fan-out on " + db.label() + ": repetition " + (repetition + 1) + "/" + options.fanOutRepetitions() + ": "
                        + f(runs.get(runs.size() - 1), 0) + " ms");
            }
            return new FanOut(db, Stats.median(runs), runs, peak);
        } finally {
            databases.dispose(database);
        }
    }

    private int warmupTasks() {
        return options.quick() ? 1 : 2;
    }

    /** Runs one task to {@code recipients} new numbers; its wall time in ms. Checks that the fake accepted each once. */
    private double timedTask(ProcessEngine engine, FakeTwilio twilio, int recipients, boolean strict) {
        twilio.resetCounts();
        long first = nextNumber;
        nextNumber += recipients;
        long started = System.nanoTime();
        String id = engine.getRuntimeService().startProcessInstanceByKey("benchFanOut",
                Map.of("phones", Phones.list(first, recipients), "store", "Main Street", "time", "9:00")).getId();
        double millis = (System.nanoTime() - started) / 1e6;
        TaskOutcome outcome = TaskOutcome.of(engine.getHistoryService(), id);
        if (strict && (outcome.acceptedCount() != recipients || twilio.acceptedTo().size() != recipients
                || twilio.acceptedTo().values().stream().anyMatch(count -> count != 1))) {
            throw new IllegalStateException("fan-out task: " + outcome.acceptedCount() + " accepted, " + twilio.acceptedTo().size()
                    + " distinct at the fake, problems " + outcome.problemsText());
        }
        return millis;
    }

    private double sequential(int latency, int parallelism) {
        int count = options.sequentialRecipients();
        report.progress("sequential SDK loop: " + count + " requests one by one at " + latency + " ms each (once, ~"
                + f(count * latency / 1000.0, 0) + " s)");
        try (FakeTwilio twilio = FakeTwilio.slow(latency, parallelism, false);
             SdkLoop loop = new SdkLoop(twilio.settings(parallelism))) {
            loop.send(8_000_000, 5);
            double millis = loop.send(8_100_000, count) / 1e6;
            if (twilio.accepted() != count + 5) {
                throw new IllegalStateException("the sequential loop got " + twilio.accepted() + " answers");
            }
            double scaled = millis * options.fanOutRecipients() / count;
            report.progress("sequential SDK loop: " + f(millis, 0) + " ms for " + count + " requests");
            return scaled;
        }
    }

    private Throttled throttled(Db db, int recipients, int parallelism, int latency, int limit, RetryPolicy retry) {
        report.progress("throttled fan-out on " + db.label() + ": starting engine");
        Database database = databases.fresh(db, "throttled");
        try (FakeTwilio twilio = FakeTwilio.throttled(latency, limit, parallelism);
             Engine engine = Engines.start(database, twilio.settings(parallelism, retry), "bench/fanOut.bpmn20.xml")) {
            twilio.resetCounts();
            long retriesBefore = engine.configurator().connector().retries();
            long first = nextNumber;
            nextNumber += recipients;
            long started = System.nanoTime();
            String id = engine.engine().getRuntimeService().startProcessInstanceByKey("benchFanOut",
                    Map.of("phones", Phones.list(first, recipients), "store", "Main Street", "time", "9:00")).getId();
            double millis = (System.nanoTime() - started) / 1e6;
            long retries = engine.configurator().connector().retries() - retriesBefore;
            TaskOutcome outcome = TaskOutcome.of(engine.engine().getHistoryService(), id);
            Map<String, Integer> acceptedTo = twilio.acceptedTo();
            long twice = acceptedTo.values().stream().filter(count -> count > 1).count();
            if (!outcome.acceptedTo().equals(acceptedTo.keySet())) {
                report.line("    WARNING: twilioResult names " + outcome.acceptedTo().size() + " recipients, the fake accepted "
                        + acceptedTo.size() + " distinct ones: they differ");
            }
            report.progress("throttled fan-out on " + db.label() + ": " + f(millis, 0) + " ms, " + retries + " retries, "
                    + acceptedTo.size() + " accepted, peak in flight " + twilio.peakInFlight());
            return new Throttled(millis, retries, twilio.throttled(), outcome, acceptedTo.size(), twice);
        } finally {
            databases.dispose(database);
        }
    }

    record FanOut(Db db, double millis, List<Double> runs, int peakInFlight) {
    }

    record Throttled(double millis, long retries, long answered429, TaskOutcome outcome, int distinctAccepted, long acceptedTwice) {
    }
}
