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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.benchmarks.Report.f;

/**
 * 2. Fan-out: one SEND_SMS task to many recipients, Twilio answering after a fixed latency, against a sequential loop
 * over the SDK (run once: it takes recipients x latency) and the bound recipients ÷ parallelism x latency. Then the
 * same task against a Twilio that answers 429 above a number of requests in flight: every recipient accepted once.
 */
public record FanOutBenchmark(Options options, Databases databases, Report report) {

    public static final double SPEED_UP_GOAL = 30;
    public static final double BOUND_GOAL = 1.5;
    private static final int PARALLELISM = 64;
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final int THROTTLE_ABOVE = 10;

    public void run() {
        int recipients = options.fanOutRecipients();
        double bound = (double) recipients / PARALLELISM * LATENCY.toMillis();
        report.section("2. Fan-out: one SEND_SMS task to " + recipients + " recipients, Twilio answering after " + LATENCY.toMillis()
                + " ms, parallelism " + PARALLELISM + ", vs a sequential SDK loop and the bound " + f(bound, 0) + " ms");
        List<Db> dbs = options.databases();
        List<Double> medians = new ArrayList<>();
        for (Db db : dbs) {
            medians.add(fanOut(db));
        }
        double sequential = sequential();
        for (int i = 0; i < dbs.size(); i++) {
            double millis = medians.get(i);
            double speedUp = sequential / millis;
            double overBound = millis / bound;
            boolean pass = speedUp >= SPEED_UP_GOAL && overBound <= BOUND_GOAL;
            report.summary("2. Fan-out, " + recipients + " recipients, " + dbs.get(i).label(),
                    ">= " + f(SPEED_UP_GOAL, 0) + "x a sequential SDK loop; <= " + BOUND_GOAL + "x of " + f(bound, 0) + " ms",
                    f(millis, 0) + " ms vs " + f(sequential, 0) + " ms = " + f(speedUp, 1) + "x; " + f(overBound, 2) + "x the bound", pass);
        }

        report.line("");
        report.line("  Throttled: 429 (Retry-After: 0) to a request arriving while " + THROTTLE_ABOVE + " are in flight, else 201 after "
                + LATENCY.toMillis() + " ms; default retry policy; floor " + f((double) recipients / THROTTLE_ABOVE * LATENCY.toMillis(), 0) + " ms.");
        List<List<String>> throttledRows = new ArrayList<>();
        for (Db db : dbs) {
            throttledRows.add(throttled(db));
        }
        report.table(List.of("database", "wall (ms)", "retries", "429 answers", "accepted (twilioResult)", "accepted by Twilio",
                "accepted twice", "problems (twilioError)", "result"), throttledRows);
    }

    /** The median wall time of the timed tasks, in ms. */
    private double fanOut(Db db) {
        report.progress("fan-out on " + db.label() + ": starting engine");
        Database database = databases.fresh(db, "fanout");
        try (TwilioEmulator twilio = EmulatedTwilio.builder(LATENCY, true).start();
             Engine engine = Engines.start(database, EmulatedTwilio.settings(twilio, PARALLELISM), "bench/fanOut.bpmn20.xml", Map.of())) {
            List<Double> runs = new ArrayList<>();
            for (int task = -2; task < options.fanOutRepetitions(); task++) {
                Task done = task(engine, twilio);
                if (!done.eachAcceptedOnce(options.fanOutRecipients())) {
                    throw new IllegalStateException("not every recipient accepted once: " + done.outcome().acceptedCount() + " in twilioResult, "
                            + done.acceptedTo().size() + " at Twilio, " + done.acceptedTwice() + " twice, problems " + done.outcome().problemsText());
                }
                if (task >= 0) {
                    runs.add(done.millis());
                }
                report.progress("fan-out on " + db.label() + (task < 0 ? ": warm-up " : ": task ") + f(done.millis(), 0) + " ms, most in flight "
                        + twilio.counts().peakInFlight());
            }
            return Stats.median(runs);
        } finally {
            databases.dispose(database);
        }
    }

