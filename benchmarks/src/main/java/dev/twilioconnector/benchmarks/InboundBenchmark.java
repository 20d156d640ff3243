package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.benchmarks.Options.Db;
import dev.twilioconnector.benchmarks.inbound.FinishedWork;
import dev.twilioconnector.benchmarks.inbound.HandWrittenWebhook;
import dev.twilioconnector.benchmarks.inbound.InboundApp;
import dev.twilioconnector.benchmarks.inbound.Load;
import dev.twilioconnector.benchmarks.inbound.SignedWebhook;
import dev.twilioconnector.emulator.TwilioEmulator;
import org.flowable.engine.HistoryService;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import static dev.twilioconnector.benchmarks.Report.f;

/**
 * 3. Inbound, in one Spring Boot application: the connector's webhook (signature check, deduplication, trigger match,
 * SMS_RECEIVED, process start, echo) at a fixed offered load, and its capacity against {@link HandWrittenWebhook}, the
 * webhook a user would write without the connector, which starts the same process through the event registry.
 */
public record InboundBenchmark(Options options, Databases databases, Report report) {

    public static final double GOAL = 0.9;
    private static final String PROCESS = "benchInbound";
    private static final String BODY_PREFIX = "Order Number ";
    private static final int CLIENTS = 16;
    private static final int OPEN_LOOP_THREADS = 64;
    private static final int MAX_WARMUP_ROUNDS = 30;
    /** Compilation time (summed over the compiler threads) per wall-clock time below which the JIT counts as settled. */
    private static final double SETTLED_COMPILATION_SHARE = 0.02;
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    public void run() {
        report.section("3. Inbound: signed webhook -> trigger match -> process start at " + options.inboundRate() + " req/s offered;"
                + " capacity (" + CLIENTS + " clients) against a hand-written webhook, " + options.capacityRounds() + " rounds of "
                + options.capacitySeconds() + " s, order alternating");
        List<Measured> measured = options.databases().stream().map(this::measure).toList();
        for (Measured each : measured) {
            Load.Result open = each.openLoop();
            boolean answered = open.failed() == 0 && open.completed() == open.offered();
            report.summary("3. Inbound @ " + options.inboundRate() + " req/s, " + each.db().label(), "every request answered",
                    f(open.throughput(), 1) + " req/s, " + open.completed() + "/" + open.offered() + " answered; p50 "
                            + f(open.p50Millis(), 1) + " ms, p99 " + f(open.p99Millis(), 1) + " ms", answered);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Measured each : measured) {
            List<Round> rounds = each.rounds();
            double webhook = Stats.median(rounds.stream().map(Round::webhook).toList());
            double handWritten = Stats.median(rounds.stream().map(Round::handWritten).toList());
            List<Double> ratios = rounds.stream().map(Round::ratio).sorted().toList();
            double ratio = Stats.median(ratios);
            String spread = f(ratios.get(0), 2) + " to " + f(ratios.get(ratios.size() - 1), 2);
            rows.add(List.of(each.db().label(), f(webhook, 0), f(handWritten, 0), f(ratio, 3), spread, Report.verdict(ratio >= GOAL)));
            report.line("  " + each.db().label() + " rounds (webhook / hand-written req/s = ratio): " + String.join("; ", rounds.stream()
                    .map(round -> f(round.webhook(), 0) + " / " + f(round.handWritten(), 0) + " = " + f(round.ratio(), 2)).toList()));
            report.summary("3. Inbound capacity vs a hand-written webhook, " + each.db().label(), "webhook / hand-written >= " + GOAL,
                    f(webhook, 0) + " vs " + f(handWritten, 0) + " req/s = " + f(ratio, 3) + " (" + rounds.size() + " rounds: " + spread + ")",
                    ratio >= GOAL);
        }
        report.table(List.of("database", "webhook (req/s)", "hand-written (req/s)", "ratio", "rounds' ratios", "result"), rows);
    }

