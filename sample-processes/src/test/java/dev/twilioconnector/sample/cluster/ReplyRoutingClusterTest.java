package dev.twilioconnector.sample.cluster;

import dev.twilioconnector.emulator.Sids;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.twilioconnector.sample.cluster.Cluster.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One answer, one instance, across nodes (issue 19, point 1): two nodes of the sample application on one
 * PostgreSQL, two instances waiting for the same phone's YES, and the phone's answers reaching different
 * nodes. Each answer wakes one instance and no instance is woken twice, however the two hand-overs overlap.
 */
class ReplyRoutingClusterTest {

    /** The end of the confirm trigger's echo in TwiML: the webhook took the answer (its echoError would say "Sorry, …"). */
    private static final String NOTED = "<Response><Message>Thanks, we noted YES.</Message></Response>";
    /** The reminder's REPLY to a YES, in TwiML: the webhook's answer names the slot of the reminder that answer woke. */
    private static final Pattern CONFIRMATION = Pattern.compile("<Response><Message>Great, see you on (.+)!</Message></Response>$");
    private static final AtomicLong PHONES = new AtomicLong(5_556_100_000L);
    /** Repetitions by the node whose answer woke the reminder that texted last: shows the race went both ways. */
    private static final Map<String, Integer> LAST_TEXTER_WOKEN_BY = new ConcurrentHashMap<>();
    /** Times every request of a {@link #postAtOnce} was in flight before any was answered: shows the posts really overlapped. */
    private static final AtomicInteger ALL_IN_FLIGHT_TOGETHER = new AtomicInteger();

