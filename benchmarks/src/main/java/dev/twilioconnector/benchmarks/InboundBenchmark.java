package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.benchmarks.Options.Db;
import dev.twilioconnector.benchmarks.inbound.InboundApp;
import dev.twilioconnector.benchmarks.inbound.Load;
import dev.twilioconnector.benchmarks.inbound.SignedWebhook;
import dev.twilioconnector.inbound.reception.SmsEventPublisher;
import dev.twilioconnector.inbound.trigger.Trigger;
import dev.twilioconnector.inbound.trigger.TriggerMatch;
import dev.twilioconnector.inbound.trigger.TriggerSet;
import dev.twilioconnector.inbound.webhook.InboundSms;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import static dev.twilioconnector.benchmarks.Report.f;
import static dev.twilioconnector.benchmarks.Report.verdict;

/**
 * 3. Inbound: signed webhook → signature check → deduplication → trigger match → SMS_RECEIVED → process
 * start → echo, at a fixed offered load (open loop), against {@code runtimeService.startProcessInstanceByKey}
 * for the same process with the same variables at the same load, in the same Spring Boot application.
 */
public final class InboundBenchmark {

    public static final double GOAL = 0.7;
    private static final String PROCESS = "benchInbound";
    private static final int MAX_CAPACITY_WARMUP_ROUNDS = 8;
    /** Compilation time (summed over the compiler threads) per wall-clock time below which the JIT counts as settled. */
    private static final double SETTLED_COMPILATION_SHARE = 0.02;

    private final Options options;
    private final Databases databases;
    private final Report report;
    private final AtomicLong sequence = new AtomicLong(1);

    public InboundBenchmark(Options options, Databases databases, Report report) {
        this.options = options;
        this.databases = databases;
        this.report = report;
    }

    public void run() {
        report.section("3. Inbound: signed webhook -> trigger match -> process start, vs startProcessInstanceByKey, at "
                + options.inboundRate() + " req/s offered");
        report.line("  one Spring Boot web app (Tomcat, Hikari, flowable-spring-boot-starter-process, trigger-listener, auto-configuration only),"
                + " async executor off;");
        report.line("  process benchInbound: SMS_RECEIVED start (trigger 'bench') -> end. Webhook: HMAC-SHA1-signed POST /twilio/sms, distinct"
                + " MessageSid each, reply must carry the echo.");
        report.line("  Direct: runtimeService.startProcessInstanceByKey(\"benchInbound\", the same three variables) in the same app.");
        report.line("  Open loop: request i due at start + i/rate, handed to " + options.inboundClientThreads() + " client threads (same JVM);"
                + " latency from when it was due. " + options.inboundWarmupSeconds() + " s warm-up each, then "
                + options.inboundSeconds() + " s measured each.");
        report.line("  Capacity: " + options.capacityClients() + " closed-loop clients back to back, " + options.capacityRounds()
                + " rounds of webhook, event only, direct (after rounds of all three, not counted, until the JIT compiler"
                + " works less than " + f(100 * SETTLED_COMPILATION_SHARE, 0) + " % of the time), " + options.capacitySeconds() + " s each, a full GC before each; the medians."
                + " The goal (webhook >= " + GOAL + " of the engine's own start rate) is judged here: at a load both paths"
                + " carry, their rates are equal by construction.");
        report.line("  Event only: the webhook's own hand-over, SmsEventPublisher.publish(match, message), called in-process: SMS_RECEIVED"
                + " through Flowable's event registry without HTTP, signature, deduplication, trigger match or echo; what the engine's"
                + " event path costs by itself.");
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> capacityRows = new ArrayList<>();
        for (Db db : options.databases()) {
            Measured measured = measure(db);
            double ratio = measured.webhook().throughput() / measured.direct().throughput();
            boolean keepsUp = measured.webhook().failed() == 0 && measured.webhook().completed() == measured.webhook().offered();
            rows.add(List.of(db.label(), "webhook", f(measured.webhook().throughput(), 1), f(measured.webhook().p50Millis(), 1),
                    f(measured.webhook().p99Millis(), 1), f(measured.webhook().maxMillis(), 0),
                    measured.webhook().completed() + "/" + measured.webhook().offered(), f(ratio, 2), "every request answered",
                    verdict(keepsUp)));
            rows.add(List.of(db.label(), "direct", f(measured.direct().throughput(), 1), f(measured.direct().p50Millis(), 1),
                    f(measured.direct().p99Millis(), 1), f(measured.direct().maxMillis(), 0),
                    measured.direct().completed() + "/" + measured.direct().offered(), "", "", ""));
            Capacity capacity = measured.capacity();
            double capacityRatio = capacity.webhookRatio();
            capacityRows.add(List.of(db.label(), f(capacity.webhook(), 0), f(capacity.eventOnly(), 0), f(capacity.direct(), 0),
                    f(capacityRatio, 2), f(capacity.eventOnlyRatio(), 2), ">= " + GOAL, verdict(capacityRatio >= GOAL)));
            report.summary("3. Inbound @ " + options.inboundRate() + " req/s, " + db.label(), "every request answered",
                    f(measured.webhook().throughput(), 1) + " vs " + f(measured.direct().throughput(), 1) + " req/s; webhook p50 "
                            + f(measured.webhook().p50Millis(), 1) + " ms, p99 " + f(measured.webhook().p99Millis(), 1) + " ms",
                    keepsUp);
            report.summary("3. Inbound capacity (" + options.capacityClients() + " clients), " + db.label(),
                    "webhook / startProcessInstanceByKey >= " + GOAL,
                    f(capacity.webhook(), 0) + " vs " + f(capacity.direct(), 0) + " req/s = " + f(capacityRatio, 2)
                            + " (event hand-over alone: " + f(capacity.eventOnlyRatio(), 2) + ")",
                    capacityRatio >= GOAL);
        }
        report.table(List.of("database", "path", "achieved (req/s)", "p50 (ms)", "p99 (ms)", "max (ms)", "ok/offered", "ratio", "goal",
                "result"), rows);
        report.line("  Capacity, closed loop:");
        report.table(List.of("database", "webhook (req/s)", "event only (req/s)", "direct (req/s)", "ratio webhook / direct",
                "ratio event only / direct (information)", "goal", "result"), capacityRows);
    }

