package dev.twilioconnector.benchmarks;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.benchmarks.Engines.Engine;
import dev.twilioconnector.benchmarks.Options.Db;
import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.http.TwilioTransport;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.emulator.TwilioEmulator;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.delegate.JavaDelegate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.benchmarks.Report.f;

/**
 * 1. Engine overhead: process instances per second of start → SEND_SMS (one recipient, Twilio answering at once) → end,
 * against the same process with a no-op {@code JavaDelegate}, and with the floor: the bare SDK request a user could write
 * without the connector, writing the same outputs ({@link #bareSdkRequest}). One thread, the processes in the same engine,
 * batches interleaved; the median of the repetitions.
 */
public record EngineOverheadBenchmark(Options options, Databases databases, Report report) {

    public static final double GOAL = 0.7;
    private static final String SEND = "benchSendSms";
    private static final String NO_OP = "benchNoOp";
    private static final String BARE_SDK = "benchBareSdk";

    public void run() {
        report.section("1. Engine overhead: start -> SEND_SMS (1 recipient) -> end vs a no-op JavaDelegate and the bare SDK request, one thread, "
                + options.overheadRepetitions() + " x " + options.overheadInstances() + " instances of each after " + options.overheadWarmup());
        List<List<String>> rows = new ArrayList<>();
        for (Db db : options.databases()) {
            Map<String, List<Double>> rates = measure(db);
            double noOp = Stats.median(rates.get(NO_OP));
            double send = Stats.median(rates.get(SEND));
            double bare = Stats.median(rates.get(BARE_SDK));
            double ratio = send / noOp;
            Boolean pass = db == Db.H2 ? ratio >= GOAL : null;
            rows.add(List.of(db.label(), f(noOp, 0), f(bare, 0), f(send, 0), f(ratio, 3), f(bare / noOp, 3), f(send / bare, 3),
                    f(1000 / send - 1000 / bare, 3), pass == null ? "info" : Report.verdict(pass)));
            report.line("  " + db.label() + " repetitions (inst/s): no-op " + joined(rates.get(NO_OP)) + "; bare SDK request "
                    + joined(rates.get(BARE_SDK)) + "; SEND_SMS " + joined(rates.get(SEND)));
            report.summary("1. Engine overhead, " + db.label(), "SEND_SMS / no-op delegate >= " + GOAL + (pass == null ? " (goal set for H2)" : ""),
                    f(send, 0) + " vs " + f(noOp, 0) + " inst/s = " + f(ratio, 3) + "; the bare SDK request " + f(bare, 0) + " = "
                            + f(bare / noOp, 3) + ", SEND_SMS " + f(send / bare, 3) + " of it", pass);
        }
        report.table(List.of("database", "no-op (inst/s)", "bare SDK (inst/s)", "SEND_SMS (inst/s)", "SEND_SMS / no-op", "bare SDK / no-op",
                "SEND_SMS / bare SDK", "connector adds (ms/instance)", "result"), rows);
    }

    private Map<String, List<Double>> measure(Db db) {
        report.progress("engine overhead on " + db.label() + ": starting engine");
        Database database = databases.fresh(db, "overhead");
        TwilioEmulator twilio = EmulatedTwilio.builder(Duration.ZERO, false).start();
        TwilioSettings settings = EmulatedTwilio.settings(twilio, 16);
        try (twilio; TwilioClients clients = new TwilioClients(TwilioTransport.create(settings));
             Engine engine = Engines.start(database, settings, "bench/engineOverhead.bpmn20.xml",
                     Map.of("bareSdkRequest", bareSdkRequest(clients.forCredentials(settings.credentials().orElseThrow()), twilio.number())))) {
            RuntimeService runtime = engine.engine().getRuntimeService();
            List<String> keys = List.of(NO_OP, BARE_SDK, SEND);
            int warmupBatch = Math.min(500, options.overheadWarmup());
            for (int done = 0; done < options.overheadWarmup(); done += warmupBatch) {
                keys.forEach(key -> batch(runtime, key, warmupBatch));
            }
            twilio.counts().reset();
            Map<String, List<Double>> rates = Map.of(NO_OP, new ArrayList<>(), BARE_SDK, new ArrayList<>(), SEND, new ArrayList<>());
            for (int repetition = 0; repetition < options.overheadRepetitions(); repetition++) {
                for (int i = 0; i < keys.size(); i++) {
                    String key = keys.get((i + repetition) % keys.size());
                    // Each batch starts on an empty young generation and pays for the collections its own garbage causes.
                    System.gc();
                    rates.get(key).add(batch(runtime, key, options.overheadInstances()));
                }
            }
            long expected = 2L * options.overheadRepetitions() * options.overheadInstances();
            if (twilio.counts().accepted() != expected) {
                throw new IllegalStateException("Twilio accepted " + twilio.counts().accepted() + " messages, " + expected + " requests were made");
            }
            return rates;
        } finally {
            databases.dispose(database);
        }
    }

    /** The floor: one SDK request on the connector's transport and the same two outputs; no template, checks or ledger. */
    private static JavaDelegate bareSdkRequest(TwilioRestClient client, String from) {
        return execution -> {
            String to = (String) execution.getVariable("phone");
            String body = "Hi " + execution.getVariable("name") + ", order " + execution.getVariable("orderId") + " ships today.";
            Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body).create(client);
            execution.setVariable("twilioResult", "[{\"to\":\"" + to + "\",\"sid\":\"" + message.getSid() + "\",\"status\":\"" + message.getStatus() + "\"}]");
            execution.setVariable("twilioError", null);
        };
    }

    /** Starts {@code count} instances one after the other; instances per second. */
    private double batch(RuntimeService runtime, String key, int count) {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            runtime.startProcessInstanceByKey(key, Map.of("phone", Phones.number(Phones.reserve(1)), "name", "Ada", "orderId", 4711));
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    private static String joined(List<Double> rates) {
        return String.join(", ", rates.stream().map(rate -> f(rate, 0)).toList());
    }
}
