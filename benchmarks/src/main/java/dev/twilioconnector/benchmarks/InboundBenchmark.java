package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.benchmarks.Options.Db;
import dev.twilioconnector.benchmarks.inbound.FinishedWork;
import dev.twilioconnector.benchmarks.inbound.HandOverController;
import dev.twilioconnector.benchmarks.inbound.HttpFloorController;
import dev.twilioconnector.benchmarks.inbound.InboundApp;
import dev.twilioconnector.benchmarks.inbound.Load;
import dev.twilioconnector.benchmarks.inbound.SignedWebhook;
import dev.twilioconnector.benchmarks.inbound.ThreadedEndpoints;
import dev.twilioconnector.inbound.reception.SmsEventPublisher;
import dev.twilioconnector.inbound.reception.SmsReception;
import dev.twilioconnector.inbound.trigger.Trigger;
import dev.twilioconnector.inbound.trigger.TriggerMatch;
import dev.twilioconnector.inbound.trigger.TriggerSet;
import dev.twilioconnector.inbound.webhook.InboundSms;
import dev.twilioconnector.inbound.webhook.SignatureCheck;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.ObjectMapper;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

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
    private static final com.sun.management.OperatingSystemMXBean PROCESS_CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();
    private static final int MAX_CAPACITY_WARMUP_ROUNDS = 8;
    /** The paths whose ratio to the direct start is printed beside the webhook's, to split its gap. */
    private static final List<Path> INFORMATION_RATIOS = List.of(Path.HTTP_HAND_OVER, Path.THREADED_WEBHOOK, Path.THREADED_HAND_OVER,
            Path.RECEPTION, Path.EVENT_ONLY);
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
                + " rounds of webhook, HTTP + hand-over, webhook and hand-over with a thread per connection, reception, event only, direct,"
                + " HTTP floor (after rounds of all eight, not counted, until the JIT compiler"
                + " works less than " + f(100 * SETTLED_COMPILATION_SHARE, 0) + " % of the time), " + options.capacitySeconds() + " s each, each after " + settlingSeconds() + " s of the same path not counted, then with the history"
                + " (ACT_HI_*) and the inbound message ledger emptied and a full GC, so that every round starts from the same database; the medians."
                + " The goal (webhook >= " + GOAL + " of the engine's own start rate) is judged here: at a load both paths"
                + " carry, their rates are equal by construction.");
        report.line("  Reception: SmsReception.receive(message) called in-process: deduplication, trigger match, hand-over and echo,"
                + " everything the webhook does but HTTP and the signature check.");
        report.line("  Event only: the webhook's own hand-over, SmsEventPublisher.publish(match, message), called in-process: SMS_RECEIVED"
                + " through Flowable's event registry without HTTP, signature, deduplication, trigger match or echo; what the engine's"
                + " event path costs by itself.");
        report.line("  HTTP + hand-over: the webhook's request, from the same client, to an endpoint in the same app that parses the form and"
                + " hands SMS_RECEIVED to the engine with the webhook's own publisher, nothing else (no signature, deduplication, trigger"
                + " match, template or log line): the most a webhook on this stack that publishes through the event registry can reach.");
        report.line("  Thread per connection: the webhook's work (signature check, then SmsReception.receive) and the hand-over's, each"
                + " served by a bare HTTP/1.1 server in the same app whose one thread per kept-alive connection reads each request and"
                + " runs it, where Tomcat takes each request from its poller thread to a worker and the connection back: what those"
                + " hand-offs cost, beside the same work on Tomcat and Spring MVC.");
        report.line("  HTTP floor: the webhook's request, from the same client, to an endpoint in the same app that parses the form and"
                + " answers empty TwiML: what Tomcat, Spring MVC and the load generator cost per request by themselves.");
        report.line("  CPU per request: the JVM's CPU time over the round (every thread: clients, Tomcat, engine, GC, JIT) per request"
                + " answered; on PostgreSQL also the database server's (its postmaster and backends, living and ended, from /proc)."
                + " JIT: the compiler threads' time over the round's wall time, to show the rounds ran compiled code.");
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> capacityRows = new ArrayList<>();
        List<List<String>> cpuRows = new ArrayList<>();
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
            List<String> capacityRow = new ArrayList<>(List.of(db.label()));
            for (Path path : Path.values()) {
                capacityRow.add(f(capacity.rate(path), 0));
            }
            capacityRow.add(f(capacityRatio, 2));
            for (Path path : INFORMATION_RATIOS) {
                capacityRow.add(f(capacity.ratio(path), 2));
            }
            capacityRow.addAll(List.of(">= " + GOAL, verdict(capacityRatio >= GOAL)));
            capacityRows.add(capacityRow);
            List<String> cpuRow = new ArrayList<>(List.of(db.label(), "JVM"));
            List<String> serverRow = new ArrayList<>(List.of(db.label(), "database server"));
            List<String> bothRow = new ArrayList<>(List.of(db.label(), "both"));
            List<String> compilingRow = new ArrayList<>(List.of(db.label(), "JIT compiling (% of the round)"));
            for (Path path : Path.values()) {
                compilingRow.add(f(100 * capacity.compilingShare(path), 1));
                cpuRow.add(f(capacity.cpuMicros(path), 0));
                serverRow.add(f(capacity.serverCpuMicros(path), 0));
                bothRow.add(f(capacity.cpuMicros(path) + capacity.serverCpuMicros(path), 0));
            }
            cpuRows.add(cpuRow);
            if (!Double.isNaN(capacity.serverCpuMicros(Path.DIRECT))) {
                cpuRows.add(serverRow);
                cpuRows.add(bothRow);
            }
            cpuRows.add(compilingRow);
            report.summary("3. Inbound @ " + options.inboundRate() + " req/s, " + db.label(), "every request answered",
                    f(measured.webhook().throughput(), 1) + " vs " + f(measured.direct().throughput(), 1) + " req/s; webhook p50 "
                            + f(measured.webhook().p50Millis(), 1) + " ms, p99 " + f(measured.webhook().p99Millis(), 1) + " ms",
                    keepsUp);
            report.summary("3. Inbound capacity (" + options.capacityClients() + " clients), " + db.label(),
                    "webhook / startProcessInstanceByKey >= " + GOAL,
                    f(capacity.rate(Path.WEBHOOK), 0) + " vs " + f(capacity.rate(Path.DIRECT), 0) + " req/s = " + f(capacityRatio, 2)
                            + " (hand-over alone over HTTP: " + f(capacity.ratio(Path.HTTP_HAND_OVER), 2) + ", in-process: "
                            + f(capacity.ratio(Path.EVENT_ONLY), 2) + "; thread per connection, webhook: "
                            + f(capacity.ratio(Path.THREADED_WEBHOOK), 2) + ", hand-over: " + f(capacity.ratio(Path.THREADED_HAND_OVER), 2) + ")",
                    capacityRatio >= GOAL);
        }
        report.table(List.of("database", "path", "achieved (req/s)", "p50 (ms)", "p99 (ms)", "max (ms)", "ok/offered", "ratio", "goal",
                "result"), rows);
        report.line("  Capacity, closed loop:");
        List<String> capacityHeader = new ArrayList<>(List.of("database"));
        for (Path path : Path.values()) {
            capacityHeader.add(path.label() + " (req/s)");
        }
        capacityHeader.add("ratio webhook / direct");
        for (Path path : INFORMATION_RATIOS) {
            capacityHeader.add("ratio " + path.label() + " / direct (information)");
        }
        capacityHeader.addAll(List.of("goal", "result"));
        report.table(capacityHeader, capacityRows);
        report.line("  CPU per request (microseconds of CPU time, medians over the rounds):");
        List<String> cpuHeader = new ArrayList<>(List.of("database", "process"));
        for (Path path : Path.values()) {
            cpuHeader.add(path.label());
        }
        report.table(cpuHeader, cpuRows);
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
        try (ConfigurableApplicationContext context = application.run(arguments);
             LoopbackHttpServer threadedWebhook = new LoopbackHttpServer("bench-webhook",
                     ThreadedEndpoints.webhook(context.getBean(SignatureCheck.class), context.getBean(SmsReception.class)));
             LoopbackHttpServer threadedHandOver = new LoopbackHttpServer("bench-hand-over",
                     ThreadedEndpoints.handOver(context.getBean(HandOverController.class)))) {
            RuntimeService runtime = context.getBean(RuntimeService.class);
            HistoryService history = context.getBean(HistoryService.class);
            ObjectMapper json = ((ProcessEngineConfigurationImpl) context.getBean(ProcessEngineConfiguration.class)).getObjectMapper();
            IntConsumer viaWebhook = echoed(new SignedWebhook(base + "/twilio/sms", FakeTwilio.TOKEN));
            // Everything the webhook does but HTTP and the signature check.
            SmsReception reception = context.getBean(SmsReception.class);
            IntConsumer inProcess = ignored -> {
                long n = sequence.getAndIncrement();
                expectEcho(reception.receive(InboundSms.of(message(n))), n);
            };
            // HTTP and the hand-over to the engine, nothing else of the connector: the bound for any webhook on this stack.
            IntConsumer viaHandOver = echoed(new SignedWebhook(base + HandOverController.PATH, FakeTwilio.TOKEN));
            // The same work on a server that runs each request on the thread that read it: what Tomcat's hand-offs cost.
            IntConsumer viaThreadedWebhook = echoed(new SignedWebhook(threadedWebhook.url("/twilio/sms"), FakeTwilio.TOKEN));
            IntConsumer viaThreadedHandOver = echoed(new SignedWebhook(threadedHandOver.url(HandOverController.PATH), FakeTwilio.TOKEN));
            // The HTTP stack alone: the same request and client, an endpoint that only parses the form.
            SignedWebhook floor = new SignedWebhook(base + HttpFloorController.PATH, FakeTwilio.TOKEN);
            IntConsumer httpFloor = ignored -> {
                long n = sequence.getAndIncrement();
                if (!floor.post(message(n)).equals(HttpFloorController.ANSWER)) {
                    throw new IllegalStateException("unexpected answer from the HTTP floor endpoint");
                }
            };
            // The webhook's hand-over to the engine alone: no HTTP, signature, deduplication, trigger match or echo.
            SmsEventPublisher publisher = context.getBean(SmsEventPublisher.class);
            Trigger trigger = HandOverController.benchTrigger(context.getBean(TriggerSet.class));
            IntConsumer eventOnly = ignored -> {
                long n = sequence.getAndIncrement();
                publisher.publish(new TriggerMatch(trigger, Map.of("orderNumber", String.valueOf(n))), InboundSms.of(message(n)));
            };
            IntConsumer direct = ignored -> {
                long n = sequence.getAndIncrement();
                Map<String, Object> variables = new HashMap<>();
                variables.put("matchGroups", json.createObjectNode().put("orderNumber", String.valueOf(n)));
                variables.put("from", Phones.number(n));
                variables.put("originalMessage", HandOverController.BODY_PREFIX + n);
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

            Map<Path, IntConsumer> paths = new EnumMap<>(Path.class);
            paths.put(Path.WEBHOOK, viaWebhook);
            paths.put(Path.HTTP_HAND_OVER, viaHandOver);
            paths.put(Path.THREADED_WEBHOOK, viaThreadedWebhook);
            paths.put(Path.THREADED_HAND_OVER, viaThreadedHandOver);
            paths.put(Path.RECEPTION, inProcess);
            paths.put(Path.EVENT_ONLY, eventOnly);
            paths.put(Path.DIRECT, direct);
            paths.put(Path.HTTP_FLOOR, httpFloor);
            warmUpForCapacity(db, paths.values());
            ServerCpu server = ServerCpu.of(database);
            FinishedWork finished = FinishedWork.in(context.getBean(DataSource.class));
            // Rounds side by side: the machine's pace drifts over a run by more than the effects measured here.
            List<Map<Path, Round>> rounds = new ArrayList<>();
            for (int number = 1; number <= options.capacityRounds(); number++) {
                Map<Path, Round> round = new EnumMap<>(Path.class);
                paths.forEach((path, requests) -> round.put(path, capacity(requests, server, finished)));
                rounds.add(round);
                report.progress("inbound on " + db.label() + ": capacity round " + number + ": " + describe(round));
            }
            return new Measured(viaHook, directly, Capacity.of(rounds));
        } finally {
            databases.dispose(database);
        }
    }

    /**
     * One closed-loop round, after uncounted seconds of the same path, on an emptied history and an empty young generation: requests per second, the CPU time per request of the JVM
     * and of the database server (where {@code server} reads it), and the JIT compiler's share of the round.
     */
    private Round capacity(IntConsumer path, ServerCpu server, FinishedWork finished) {
        // Measured right after a switch, the webhook's rounds had the JIT compiler at work 30 to 60 % of the time: a cost of
        // the switch, which a server running one path all day never pays.
        Load.closedLoop(options.capacityClients(), settlingSeconds(), path);
        finished.clear();
        System.gc();
        long serverBefore = server == null ? 0 : server.nanos();
        long compiledBefore = COMPILER.getTotalCompilationTime();
        long cpuBefore = PROCESS_CPU.getProcessCpuTime();
        long started = System.nanoTime();
        double rate = Load.closedLoop(options.capacityClients(), options.capacitySeconds(), path);
        double compiling = compilingShareSince(compiledBefore, started);
        double requests = rate * (System.nanoTime() - started) / 1e9;
        double cpuMicros = (PROCESS_CPU.getProcessCpuTime() - cpuBefore) / 1e3 / requests;
        double serverMicros = server == null ? Double.NaN : (server.nanos() - serverBefore) / 1e3 / requests;
        return new Round(rate, cpuMicros, serverMicros, compiling);
    }

    /** The compiler threads' time (summed) per wall-clock time since {@code started}. */
    private static double compilingShareSince(long compiledBefore, long started) {
        return (COMPILER.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - started) / 1e6);
    }

    private int settlingSeconds() {
        return Math.max(1, options.capacitySeconds() / 2);
    }

    /** Posts the run's next message to {@code endpoint}; its reply must carry the echo. */
    private IntConsumer echoed(SignedWebhook endpoint) {
        return ignored -> {
            long n = sequence.getAndIncrement();
            expectEcho(endpoint.post(message(n)), n);
        };
    }

    /** The n-th message of a run: its own MessageSid, sender and order number. */
    private static Map<String, String> message(long n) {
        return SignedWebhook.message(String.format("SM%032x", n), Phones.number(n), HandOverController.BODY_PREFIX + n);
    }

    /** The n-th message's reply must carry its echo: the proof that the engine took the event. */
    private static void expectEcho(String reply, long n) {
        if (reply == null || !reply.contains(HandOverController.echo(n))) {
            throw new IllegalStateException("unexpected reply: " + reply);
        }
    }

    private static String describe(Map<Path, Round> round) {
        double direct = round.get(Path.DIRECT).rate();
        StringBuilder text = new StringBuilder();
        round.forEach((path, measured) -> text.append(text.length() == 0 ? "" : ", ").append(path.label()).append(' ')
                .append(f(measured.rate(), 0)).append(" req/s (").append(f(measured.rate() / direct, 2)).append(", ")
                .append(f(measured.cpuMicros(), 0)).append(" us CPU")
                .append(Double.isNaN(measured.serverCpuMicros()) ? "" : " + " + f(measured.serverCpuMicros(), 0) + " us database")
                .append(", JIT ").append(f(100 * measured.compilingShare(), 0)).append(" %)"));
        return text.toString();
    }

    /**
     * Closed-loop rounds of all paths, not counted, until the JIT compiler has settled: the open-loop phase runs
     * too few webhook requests for it, and the webhook path (Tomcat, Spring MVC, FreeMarker, the engine) is far more
     * code than a direct start. Measured while C2 still works, its compiler threads took a fifth of both cores.
     */
    private void warmUpForCapacity(Db db, Collection<IntConsumer> paths) {
        int rounds = options.quick() ? 1 : MAX_CAPACITY_WARMUP_ROUNDS;
        for (int round = 1; round <= rounds; round++) {
            long compiledBefore = COMPILER.getTotalCompilationTime();
            long started = System.nanoTime();
            for (IntConsumer path : paths) {
                Load.closedLoop(options.capacityClients(), options.capacitySeconds(), path);
            }
            double share = compilingShareSince(compiledBefore, started);
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

    /** The capacity paths, in the order each round runs them. */
    enum Path {
        WEBHOOK("webhook"), HTTP_HAND_OVER("HTTP + hand-over"), THREADED_WEBHOOK("webhook, thread per connection"),
        THREADED_HAND_OVER("hand-over, thread per connection"), RECEPTION("reception"), EVENT_ONLY("event only"), DIRECT("direct"),
        HTTP_FLOOR("HTTP floor");

        private final String label;

        Path(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** One closed-loop round of one path; the database server's CPU per request is NaN where it is not measured. */
    record Round(double rate, double cpuMicros, double serverCpuMicros, double compilingShare) {
    }

    /**
     * Medians over the rounds: of each path's rate, CPU per request and JIT share, and of each round's own ratio to the direct start
     * (the ratio's median, not the ratio of the medians).
     */
    record Capacity(Map<Path, Double> rates, Map<Path, Double> cpu, Map<Path, Double> serverCpu, Map<Path, Double> compiling,
                    Map<Path, Double> ratios) {

        static Capacity of(List<Map<Path, Round>> rounds) {
            return new Capacity(medians(rounds, Round::rate), medians(rounds, Round::cpuMicros), medians(rounds, Round::serverCpuMicros),
                    medians(rounds, Round::compilingShare), medianRatios(rounds));
        }

        private static Map<Path, Double> medians(List<Map<Path, Round>> rounds, ToDoubleFunction<Round> figure) {
            return perPath(rounds, (round, path) -> figure.applyAsDouble(round.get(path)));
        }

        private static Map<Path, Double> medianRatios(List<Map<Path, Round>> rounds) {
            return perPath(rounds, (round, path) -> round.get(path).rate() / round.get(Path.DIRECT).rate());
        }

        private static Map<Path, Double> perPath(List<Map<Path, Round>> rounds, ToDoubleBiFunction<Map<Path, Round>, Path> figure) {
            Map<Path, Double> medians = new EnumMap<>(Path.class);
            for (Path path : Path.values()) {
                medians.put(path, Stats.median(rounds.stream().map(round -> figure.applyAsDouble(round, path)).toList()));
            }
            return medians;
        }

        double webhookRatio() {
            return ratio(Path.WEBHOOK);
        }

        /** The median of the rounds' own ratios of this path's rate to the direct start's. */
        double ratio(Path path) {
            return ratios.get(path);
        }

        double rate(Path path) {
            return rates.get(path);
        }

        double cpuMicros(Path path) {
            return cpu.get(path);
        }

        double serverCpuMicros(Path path) {
            return serverCpu.get(path);
        }

        double compilingShare(Path path) {
            return compiling.get(path);
        }
    }
}