    private static Cluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start();
        cluster.nodeA.repository().createDeployment().name("cluster await answer")
                .addClasspathResource("cluster/awaitAnswer.bpmn20.xml").deploy();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        System.out.printf("[cluster] answers posted at once: all in flight together %d times; the reminder that texted last was woken "
                + "by the answer to %s%n", ALL_IN_FLIGHT_TOGETHER.get(), LAST_TEXTER_WOKEN_BY);
        cluster.close();
    }

    /**
     * The sample's appointment reminder, twice to one phone (one started on each node, so both texted it), and
     * that phone's two YES messages posted at the same moment, one to each node: both reminders confirmed, each
     * once, by different nodes, each in the webhook's answer of the node that woke it (the reminder's REPLY).
     */
    @RepeatedTest(20)
    void twoAnswersPostedAtOnceToTwoNodesWakeEachWaitingReminderOnce(RepetitionInfo repetition) throws Exception {
        // A phone of its own: the reminders of earlier repetitions are in the same database.
        String phone = nextPhone();
        Map<String, String> slotByInstance = new LinkedHashMap<>();
        slotByInstance.put(remind(cluster.nodeA, phone, "Tuesday 10:31"), "Tuesday 10:31");
        slotByInstance.put(remind(cluster.nodeB, phone, "Tuesday 10:32"), "Tuesday 10:32");

        long started = System.nanoTime();
        Map<ClusterNode, WebhookAnswer> answers = postAtOnce(phone, cluster.nodeA, cluster.nodeB);

        List<Call> sent = Call.to(cluster.twilio, phone);
        Map<String, List<String>> confirmedBy = new TreeMap<>();
        answers.forEach((node, answer) -> {
            Matcher confirmation = CONFIRMATION.matcher(answer.body());
            if (confirmation.find()) {
                confirmedBy.computeIfAbsent(confirmation.group(1), slot -> new ArrayList<>()).add(node.toString());
            }
        });
        Map<String, Object> outcomes = new TreeMap<>();
        endVariable(slotByInstance.keySet(), "outcome").forEach((instance, outcome) -> outcomes.put(slotByInstance.get(instance), outcome));
        String whatHappened = "repetition %d, phone %s: webhook replies %s; confirmations by slot %s; outcomes by slot %s; Twilio got %s"
                .formatted(repetition.getCurrentRepetition(), phone, answers, confirmedBy, outcomes, sent);

        answers.forEach((node, answer) -> {
            assertThat(answer.status()).as("%s's status; %s", node, whatHappened).isEqualTo(200);
            assertThat(answer.body()).as("%s's reply, a reminder's REPLY; %s", node, whatHappened).containsPattern(CONFIRMATION);
        });
        slotByInstance.forEach((instance, slot) -> {
            assertThat(outcomes.get(slot)).as("outcome of the reminder for %s; %s", slot, whatHappened).isEqualTo("confirmed");
            assertThat(timesRun(instance, "firstReply")).as("answers taken by the reminder for %s; %s", slot, whatHappened).isEqualTo(1);
            assertThat(confirmedBy.get(slot)).as("nodes that confirmed %s; %s", slot, whatHappened).hasSize(1);
        });
        assertThat(confirmedBy.values().stream().flatMap(List::stream)).as("each node's answer woke one reminder; %s", whatHappened)
                .containsExactlyInAnyOrder("nodeA", "nodeB");
        assertThat(sent).as("the two reminders, accepted, and nothing else: the confirmations went in the TwiML; %s", whatHappened)
                .hasSize(2).allSatisfy(call -> {
                    assertThat(call.status()).isEqualTo(201);
                    assertThat(call.body()).startsWith("Hi Ada, this is a reminder");
                });
        assertThat(leasesHeld(slotByInstance.keySet())).as("leases still held after both hand-overs; %s", whatHappened).isZero();

        LAST_TEXTER_WOKEN_BY.merge(confirmedBy.get("Tuesday 10:32").get(0), 1, Integer::sum);
        report("repetition %d: two answers at once confirmed %s".formatted(repetition.getCurrentRepetition(), confirmedBy), started);
    }

    /**
     * Two instances that texted nobody, started one after the other on different nodes: the first answer, posted to
     * the node that did not start it, wakes the one that has waited longer; the next answer, to the other node, the other.
     */
    @Test
    void withoutTextsTheFirstAnswerWakesTheInstanceWaitingLongestWhicheverNodeItReaches() throws Exception {
        String phone = nextPhone();
        String waitingLonger = awaitAnswer(cluster.nodeA, phone);
        // Waits are ordered by when their subscriptions were made, to the millisecond: a tie would fall to the instance ids.
        Thread.sleep(5);
        String waitingShorter = awaitAnswer(cluster.nodeB, phone);

        Map<String, String> first = yesFrom(phone);
        assertThat(post(cluster.nodeB, first).body()).as("node B's reply to the first YES").endsWith(NOTED);
        assertThat(endVariable(List.of(waitingLonger, waitingShorter), "answeredBy")).as("the instances the first YES woke")
                .isEqualTo(Map.of(waitingLonger, first.get("MessageSid")));

        Map<String, String> second = yesFrom(phone);
        assertThat(post(cluster.nodeA, second).body()).as("node A's reply to the second YES").endsWith(NOTED);
        assertThat(endVariable(List.of(waitingLonger, waitingShorter), "answeredBy")).as("the answers each instance was woken by")
                .isEqualTo(Map.of(waitingLonger, first.get("MessageSid"), waitingShorter, second.get("MessageSid")));
    }

    private static String nextPhone() {
        return "+1" + PHONES.incrementAndGet();
    }

    /** Starts the sample's reminder on {@code node}: it texts {@code phone} and waits for YES or NO from it. */
    private static String remind(ClusterNode node, String phone, String slot) {
        return node.runtime().startProcessInstanceByKey("appointmentReminder",
                Map.of("customerPhone", phone, "customerName", "Ada", "appointmentTime", slot)).getId();
    }

    private static String awaitAnswer(ClusterNode node, String phone) {
        return node.runtime().startProcessInstanceByKey("clusterAwaitAnswer", Map.of("customerPhone", phone)).getId();
    }

    /** A YES from {@code phone} as Twilio posts it, with a MessageSid of its own. */
    private static Map<String, String> yesFrom(String phone) {
        return TwilioForms.incomingMessage(cluster.twilio.accountSid(), Sids.message(), phone, cluster.twilio.number(), "YES", List.of());
    }

    /** Posts {@code form} to {@code node}'s webhook, signed as Twilio signs. */
    private static WebhookAnswer post(ClusterNode node, Map<String, String> form) {
        return cluster.twilio.webhooks().post(node.webhookUrl(), form);
    }

    /**
     * Posts a YES from {@code phone} to each of {@code nodes}, each its own message: the posting threads start
     * together once all of them are ready, released by one latch.
     */
    private static Map<ClusterNode, WebhookAnswer> postAtOnce(String phone, ClusterNode... nodes) throws Exception {
        CountDownLatch ready = new CountDownLatch(nodes.length);
        CountDownLatch go = new CountDownLatch(1);
        long[] postedAt = new long[nodes.length];
        long[] answeredAt = new long[nodes.length];
        ExecutorService posters = Executors.newFixedThreadPool(nodes.length);
        try {
            Map<ClusterNode, Future<WebhookAnswer>> posted = new LinkedHashMap<>();
            for (int i = 0; i < nodes.length; i++) {
                int poster = i;
                Map<String, String> form = yesFrom(phone);
                posted.put(nodes[i], posters.submit(() -> {
                    ready.countDown();
                    go.await();
                    postedAt[poster] = System.nanoTime();
                    WebhookAnswer answer = post(nodes[poster], form);
                    answeredAt[poster] = System.nanoTime();
                    return answer;
                }));
            }
            ready.await();
            go.countDown();
            Map<ClusterNode, WebhookAnswer> answers = new LinkedHashMap<>();
            for (Map.Entry<ClusterNode, Future<WebhookAnswer>> answer : posted.entrySet()) {
                answers.put(answer.getKey(), answer.getValue().get(1, TimeUnit.MINUTES));
            }
            // Future.get orders the threads' writes before these reads.
            if (Arrays.stream(postedAt).max().orElseThrow() < Arrays.stream(answeredAt).min().orElseThrow()) {
                ALL_IN_FLIGHT_TOGETHER.incrementAndGet();
            }
            return answers;
        } finally {
            posters.shutdownNow();
        }
    }

    /** The value {@code name} had at the end of each of the instances that ended; a running instance is not in the answer. */
    private static Map<String, Object> endVariable(Collection<String> instances, String name) {
        List<String> ended = cluster.nodeA.history().createHistoricProcessInstanceQuery().processInstanceIds(Set.copyOf(instances))
                .finished().list().stream().map(HistoricProcessInstance::getId).toList();
        if (ended.isEmpty()) {
            return Map.of();
        }
        return cluster.nodeA.history().createHistoricVariableInstanceQuery().processInstanceIds(Set.copyOf(ended)).variableName(name)
                .list().stream().collect(Collectors.toMap(HistoricVariableInstance::getProcessInstanceId, HistoricVariableInstance::getValue));
    }

    /** How often {@code activityId} ran in {@code instance}. */
    private static long timesRun(String instance, String activityId) {
        return cluster.nodeA.history().createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(activityId).count();
    }

    /** The rows of the plugin's lease table for {@code instances}: a hand-over releases its lease once it has ended. */
    private static int leasesHeld(Collection<String> instances) throws SQLException {
        try (Connection connection = cluster.postgres.getPostgresDatabase().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM TWILIO_INSTANCE_LEASE WHERE PROC_INST_ID_ = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", instances.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
