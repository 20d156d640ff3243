package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.benchmarks.Engines.Engine;
import dev.twilioconnector.benchmarks.Options.Db;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.variable.api.history.HistoricVariableInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.benchmarks.Report.f;
import static dev.twilioconnector.benchmarks.Report.verdict;

/**
 * 1. Engine overhead: process instances per second of start → SEND_SMS (one recipient, the fake
 * answering at once) → end, against the same process with a no-op {@code JavaDelegate}. One thread,
 * both processes in the same engine, batches interleaved; the median of the repetitions.
 */
public final class EngineOverheadBenchmark {

    public static final double GOAL = 0.6;
    private static final int SDK_SAMPLE = 1000;

    private final Options options;
    private final Databases databases;
    private final Report report;
    private long nextNumber = 1_000_000;

    public EngineOverheadBenchmark(Options options, Databases databases, Report report) {
        this.options = options;
        this.databases = databases;
        this.report = report;
    }

    public void run() {
        report.section("1. Engine overhead: start -> SEND_SMS (1 recipient) -> end, vs start -> no-op JavaDelegate -> end");
        report.line("  plain engine (StandaloneProcessEngineConfiguration + TwilioConnectorConfigurator), async executor off, history audit;");
        report.line("  fake Twilio (a bare HTTP/1.1 responder on loopback, InstantTwilio) answers 201 at once; one thread starts instances back to back; all variants in one"
                + " engine; warm-up " + options.overheadWarmup() + " instances of each (interleaved),");
        report.line("  then " + options.overheadRepetitions() + " repetitions x " + options.overheadInstances()
                + " instances of each (batches interleaved, order rotating, a full GC before each batch so that a batch pays for"
                + " its own garbage); figures are medians.");
        List<Result> results = new ArrayList<>();
        for (Db db : options.databases()) {
            results.add(measure(db));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Result result : results) {
            rows.add(List.of(result.db().label(), f(result.noOpRate(), 0), f(result.sendRate(), 0), f(result.ratio(), 2),
                    f(1000 / result.sendRate() - 1000 / result.noOpRate(), 3), f(result.sdkMillis(), 3),
                    f(1000 / result.outputsOnlyRate() - 1000 / result.noOpRate(), 3),
                    result.db() == Db.H2 ? "ratio >= " + GOAL : "(goal is for H2; same bar shown)", verdict(result.ratio() >= GOAL)));
        }
        report.table(List.of("database", "no-op (inst/s)", "SEND_SMS (inst/s)", "ratio", "added ms/instance",
                "of which 1 SDK request (ms)", "of which writing 2 outputs (ms)", "goal", "result"), rows);
        report.line("  added ms/instance = 1/SEND_SMS rate - 1/no-op rate; '1 SDK request' = Message.creator(...).create(client)");
        report.line("  on the same transport and fake, one after the other (" + SDK_SAMPLE + " requests after 200 warm-up): the HTTP part of the added time;");
        report.line("  'writing 2 outputs' = 1/rate of a no-op delegate that only sets twilioResult and twilioError (measured in the same"
                + " repetitions, information) - 1/no-op rate.");
        for (Result result : results) {
            report.line("  " + result.db().label() + " repetitions (inst/s): no-op " + rates(result.noOpRates())
                    + "; SEND_SMS " + rates(result.sendRates()));
            report.summary("1. Engine overhead, " + result.db().label(),
                    "SEND_SMS / no-op delegate >= " + GOAL + (result.db() == Db.H2 ? "" : " (goal set for H2)"),
                    f(result.sendRate(), 0) + " vs " + f(result.noOpRate(), 0) + " inst/s = " + f(result.ratio(), 2),
                    result.db() == Db.H2 ? result.ratio() >= GOAL : null);
        }
    }