    private Measured measure(Db db) {
        report.progress("inbound on " + db.label() + ": starting the Spring Boot app");
        Database database = databases.fresh(db, "inbound");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        SpringApplication application = new SpringApplication(InboundApp.class);
        // As command-line arguments: they win over TWILIO_* variables that may be set in the environment.
        String[] arguments = properties(database, port, base).entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = application.run(arguments)) {
            RuntimeService runtime = context.getBean(RuntimeService.class);
            HistoryService history = context.getBean(HistoryService.class);
            ObjectMapper json = ((ProcessEngineConfigurationImpl) context.getBean(ProcessEngineConfiguration.class)).getObjectMapper();
            SignedWebhook webhook = new SignedWebhook(base + "/twilio/sms", FakeTwilio.TOKEN);

            IntConsumer viaWebhook = ignored -> {
                long n = sequence.getAndIncrement();
                String reply = webhook.post(SignedWebhook.message(String.format("SM%032x", n), Phones.number(n), "Order Number " + n));
                if (!reply.contains("Your reference number is " + n + ".")) {
                    throw new IllegalStateException("unexpected reply: " + reply);
                }
            };
            // The webhook's hand-over to the engine alone: no HTTP, signature, deduplication, trigger match or echo.
            SmsEventPublisher publisher = context.getBean(SmsEventPublisher.class);
            Trigger trigger = context.getBean(TriggerSet.class).match("Order Number 0").orElseThrow().trigger();
            IntConsumer eventOnly = ignored -> {
                long n = sequence.getAndIncrement();
                Map<String, String> form = SignedWebhook.message(String.format("SM%032x", n), Phones.number(n), "Order Number " + n);
                publisher.publish(new TriggerMatch(trigger, Map.of("orderNumber", String.valueOf(n))), InboundSms.of(form));
            };
            IntConsumer direct = ignored -> {
                long n = sequence.getAndIncrement();
                Map<String, Object> variables = new HashMap<>();
                variables.put("matchGroups", json.createObjectNode().put("orderNumber", String.valueOf(n)));
                variables.put("from", Phones.number(n));
                variables.put("originalMessage", "Order Number " + n);
                runtime.startProcessInstanceByKey(PROCESS, variables);
            };

            long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();
            viaWebhook.accept(0);
            if (history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count() != before + 1) {
                throw new IllegalStateException("the webhook did not start " + PROCESS);
            }

            int rate = options.inboundRate();
            int threads = options.inboundClientThreads();
            report.progress("inbound on " + db.label() + ": warm-up (webhook, then direct), " + options.inboundWarmupSeconds() + " s each");
            Load.openLoop(rate, options.inboundWarmupSeconds(), threads, viaWebhook);
            Load.openLoop(rate, options.inboundWarmupSeconds(), threads, direct);

            long started = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();
            Load.Result viaHook = Load.openLoop(rate, options.inboundSeconds(), threads, viaWebhook);
            long afterHook = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();
            report.progress("inbound on " + db.label() + ": webhook " + describe(viaHook) + "; instances started " + (afterHook - started));
            Load.Result directly = Load.openLoop(rate, options.inboundSeconds(), threads, direct);
            long afterDirect = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();
            report.progress("inbound on " + db.label() + ": direct " + describe(directly) + "; instances started " + (afterDirect - afterHook));
            if (afterHook - started != viaHook.completed() || afterDirect - afterHook != directly.completed()) {
                report.line("    WARNING: instances started (" + (afterHook - started) + ", " + (afterDirect - afterHook)
                        + ") do not match the requests answered (" + viaHook.completed() + ", " + directly.completed() + ")");
            }

            warmUpForCapacity(db, viaWebhook, eventOnly, direct);
            // Rounds side by side: the machine's pace drifts over a run by more than the effects measured here.
            List<Double> hookRates = new ArrayList<>();
            List<Double> eventRates = new ArrayList<>();
            List<Double> directRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> eventRatios = new ArrayList<>();
            for (int round = 1; round <= options.capacityRounds(); round++) {
                double hookRate = capacity(viaWebhook);
                double eventRate = capacity(eventOnly);
                double directRate = capacity(direct);
                hookRates.add(hookRate);
                eventRates.add(eventRate);
                directRates.add(directRate);
                ratios.add(hookRate / directRate);
                eventRatios.add(eventRate / directRate);
                report.progress("inbound on " + db.label() + ": capacity round " + round + ": webhook " + f(hookRate, 0)
                        + " req/s, event only " + f(eventRate, 0) + " req/s, direct " + f(directRate, 0) + " req/s = "
                        + f(hookRate / directRate, 2) + " / " + f(eventRate / directRate, 2));
            }
            return new Measured(viaHook, directly, new Capacity(Stats.median(hookRates), Stats.median(eventRates), Stats.median(directRates),
                    Stats.median(ratios), Stats.median(eventRatios)));
        } finally {
            databases.dispose(database);
        }
    }

    /** Requests per second of one closed-loop round, started on an empty young generation. */
    private double capacity(IntConsumer path) {
        System.gc();
        return Load.closedLoop(options.capacityClients(), options.capacitySeconds(), path);
    }

    /**
     * Closed-loop rounds of the three paths, not counted, until the JIT compiler has settled: the open-loop phase runs
     * too few webhook requests for it, and the webhook path (Tomcat, Spring MVC, FreeMarker, the engine) is far more
     * code than a direct start. Measured while C2 still works, its compiler threads took a fifth of both cores.
     */
    private void warmUpForCapacity(Db db, IntConsumer... paths) {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        int rounds = options.quick() ? 1 : MAX_CAPACITY_WARMUP_ROUNDS;
        for (int round = 1; round <= rounds; round++) {
            long compiledBefore = compiler.getTotalCompilationTime();
            long started = System.nanoTime();
            for (IntConsumer path : paths) {
                Load.closedLoop(options.capacityClients(), options.capacitySeconds(), path);
            }
            double share = (compiler.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - started) / 1e6);
            report.progress("inbound on " + db.label() + ": capacity warm-up " + round + ": JIT compiling " + f(100 * share, 1)
                    + " % of the time");
            if (share < SETTLED_COMPILATION_SHARE) {
                return;
            }
        }
        report.line("    WARNING: the JIT compiler had not settled after " + rounds + " warm-up rounds");
    }

    private static String describe(Load.Result result) {
        return f(result.throughput(), 1) + " req/s, p50 " + f(result.p50Millis(), 1) + " ms, p99 " + f(result.p99Millis(), 1) + " ms, "
                + result.completed() + "/" + result.offered() + " ok" + (result.failed() > 0 ? " (first failure: " + result.firstFailure() + ")" : "");
    }

    private static Map<String, Object> properties(Database database, int port, String base) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.jmx.enabled", "false");
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", port);
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.datasource.driver-class-name", database.driver());
        properties.put("flowable.database-schema-update", "true");
        properties.put("flowable.async-executor-activate", "false");
        properties.put("flowable.process-definition-location-prefix", "classpath*:/bench-inbound/");
        properties.put("twilio.account", FakeTwilio.ACCOUNT);
        properties.put("twilio.token", FakeTwilio.TOKEN);
        properties.put("twilio.default-from", FakeTwilio.FROM);
        properties.put("twilio.api-base-url", "http://127.0.0.1:9");
        properties.put("twilio.triggers.location", "classpath:bench-inbound/triggers.yml");
        properties.put("twilio.webhook.public-url", base);
        return properties;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Measured(Load.Result webhook, Load.Result direct, Capacity capacity) {
    }

    /**
     * Closed-loop rates (req/s) of the three paths and the ratios to the direct start, each the median over the rounds
     * (a ratio's median is of each round's own ratio).
     */
    record Capacity(double webhook, double eventOnly, double direct, double webhookRatio, double eventOnlyRatio) {
    }
}
