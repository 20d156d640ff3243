package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.Reply;
import dev.twilioconnector.emulator.WebhookAnswer;
import dev.twilioconnector.emulator.WebhookSignature;
import org.flowable.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The inbound story over real HTTP: a Flowable Boot web application on a random port with the trigger
 * listener, the contract's trigger file, and processes that start on {@code SMS_RECEIVED} or wait for it.
 * Twilio is the emulator, through its JUnit extension as a user's test has it: it signs the webhooks
 * and takes the SMS the processes send.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-inbound-e2e;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml"})
class InboundEndToEndTest extends EndToEndTest {

    static final String BOB = "+15551230002";

    @BeforeEach
    void textsReachThisApplication() {
        twilio.incomingWebhook(webhook());
    }

    @Test
    void aSignedOrderStatusStartsItsProcessAndGetsTheEcho() {
        WebhookAnswer response = deliver(message(sid(), ADA, "Order Number 4711"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/xml");
        assertThat(response.body()).contains("<Response><Message>Your reference number is 4711</Message></Response>");

        HistoricProcessInstance started = onlyInstanceOf("orderStatus");
        Map<String, Object> variables = variables(started.getId());
        assertThat(((JsonNode) variables.get("matchGroups")).get("orderNumber").asString()).isEqualTo("4711");
        assertThat(variables).containsEntry("from", ADA).containsEntry("originalMessage", "Order Number 4711")
                .containsEntry("orderNumber", "4711").containsEntry("twilioError", null);
        assertThat(twilio.messages().sent()).extracting(Message::to, Message::body)
                .containsExactly(tuple(ADA, "Order 4711 is on its way."));
    }

    @Test
    void theSendersTextIsNeverTemplateSource() {
        Reply reply = twilio.phone(ADA).text("Order Number ${7*7}");

        assertThat(reply.text()).isEqualTo("Your reference number is ${7*7}");
    }

    @Test
    void mediaUrlsReachThePayload() {
        Reply reply = twilio.phone(ADA).text("Order Number 12", List.of("https://api.twilio.com/media/ME1", "https://api.twilio.com/media/ME2"));

        assertThat(reply.status()).isEqualTo(200);

        JsonNode media = (JsonNode) variables(onlyInstanceWith("originalMessage", "Order Number 12").getId()).get("mediaUrls");
        assertThat(media.values()).extracting(JsonNode::asString)
                .containsExactly("https://api.twilio.com/media/ME1", "https://api.twilio.com/media/ME2");
    }

    @Test
    void aWaitingInstanceIsWokenOnlyByItsOwnPersonsReply() {
        String adas = runtime.startProcessInstanceByKey("appointment", Map.of("customerPhone", ADA)).getId();
        String bobs = runtime.startProcessInstanceByKey("appointment", Map.of("customerPhone", BOB)).getId();

        Reply reply = twilio.phone(BOB).text("yes");

        assertThat(reply.body()).contains("<Message>Thanks, we noted yes.</Message>");
        assertThat(tasks.createTaskQuery().processInstanceId(bobs).singleResult().getTaskDefinitionKey()).isEqualTo("replied");
        assertThat(((JsonNode) runtime.getVariable(bobs, "reply")).get("answer").asString()).isEqualTo("yes");
        assertThat(tasks.createTaskQuery().processInstanceId(adas).count()).as("Ada's instance still waits").isZero();
        assertThat(runtime.createExecutionQuery().processInstanceId(adas).activityId("waitForReply").count()).isEqualTo(1);

        twilio.phone("+15559990000").text("no");
        assertThat(runtime.createExecutionQuery().processInstanceId(adas).activityId("waitForReply").count())
                .as("a stranger's reply wakes nobody").isEqualTo(1);
    }

    @Test
    void unsignedOrWronglySignedCallsAreRefusedAndPublishNothing() throws Exception {
        Map<String, String> form = message(sid(), ADA, "Order Number 1");
        String signature = WebhookSignature.sign(twilio.authToken(), webhook(), form);
        Map<String, String> tampered = new HashMap<>(form);
        tampered.put("Body", "Order Number 2");
        WebhookAnswer signedForAnotherUrl = twilio.webhooks().post(webhook(), "https://evil.example.com/twilio/sms", form);

        List<HttpResponse<String>> responses = List.of(
                HandMadeRequests.postForm(webhook(), form, null, Map.of()),
                HandMadeRequests.postForm(webhook(), form, "bm90IGEgc2lnbmF0dXJl", Map.of()),
                HandMadeRequests.postForm(webhook(), tampered, signature, Map.of()));

        assertThat(signedForAnotherUrl.status()).isEqualTo(403);
        assertThat(signedForAnotherUrl.body()).doesNotContain("Response");
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).doesNotContain("Response");
        });
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("orderStatus")
                .variableValueEquals("originalMessage", "Order Number 1").count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("orderStatus")
                .variableValueEquals("originalMessage", "Order Number 2").count()).isZero();
    }

    @Test
    void aSignatureOverThePublicUrlBehindAProxyIsAccepted() throws Exception {
        Map<String, String> form = message(sid(), ADA, "Order Number 808");
        String signature = WebhookSignature.sign(twilio.authToken(), "https://sms.example.com:8443/twilio/sms", form);

        HttpResponse<String> response = HandMadeRequests.postForm(webhook(), form, signature, Map.of(
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "sms.example.com", "X-Forwarded-Port", "8443"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Your reference number is 808");
    }

    @Test
    void theSameMessageDeliveredTwiceStartsOneProcessAndGetsTheSameReply() {
        Map<String, String> form = message(sid(), ADA, "Order Number 5150");

        String first = deliver(form).body();
        String second = deliver(form).body();

        assertThat(second).isEqualTo(first).contains("Your reference number is 5150");
        assertThat(instancesWith("originalMessage", "Order Number 5150")).isEqualTo(1);
    }

    @Test
    void twentyConcurrentDeliveriesOfOneMessageStartOneProcess() throws Exception {
        Map<String, String> form = message(sid(), ADA, "Order Number 2020");
        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WebhookAnswer>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                responses.add(threads.submit(() -> {
                    start.await();
                    return deliver(form);
                }));
            }
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<WebhookAnswer> response : responses) {
                assertThat(response.get().status()).isEqualTo(200);
                bodies.add(response.get().body());
            }
            assertThat(bodies).allSatisfy(body -> assertThat(body).contains("Your reference number is 2020"));
        } finally {
            threads.shutdownNow();
        }
        assertThat(instancesWith("originalMessage", "Order Number 2020")).isEqualTo(1);
    }

    @Test
    void anEngineFailureWhilePublishingAnswersWithEchoError() {
        Reply reply = twilio.phone(ADA).text("Explode");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("Sorry, that did not work.");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("explode").count()).isZero();
    }

    @Test
    void anEventOneOfItsWaitingInstancesRefusesIsTakenByNoneOfThem() {
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(runtime.startProcessInstanceByKey("allOrNothingWitness").getId());
        }
        waiting.add(runtime.startProcessInstanceByKey("allOrNothingSpoiler").getId());
        for (int i = 0; i < 5; i++) {
            waiting.add(runtime.startProcessInstanceByKey("allOrNothingWitness").getId());
        }

        Reply reply = twilio.phone(ADA).text("All or nothing");

        assertThat(reply.text()).isEqualTo("Sorry, nobody took it.");
        assertThat(runtime.createExecutionQuery().processDefinitionKey("allOrNothingWitness").activityId("wait").count())
                .as("no witness was woken: the hand-over is all or nothing, so a repeat may publish again").isEqualTo(10);
        waiting.forEach(instance -> runtime.deleteProcessInstance(instance, "test over"));
    }

    /** Without the match deadline, {@code ((a+)\2?)+b} alone would run for ages on this body. */
    @Test
    void aHostileBodyAgainstACatastrophicPatternIsAnsweredWithinASecond() {
        String hostile = "a".repeat(1599) + "!";

        WebhookAnswer response = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> deliver(message(sid(), ADA, hostile)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("<Response/>");
    }

    @Test
    void aMessageMatchingNoTriggerGetsAnEmptyReply() {
        Reply reply = twilio.phone(ADA).text("What's up?");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("<Response/>");
        assertThat(reply.text()).isNull();
    }

    private HistoricProcessInstance onlyInstanceOf(String key) {
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
                .orderByProcessInstanceStartTime().desc().list();
        assertThat(instances).isNotEmpty();
        return instances.get(0);
    }

    private HistoricProcessInstance onlyInstanceWith(String variable, String value) {
        return history.createHistoricProcessInstanceQuery().variableValueEquals(variable, value).singleResult();
    }

    private long instancesWith(String variable, String value) {
        return history.createHistoricProcessInstanceQuery().variableValueEquals(variable, value).count();
    }
}