    /** One SEND_SMS task as it ended ({@code twilioResult}, {@code twilioError}) and as Twilio saw it. */
    private record Task(double millis, TaskOutcome outcome, Map<String, Integer> acceptedTo) {

        long acceptedTwice() {
            return acceptedTo.values().stream().filter(count -> count > 1).count();
        }

        boolean eachAcceptedOnce(int recipients) {
            return acceptedTo.size() == recipients && acceptedTwice() == 0 && outcome.acceptedTo().equals(acceptedTo.keySet());
        }
    }

    /** Runs one task to the next {@code fanOutRecipients} numbers, from start until its instance ended. */
    private Task task(Engine engine, TwilioEmulator twilio) {
        twilio.counts().reset();
        int recipients = options.fanOutRecipients();
        long first = Phones.reserve(recipients);
        long started = System.nanoTime();
        String id = engine.engine().getRuntimeService().startProcessInstanceByKey("benchFanOut",
                Map.of("phones", Phones.list(first, recipients), "store", "Main Street", "time", "9:00")).getId();
        double millis = (System.nanoTime() - started) / 1e6;
        return new Task(millis, TaskOutcome.of(engine.engine().getHistoryService(), id), twilio.counts().acceptedPerRecipient());
    }

    /**
     * The naive way, {@code Message.creator(...).create(client)} for one recipient after the other on the connector's own
     * transport (so only the concurrency differs), timed over {@code sequentialRecipients} and scaled to all; ms.
     */
    private double sequential() {
        int count = options.sequentialRecipients();
        report.progress("sequential SDK loop: " + count + " requests one by one (~" + f(count * LATENCY.toMillis() / 1000.0, 0) + " s)");
        TwilioEmulator twilio = EmulatedTwilio.builder(LATENCY, false).start();
        TwilioSettings settings = EmulatedTwilio.settings(twilio, PARALLELISM);
        try (twilio; TwilioClients clients = new TwilioClients(TwilioTransport.create(settings))) {
            TwilioRestClient client = clients.forCredentials(settings.credentials().orElseThrow());
            long started = 0;
            for (int i = -5; i < count; i++) {
                started = i == 0 ? System.nanoTime() : started;
                Message.creator(new PhoneNumber(Phones.number(Phones.reserve(1))), new PhoneNumber(twilio.number()), "Hi, the store opens at 9:00.")
                        .create(client);
            }
            double millis = (System.nanoTime() - started) / 1e6;
            if (twilio.counts().accepted() != count + 5) {
                throw new IllegalStateException("the sequential loop got " + twilio.counts().accepted() + " messages accepted");
            }
            return millis * options.fanOutRecipients() / count;
        }
    }

    private List<String> throttled(Db db) {
        report.progress("throttled fan-out on " + db.label() + ": starting engine");
        Database database = databases.fresh(db, "throttled");
        try (TwilioEmulator twilio = EmulatedTwilio.builder(LATENCY, true).throttleAbove(THROTTLE_ABOVE, 0).start();
             Engine engine = Engines.start(database, EmulatedTwilio.settings(twilio, PARALLELISM), "bench/fanOut.bpmn20.xml", Map.of())) {
            long retriesBefore = engine.configurator().connector().retries();
            Task done = task(engine, twilio);
            long retries = engine.configurator().connector().retries() - retriesBefore;
            boolean pass = done.eachAcceptedOnce(options.fanOutRecipients());
            report.summary("2. Fan-out against 429 above " + THROTTLE_ABOVE + " in flight, " + db.label(), "all " + options.fanOutRecipients()
                    + " accepted, none twice", done.acceptedTo().size() + " accepted, " + done.acceptedTwice() + " twice, " + retries
                    + " retries, " + f(done.millis() / 1000, 1) + " s", pass);
            return List.of(db.label(), f(done.millis(), 0), String.valueOf(retries), String.valueOf(twilio.counts().throttled()),
                    String.valueOf(done.outcome().acceptedCount()), String.valueOf(done.acceptedTo().size()), String.valueOf(done.acceptedTwice()),
                    done.outcome().problemsText(), Report.verdict(pass));
        } finally {
            databases.dispose(database);
        }
    }
}
