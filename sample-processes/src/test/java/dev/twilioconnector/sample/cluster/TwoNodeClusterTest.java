package dev.twilioconnector.sample.cluster;

import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.RequestMatch;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import dev.twilioconnector.flowable.outbound.SendLedger;
import dev.twilioconnector.sample.orders.OrderDesk;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.twilioconnector.sample.cluster.Cluster.report;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes of the sample application on one PostgreSQL: both Spring Boot application contexts in this
 * JVM, each on its own port, sharing the database (Flowable's tables and the plugin's), both talking
 * to one Twilio emulator (each node under its own base URL, so the emulator records who sent what).
 * A third node, in a JVM of its own, is started and killed by the crash test.
 *
 * <p>The tests run in order; the last one switches node A's async executor off.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern MESSAGE = Pattern.compile("<Response><Message>(.*)</Message></Response>", Pattern.DOTALL);

    private static Cluster cluster;
    private static EmbeddedPostgres postgres;
    private static String jdbcUrl;
    private static TwilioEmulator twilio;
    private static ClusterNode nodeA;
    private static ClusterNode nodeB;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start();
        postgres = cluster.postgres;
        jdbcUrl = cluster.jdbcUrl;
        twilio = cluster.twilio;
        nodeA = cluster.nodeA;
        nodeB = cluster.nodeB;
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @BeforeEach
    void resetTwilio() {
        twilio.reset();
    }

    // ---------------------------------------------------------------------------------------------
    // 1. Inbound: 500 messages, each delivered twice, to either node, at once
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void fiveHundredMessagesDeliveredTwiceToEitherNodeStartOneProcessEachAndGetTheSameReplyTwice() throws Exception {
        int messages = 500;
        long orderStatusBefore = nodeA.history().createHistoricProcessInstanceQuery().processDefinitionKey("orderStatus").count();
        double receivedBefore = counter("twilio.inbound.received");
        double deduplicatedBefore = counter("twilio.inbound.deduplicated");

        // First delivery to A for even N, B for odd N. The repeat goes to the other node when N % 4 < 2, else to the same
        // one. It is queued right behind the first delivery (the two race) when (N / 4) % 2 == 0, else after all first
        // deliveries (it finds the message answered, or still being handled).
        List<Delivery> racing = new ArrayList<>();
        List<Delivery> late = new ArrayList<>();
        for (int n = 0; n < messages; n++) {
            ClusterNode first = n % 2 == 0 ? nodeA : nodeB;
            ClusterNode second = n % 4 < 2 ? other(first) : first;
            Map<String, String> form = TwilioForms.incomingMessage(twilio.accountSid(), "SM%032d".formatted(n),
                    "+1555300%04d".formatted(n % 37), twilio.number(), "Order Number " + n, List.of());
            racing.add(new Delivery(n, first, form));
            ((n / 4) % 2 == 0 ? racing : late).add(new Delivery(n, second, form));
        }
        List<Delivery> deliveries = new ArrayList<>(racing);
        deliveries.addAll(late);

        Map<Integer, List<String>> replies = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Delivery delivery : deliveries) {
                sent.add(pool.submit(() -> {
                    WebhookAnswer response = twilio.webhooks().post(delivery.node().webhookUrl(), delivery.form());
                    assertThat(response.status()).as("delivery of message %d to %s: %s", delivery.n(), delivery.node(), response.body())
                            .isEqualTo(200);
                    replies.computeIfAbsent(delivery.n(), n -> new ArrayList<>());
                    synchronized (replies.get(delivery.n())) {
                        replies.get(delivery.n()).add(response.body());
                    }
                    return null;
                }));
            }
            for (Future<?> delivery : sent) {
                delivery.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        report("1000 signed deliveries answered", started);

        // Each message got two identical replies carrying the status its orderStatus instance answered with (REPLY).
        OrderDesk desk = new OrderDesk();
        assertThat(replies).hasSize(messages);
        replies.forEach((n, both) -> {
            assertThat(both).as("replies to message %d", n).hasSize(2);
            assertThat(both.get(1)).as("the two replies to message %d", n).isEqualTo(both.get(0));
            Matcher reply = MESSAGE.matcher(both.get(0));
            assertThat(reply.find()).as("reply to message %d is a TwiML message: %s", n, both.get(0)).isTrue();
            assertThat(reply.group(1)).as("reply to message %d", n).isEqualTo("Order " + n + ": " + desk.statusOf(String.valueOf(n)) + ".");
        });

        // The shared database holds exactly one orderStatus instance per message, whichever node it reached, and
        // both nodes see the same.
        List<HistoricProcessInstance> instances = nodeA.history().createHistoricProcessInstanceQuery()
                .processDefinitionKey("orderStatus").list();
        assertThat(instances).hasSize(messages + (int) orderStatusBefore);
        assertThat(nodeB.history().createHistoricProcessInstanceQuery().processDefinitionKey("orderStatus").count())
                .isEqualTo(messages + orderStatusBefore);
        Set<String> instanceIds = instances.stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
        List<String> orderMessages = nodeA.history().createHistoricVariableInstanceQuery().variableName("originalMessage").list().stream()
                .filter(variable -> instanceIds.contains(variable.getProcessInstanceId()))
                .map(variable -> (String) variable.getValue())
                .toList();
        assertThat(orderMessages).hasSize(messages + (int) orderStatusBefore)
                .containsAll(IntStream.range(0, messages).mapToObj(n -> "Order Number " + n).toList())
                .doesNotHaveDuplicates();
        assertThat(instances).allSatisfy(instance -> assertThat(instance.getEndTime()).as("instance %s ended", instance.getId()).isNotNull());

        // Every instance answered in its webhook's reply, none through the REST API.
        Map<String, Map<String, Object>> outputs = endVariables(instanceIds);
        assertThat(instanceIds).allSatisfy(id -> {
            assertThat(outputs.get(id).get("twilioError")).as("twilioError of %s", id).isNull();
            assertThat((String) outputs.get(id).get("twilioResult")).as("twilioResult of %s", id).contains("\"status\":\"webhook-reply\"");
        });
        assertThat(Call.all(twilio)).as("message creations").isEmpty();

        // Both nodes counted what they saw: 1000 deliveries, 500 of them answered as repeats.
        assertThat(counter("twilio.inbound.received") - receivedBefore).isEqualTo(2.0 * messages);
        assertThat(counter("twilio.inbound.deduplicated") - deduplicatedBefore).isEqualTo(messages);
    }

    /** A counter summed over both nodes. */
    private static double counter(String name) {
        return Stream.of(nodeA, nodeB).mapToDouble(node -> {
            Counter counter = node.bean(MeterRegistry.class).find(name).counter();
            return counter == null ? 0 : counter.count();
        }).sum();
    }

    private record Delivery(int n, ClusterNode node, Map<String, String> form) {
    }

    // ---------------------------------------------------------------------------------------------
    // 2. Outbound: a job that sent and then failed is retried, on either node, without a second SMS
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void twoHundredSendJobsRetriedOnEitherNodeMessageEachRecipientOnce() {
        int instances = 200;
        nodeA.repository().createDeployment().name("cluster send-then-fail")
                .addClasspathResource("cluster/sendThenFail.bpmn20.xml").deploy();
        // A pool of 100 numbers, three consecutive ones per instance: each number is texted by three instances,
        // each (instance, number) pair is one message.
        Function<Integer, List<String>> phones = i -> IntStream.range(0, 3).mapToObj(j -> "+1555400%04d".formatted((i + j) % 100)).toList();
        // Faults: Twilio says 429 to the first request of some pairs (twice for others); the connector waits and retries.
        twilio.latency(Duration.ofMillis(10));
        for (int i = 0; i < instances; i++) {
            RequestMatch ofInstance = RequestMatch.messageCreation().bodyContaining("(ref-" + i + ")");
            if (i % 4 == 0) {
                twilio.failNext(1, Fault.tooManyRequests(0), ofInstance.to(phones.apply(i).get(0)));
            }
            if (i % 10 == 3) {
                twilio.failNext(2, Fault.tooManyRequests(0), ofInstance.to(phones.apply(i).get(2)));
            }
        }

        long started = System.nanoTime();
        Map<String, Integer> refByInstance = new HashMap<>();
        // The 200 failures are planned: keep their stack traces out of the test log.
        try (QuietLoggers quiet = QuietLoggers.of("org.flowable.common.engine.impl.interceptor.CommandContext",
                "org.flowable.job.service.impl.asyncexecutor.DefaultAsyncRunnableExecutionExceptionHandler")) {
            for (int i = 0; i < instances; i++) {
                ClusterNode node = i % 2 == 0 ? nodeA : nodeB;
                String id = node.runtime().startProcessInstanceByKey("clusterSendThenFail", "ref-" + i,
                        Map.of("phones", String.join(",", phones.apply(i)), "ref", "ref-" + i)).getId();
                refByInstance.put(id, i);
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                    nodeA.history().createHistoricProcessInstanceQuery().processDefinitionKey("clusterSendThenFail").finished().count() == instances);
        }
        report("200 send-then-fail instances completed", started);

        // Every job ran twice: the first run sent and was rolled back, the retry passed. Either run may be on either
        // node: the starting node locks a new job for itself, but its bounded queue (16) refuses the overflow of a
        // burst, which is unlocked again for any node to acquire.
        refByInstance.forEach((id, i) -> {
            List<String> runs = FailFirstTime.RUNS.get(id);
            assertThat(runs).as("nodes that ran the job of ref-%d", i).hasSize(2)
                    .allSatisfy(node -> assertThat(node).isIn("nodeA", "nodeB"));
        });
        long firstRunElsewhere = refByInstance.entrySet().stream()
                .filter(entry -> !FailFirstTime.RUNS.get(entry.getKey()).get(0).equals(entry.getValue() % 2 == 0 ? "nodeA" : "nodeB"))
                .count();
        System.out.printf("[cluster] %d of %d jobs first ran on the node that did not start them%n", firstRunElsewhere, instances);
        long retriedElsewhere = refByInstance.keySet().stream()
                .filter(id -> !FailFirstTime.RUNS.get(id).get(0).equals(FailFirstTime.RUNS.get(id).get(1))).count();
        System.out.printf("[cluster] %d of %d jobs were retried on the other node%n", retriedElsewhere, instances);
        assertThat(retriedElsewhere).as("jobs retried on the other node").isPositive();

        // Twilio accepted each (instance, recipient) pair exactly once.
        List<Call> calls = Call.all(twilio);
        Map<String, Long> acceptedPerPair = calls.stream().filter(call -> call.status() == 201)
                .collect(groupingBy(call -> call.to() + " " + refOf(call.body()), counting()));
        Set<String> expectedPairs = new HashSet<>();
        for (int i = 0; i < instances; i++) {
            for (String phone : phones.apply(i)) {
                expectedPairs.add(phone + " " + i);
            }
        }
        assertThat(acceptedPerPair.keySet()).isEqualTo(expectedPairs);
        assertThat(acceptedPerPair).allSatisfy((pair, times) -> assertThat(times).as("201-answered messages for %s", pair).isEqualTo(1));
        assertThat(calls.stream().filter(call -> call.status() == 429)).isNotEmpty();
        assertThat(calls.stream().map(Call::node).collect(Collectors.toSet())).containsExactlyInAnyOrder("nodeA", "nodeB");

        // And each instance says so: three accepted recipients, no error.
        Map<String, Map<String, Object>> outputs = endVariables(refByInstance.keySet());
        refByInstance.forEach((id, i) -> {
            Map<String, Object> variables = outputs.get(id);
            assertThat(variables.get("twilioError")).as("twilioError of ref-%d", i).isNull();
            assertThat(recipients((String) variables.get("twilioResult"))).as("twilioResult of ref-%d", i)
                    .containsExactlyInAnyOrderElementsOf(phones.apply(i));
        });
    }

    private static int refOf(String body) {
        Matcher ref = Pattern.compile("\\(ref-(\\d+)\\)$").matcher(body);
        if (!ref.find()) {
            throw new IllegalArgumentException("no ref in " + body);
        }
        return Integer.parseInt(ref.group(1));
    }

    // ---------------------------------------------------------------------------------------------
    // 3. A node killed in the middle of a broadcast: another node finishes it, nobody is texted twice
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void aBroadcastInterruptedByAKilledNodeIsFinishedByAnotherWithoutDuplicates() throws Exception {
        int recipients = 300;
        int crashedNodeParallelism = 4;
        nodeA.repository().createDeployment().name("cluster broadcast")
                .addClasspathResource("cluster/broadcast.bpmn20.xml").deploy();
        // Only B may take the job over: A's async executor is switched off for this (last) test.
        nodeA.engineConfiguration().getAsyncExecutor().shutdown();
        List<String> phones = IntStream.range(0, recipients).mapToObj(i -> "+1555500%04d".formatted(i)).toList();

        long started = System.nanoTime();
        // Node C, in a JVM of its own, starts the instance: the async job is created locked by C (for C's lock time,
        // 15 s: C must still hold it when it dies, even on a slow machine) and run by C's executor.
        String instanceId;
        int sentByCBeforeKill;
        try (SeparateJvmNode nodeC = SeparateJvmNode.start("nodeC", jdbcUrl, twilio, Map.of(
                "twilio.send.parallelism", String.valueOf(crashedNodeParallelism),
                "flowable.process.async.executor.async-job-lock-time", "15s"))) {
            report("node C up in its own JVM", started);
            // A warm-up broadcast to one number, so that C's first real requests do not wait for classes to load.
            String warmUp = startBroadcast(nodeC, List.of("+15555990000"));
            await().atMost(Duration.ofSeconds(30)).until(() -> isFinished(warmUp));
            twilio.reset();
            twilio.latency(Duration.ofMillis(50));

            instanceId = startBroadcast(nodeC, phones);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> sentBy("nodeC") >= 40);
            assertThat(jobLock(instanceId)).as("lock owner of the job while C runs it").isEqualTo("nodeC");
            nodeC.kill();
            sentByCBeforeKill = sentBy("nodeC");
            report("node C killed after " + sentByCBeforeKill + " requests", started);
        }
        assertThat(sentByCBeforeKill).as("requests C made before it died").isLessThan(recipients);
        assertThat(jobLock(instanceId)).as("lock owner of the job after C died").isEqualTo("nodeC");

        // The lock expires, B resets and acquires the job, and finishes the broadcast.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> isFinished(instanceId));
        report("broadcast finished by node B", started);

        List<Call> calls = Call.all(twilio);
        assertThat(sentBy("nodeC")).as("nothing from C after it died").isEqualTo(sentByCBeforeKill);
        assertThat(calls.stream().map(Call::node).collect(Collectors.toSet())).containsExactlyInAnyOrder("nodeC", "nodeB");
        Map<String, Long> acceptedPerRecipient = calls.stream().filter(call -> call.status() == 201).collect(groupingBy(Call::to, counting()));
        Map<String, Long> seenPerRecipient = calls.stream().collect(groupingBy(Call::to, counting()));
        assertThat(acceptedPerRecipient).allSatisfy((to, times) -> assertThat(times).as("201-answered messages to %s", to).isEqualTo(1));

        Map<String, Object> variables = endVariables(Set.of(instanceId)).get(instanceId);
        List<String> accepted = recipients((String) variables.get("twilioResult"));
        List<JsonNode> problems = problems((String) variables.get("twilioError"));
        List<String> unknown = problems.stream().map(problem -> problem.get("to").asString()).toList();
        System.out.printf("[cluster] broadcast: C made %d requests before it died, B made %d; %d recipients accepted, %d of unknown "
                        + "outcome (%d of which reached Twilio)%n", sentByCBeforeKill, sentBy("nodeB"), accepted.size(), unknown.size(),
                unknown.stream().filter(to -> seenPerRecipient.containsKey(to)).count());
        assertThat(accepted).doesNotHaveDuplicates().doesNotContainAnyElementsOf(unknown);
        assertThat(unknown).doesNotHaveDuplicates();
        // Every recipient is either accepted once, or reported as of unknown outcome (its request was in flight when C
        // died: at most C's parallelism of them) and then seen at most once by Twilio.
        assertThat(new HashSet<>(accepted)).as("accepted ∪ unknown").isEqualTo(difference(phones, unknown));
        assertThat(accepted).allSatisfy(to -> assertThat(acceptedPerRecipient.get(to)).as("201s for accepted %s", to).isEqualTo(1));
        assertThat(unknown).hasSizeLessThanOrEqualTo(crashedNodeParallelism);
        assertThat(problems).allSatisfy(problem -> {
            assertThat(problem.get("status").isNull()).as("status of %s", problem).isTrue();
            assertThat(problem.get("message").asString()).as("message of %s", problem).isEqualTo(SendLedger.INTERRUPTED);
            assertThat(seenPerRecipient.getOrDefault(problem.get("to").asString(), 0L)).as("requests for %s", problem).isLessThanOrEqualTo(1);
        });
    }

    private static String startBroadcast(SeparateJvmNode node, List<String> phones) {
        HttpResponse<String> start = node.postJson("/process-api/runtime/process-instances", JSON.writeValueAsString(Map.of(
                "processDefinitionKey", "clusterBroadcast",
                "variables", List.of(Map.of("name", "phones", "value", String.join(",", phones))))));
        assertThat(start.statusCode()).as(start.body()).isBetween(200, 201);
        return JSON.readTree(start.body()).get("id").asString();
    }

    private static boolean isFinished(String instanceId) {
        return nodeB.history().createHistoricProcessInstanceQuery().processInstanceId(instanceId).finished().count() == 1;
    }

    /** The lock owner of the instance's async job, read from the database ("(no job)" when there is none). */
    private static String jobLock(String instanceId) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT LOCK_OWNER_, LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ?")) {
            query.setString(1, instanceId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return "(no job)";
                }
                String owner = rows.getString(1);
                return owner == null ? "(unlocked, expiry " + rows.getTimestamp(2) + ")" : owner;
            }
        }
    }

    private static int sentBy(String node) {
        return (int) Call.all(twilio).stream().filter(call -> call.node().equals(node)).count();
    }

    private static Set<String> difference(List<String> all, List<String> minus) {
        Set<String> rest = new HashSet<>(all);
        minus.forEach(rest::remove);
        return rest;
    }

    // ---------------------------------------------------------------------------------------------

    private static ClusterNode other(ClusterNode node) {
        return node == nodeA ? nodeB : nodeA;
    }

    /** The variables of finished instances, read from history: instance id → name → value. */
    private static Map<String, Map<String, Object>> endVariables(Set<String> instanceIds) {
        Map<String, Map<String, Object>> variables = new HashMap<>();
        for (HistoricVariableInstance variable : nodeB.history().createHistoricVariableInstanceQuery()
                .processInstanceIds(instanceIds).list()) {
            variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>()).put(variable.getVariableName(), variable.getValue());
        }
        return variables;
    }

    private static List<String> recipients(String twilioResult) {
        assertThat(twilioResult).isNotNull();
        List<String> to = new ArrayList<>();
        JSON.readTree(twilioResult).forEach(message -> {
            assertThat(message.get("sid").asString()).startsWith("SM");
            to.add(message.get("to").asString());
        });
        return to;
    }

    private static List<JsonNode> problems(String twilioError) {
        List<JsonNode> problems = new ArrayList<>();
        if (twilioError != null) {
            JSON.readTree(twilioError).forEach(problems::add);
        }
        return problems;
    }
}