    private Result measure(Db db) {
        report.progress("engine overhead on " + db.label() + ": starting engine");
        Database database = databases.fresh(db, "overhead");
        try (InstantTwilio twilio = new InstantTwilio();
             Engine engine = Engines.start(database, twilio.settings(16), "bench/engineOverhead.bpmn20.xml")) {
            RuntimeService runtime = engine.engine().getRuntimeService();
            report.progress("engine overhead on " + db.label() + ": warm-up");
            String[] keys = {"benchNoOp", "benchSendSms", "benchOutputsOnly"};
            int warmupRound = Math.max(1, Math.min(500, options.overheadWarmup()));
            for (int done = 0; done < options.overheadWarmup(); done += warmupRound) {
                for (String key : keys) {
                    batch(runtime, key, warmupRound);
                }
            }
            checkOneSend(engine);
            Map<String, List<Double>> rates = new HashMap<>();
            for (String key : keys) {
                rates.put(key, new ArrayList<>());
            }
            for (int repetition = 0; repetition < options.overheadRepetitions(); repetition++) {
                for (int i = 0; i < keys.length; i++) {
                    String key = keys[(i + repetition) % keys.length];
                    // Each batch starts on an empty young generation and pays for the collections its own garbage causes,
                    // not for what the batch before it left behind.
                    System.gc();
                    rates.get(key).add(batch(runtime, key, options.overheadInstances()));
                }
                report.progress("engine overhead on " + db.label() + ": repetition " + (repetition + 1) + "/" + options.overheadRepetitions()
                        + ": no-op " + f(last(rates.get("benchNoOp")), 0) + " inst/s, SEND_SMS " + f(last(rates.get("benchSendSms")), 0)
                        + " inst/s, outputs only " + f(last(rates.get("benchOutputsOnly")), 0) + " inst/s");
            }
            List<Double> noOp = rates.get("benchNoOp");
            List<Double> send = rates.get("benchSendSms");
            List<Double> outputsOnly = rates.get("benchOutputsOnly");
            long warmupRounds = (options.overheadWarmup() + warmupRound - 1) / warmupRound;
            long expected = warmupRounds * warmupRound + 1 + (long) options.overheadRepetitions() * options.overheadInstances();
            // the SDK sample below adds its own requests after this check
            if (twilio.accepted() != expected) {
                throw new IllegalStateException("the fake accepted " + twilio.accepted() + " messages, expected " + expected);
            }
            double sdkMillis;
            try (SdkLoop loop = new SdkLoop(twilio.settings(16))) {
                loop.send(9_000_000, Math.min(200, SDK_SAMPLE));
                sdkMillis = loop.send(9_100_000, SDK_SAMPLE) / 1e6 / SDK_SAMPLE;
            }
            return new Result(db, Stats.median(noOp), Stats.median(send), noOp, send, sdkMillis, Stats.median(outputsOnly));
        } finally {
            databases.dispose(database);
        }
    }

    /** Starts {@code count} instances one after the other; instances per second. */
    private double batch(RuntimeService runtime, String key, int count) {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            runtime.startProcessInstanceByKey(key, variables());
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    private void checkOneSend(Engine engine) {
        String id = engine.engine().getRuntimeService().startProcessInstanceByKey("benchSendSms", variables()).getId();
        HistoryService history = engine.engine().getHistoryService();
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(id).list()) {
            variables.put(variable.getVariableName(), variable.getValue());
        }
        if (variables.get("twilioError") != null || !String.valueOf(variables.get("twilioResult")).contains("\"sid\":\"SM")) {
            throw new IllegalStateException("SEND_SMS did not send: twilioResult=" + variables.get("twilioResult")
                    + ", twilioError=" + variables.get("twilioError"));
        }
    }

    private Map<String, Object> variables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("phone", Phones.number(nextNumber++));
        variables.put("name", "Ada");
        variables.put("orderId", 4711);
        return variables;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static String rates(List<Double> rates) {
        return rates.stream().map(rate -> f(rate, 0)).reduce((a, b) -> a + ", " + b).orElse("");
    }

    record Result(Db db, double noOpRate, double sendRate, List<Double> noOpRates, List<Double> sendRates, double sdkMillis,
                  double outputsOnlyRate) {
        double ratio() {
            return sendRate / noOpRate;
        }
    }
}