    private Measured measure(Db db) {
        report.progress("inbound on " + db.label() + ": starting the Spring Boot app");
        Database database = databases.fresh(db, "inbound");
        try (TwilioEmulator twilio = EmulatedTwilio.builder(Duration.ZERO, false).start();
             ConfigurableApplicationContext context = InboundApp.start(database, twilio)) {
            String base = InboundApp.baseUrl(context);
            HistoryService history = context.getBean(HistoryService.class);
            SignedWebhook connector = new SignedWebhook(base + "/twilio/sms", twilio);
            SignedWebhook handWritten = new SignedWebhook(base + HandWrittenWebhook.PATH, twilio);
            Runnable viaConnector = request(connector, n -> "Your reference number is " + n + ".");
            Runnable viaHandWritten = request(handWritten, n -> HandWrittenWebhook.ANSWER);
            startsOneInstance(history, viaConnector, "the connector's webhook");
            startsOneInstance(history, viaHandWritten, "the hand-written webhook");

            report.progress("inbound on " + db.label() + ": open loop, " + warmupSeconds() + " s warm-up");
            Load.openLoop(options.inboundRate(), warmupSeconds(), OPEN_LOOP_THREADS, viaConnector);
            long before = instances(history);
            Load.Result openLoop = Load.openLoop(options.inboundRate(), options.inboundSeconds(), OPEN_LOOP_THREADS, viaConnector);
            report.progress("inbound on " + db.label() + ": open loop " + openLoop + "; instances started " + (instances(history) - before));
            warmUpForCapacity(db, viaConnector, viaHandWritten);
            FinishedWork finished = FinishedWork.in(context.getBean(DataSource.class));
            List<Round> rounds = new ArrayList<>();
            for (int number = 1; number <= options.capacityRounds(); number++) {
                // The order alternates so that neither webhook always runs on the machine the other one has just warmed.
                boolean connectorFirst = number % 2 == 1;
                double[] rates = new double[2];
                double compiling = compilingWhile(() -> {
                    rates[0] = capacity(connectorFirst ? viaConnector : viaHandWritten, finished);
                    rates[1] = capacity(connectorFirst ? viaHandWritten : viaConnector, finished);
                });
                Round round = connectorFirst ? new Round(rates[0], rates[1]) : new Round(rates[1], rates[0]);
                rounds.add(round);
                report.progress("inbound on " + db.label() + ": round " + number + ": webhook " + f(round.webhook(), 0) + " req/s, hand-written "
                        + f(round.handWritten(), 0) + " req/s, ratio " + f(round.ratio(), 2) + ", JIT compiling " + f(100 * compiling, 1) + " %");
            }
            return new Measured(db, openLoop, rounds);
        } finally {
            databases.dispose(database);
        }
    }

    /** Posts the run's next message to {@code endpoint}; the reply must be {@code expected} of the message's number. */
    private Runnable request(SignedWebhook endpoint, LongFunction<String> expected) {
        return () -> {
            long n = Phones.reserve(1);
            String reply = endpoint.post(String.format("SM%032x", n), Phones.number(n), BODY_PREFIX + n);
            if (!reply.contains(expected.apply(n))) {
                throw new IllegalStateException("unexpected reply: " + reply);
            }
        };
    }

    private static void startsOneInstance(HistoryService history, Runnable path, String name) {
        long before = instances(history);
        path.run();
        if (instances(history) != before + 1) {
            throw new IllegalStateException(name + " did not start " + PROCESS);
        }
    }

    private static long instances(HistoryService history) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();
    }

    /**
     * One closed-loop round, after uncounted seconds of the same webhook (right after a switch the JIT compiler set to
     * work again, a cost a server running one webhook all day never pays), on an emptied history (H2 keeps its data in
     * the heap, and left to grow it slowed every round down after the one before) and an empty young generation.
     */
    private double capacity(Runnable path, FinishedWork finished) {
        Load.closedLoop(CLIENTS, settlingSeconds(), path);
        finished.clear();
        System.gc();
        return Load.closedLoop(CLIENTS, options.capacitySeconds(), path);
    }

    /**
     * Uncounted closed-loop rounds of both webhooks until the JIT compiler has settled: the open loop runs too few
     * requests for it, and measured while C2 still worked its threads took a fifth of both cores.
     */
    private void warmUpForCapacity(Db db, Runnable... paths) {
        int rounds = options.quick() ? 1 : MAX_WARMUP_ROUNDS;
        for (int round = 1; round <= rounds; round++) {
            double share = compilingWhile(() -> List.of(paths).forEach(path -> Load.closedLoop(CLIENTS, options.capacitySeconds(), path)));
            report.progress("inbound on " + db.label() + ": capacity warm-up " + round + ": JIT compiling " + f(100 * share, 1) + " % of the time");
            if (share < SETTLED_COMPILATION_SHARE) {
                return;
            }
        }
        report.line("    WARNING: the JIT compiler had not settled after " + rounds + " warm-up rounds");
    }

    /** Runs {@code work}; the JIT compiler's time meanwhile (elapsed, summed over its threads) per wall-clock time. */
    private static double compilingWhile(Runnable work) {
        long compiledBefore = COMPILER.getTotalCompilationTime();
        long started = System.nanoTime();
        work.run();
        return (COMPILER.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - started) / 1e6);
    }

    private int warmupSeconds() {
        return Math.max(1, options.inboundSeconds() / 3);
    }

    private int settlingSeconds() {
        return Math.max(1, options.capacitySeconds() / 2);
    }

    record Measured(Db db, Load.Result openLoop, List<Round> rounds) {
    }

    /** One round of closed-loop capacity: each webhook's requests per second. */
    record Round(double webhook, double handWritten) {
        double ratio() {
            return webhook / handWritten;
        }
    }
}
