package dev.twilioconnector.inbound.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The inbound story over real HTTP: a Flowable Boot web application on a random port with the trigger
 * listener, the contract's trigger file, and processes that start on {@code SMS_RECEIVED} or wait for it.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-inbound-e2e;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml",
        "twilio.account=" + InboundEndToEndTest.ACCOUNT,
        "twilio.token=" + InboundEndToEndTest.TOKEN})
class InboundEndToEndTest {

    static final String ACCOUNT = "AC00000000000000000000000000000001";
    static final String TOKEN = "tok-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String ADA = "+15551230001";
    static final String BOB = "+15551230002";

    private static final WireMockServer TWILIO = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    TaskService tasks;

    private final TwilioWebhookClient twilio = new TwilioWebhookClient(TOKEN);

    @DynamicPropertySource
    static void fakeTwilio(DynamicPropertyRegistry registry) {
        if (!TWILIO.isRunning()) {
            TWILIO.start();
        }
        registry.add("twilio.api-base-url", TWILIO::baseUrl);
    }

    @AfterAll
    static void stopFake() {
        TWILIO.stop();
    }

    @BeforeEach
    void acceptMessages() {
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM00000000000000000000000000000099\",\"status\":\"queued\"}")));
    }

    @Test
    void aSignedOrderStatusStartsItsProcessAndGetsTheEcho() {
        HttpResponse<String> response = twilio.postSigned(webhook(), TwilioWebhookClient.message(sid(), ADA, "Order Number 4711"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/xml");
        assertThat(response.body()).contains("<Response><Message>Your reference number is 4711</Message></Response>");

        HistoricProcessInstance started = onlyInstanceOf("orderStatus");
        Map<String, Object> variables = variables(started.getId());
        assertThat(((JsonNode) variables.get("matchGroups")).get("orderNumber").asString()).isEqualTo("4711");
        assertThat(variables).containsEntry("from", ADA).containsEntry("originalMessage", "Order Number 4711")
                .containsEntry("orderNumber", "4711").containsEntry("twilioError", null);
        assertThat(sentBodies()).containsExactly(Map.of("To", ADA, "Body", "Order 4711 is on its way."));
    }

    @Test
    void theSendersTextIsNeverTemplateSource() {
        HttpResponse<String> response = twilio.postSigned(webhook(), TwilioWebhookClient.message(sid(), ADA, "Order Number ${7*7}"));

        assertThat(response.body()).contains("Your reference number is ${7*7}");
    }

    @Test
    void mediaUrlsReachThePayload() {
        Map<String, String> form = TwilioWebhookClient.message(sid(), ADA, "Order Number 12");
        form.put("NumMedia", "2");
        form.put("MediaUrl0", "https://api.twilio.com/media/ME1");
        form.put("MediaUrl1", "https://api.twilio.com/media/ME2");

        assertThat(twilio.postSigned(webhook(), form).statusCode()).isEqualTo(200);

        JsonNode media = (JsonNode) variables(onlyInstanceWith("originalMessage", "Order Number 12").getId()).get("mediaUrls");
        assertThat(media.values()).extracting(JsonNode::asString)
                .containsExactly("https://api.twilio.com/media/ME1", "https://api.twilio.com/media/ME2");
    }

    @Test
    void aWaitingInstanceIsWokenOnlyByItsOwnPersonsReply() {
        String adas = runtime.startProcessInstanceByKey("appointment", Map.of("customerPhone", ADA)).getId();
        String bobs = runtime.startProcessInstanceByKey("appointment", Map.of("customerPhone", BOB)).getId();

        HttpResponse<String> response = twilio.postSigned(webhook(), TwilioWebhookClient.message(sid(), BOB, "yes"));

        assertThat(response.body()).contains("<Message>Thanks, we noted yes.</Message>");
        assertThat(tasks.createTaskQuery().processInstanceId(bobs).singleResult().getTaskDefinitionKey()).isEqualTo("replied");
        assertThat(((JsonNode) runtime.getVariable(bobs, "reply")).get("answer").asString()).isEqualTo("yes");
        assertThat(tasks.createTaskQuery().processInstanceId(adas).count()).as("Ada's instance still waits").isZero();
        assertThat(runtime.createExecutionQuery().processInstanceId(adas).activityId("waitForReply").count()).isEqualTo(1);

        twilio.postSigned(webhook(), TwilioWebhookClient.message(sid(), "+15559990000", "no"));
        assertThat(runtime.createExecutionQuery().processInstanceId(adas).activityId("waitForReply").count())
                .as("a stranger's reply wakes nobody").isEqualTo(1);
    }

    @Test
    void unsignedOrWronglySignedCallsAreRefusedAndPublishNothing() {
        Map<String, String> form = TwilioWebhookClient.message(sid(), ADA, "Order Number 1");
        String signature = twilio.sign(webhook(), form);
        Map<String, String> tampered = new HashMap<>(form);
        tampered.put("Body", "Order Number 2");

        List<HttpResponse<String>> responses = List.of(
                twilio.post(webhook(), form, null, Map.of()),
                twilio.post(webhook(), form, "bm90IGEgc2lnbmF0dXJl", Map.of()),
                twilio.post(webhook(), form, twilio.sign("https://evil.example.com/twilio/sms", form), Map.of()),
                twilio.post(webhook(), tampered, signature, Map.of()));

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
    void aSignatureOverThePublicUrlBehindAProxyIsAccepted() {
        Map<String, String> form = TwilioWebhookClient.message(sid(), ADA, "Order Number 808");
        String signature = twilio.sign("https://sms.example.com:8443/twilio/sms", form);

        HttpResponse<String> response = twilio.post(webhook(), form, signature, Map.of(
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "sms.example.com", "X-Forwarded-Port", "8443"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Your reference number is 808");
    }

    @Test
    void theSameMessageDeliveredTwiceStartsOneProcessAndGetsTheSameReply() {
        Map<String, String> form = TwilioWebhookClient.message(sid(), ADA, "Order Number 5150");

        String first = twilio.postSigned(webhook(), form).body();
        String second = twilio.postSigned(webhook(), form).body();

        assertThat(second).isEqualTo(first).contains("Your reference number is 5150");
        assertThat(instancesWith("originalMessage", "Order Number 5150")).isEqualTo(1);
    }

    @Test
    void twentyConcurrentDeliveriesOfOneMessageStartOneProcess() throws Exception {
        Map<String, String> form = TwilioWebhookClient.message(sid(), ADA, "Order Number 2020");
        String signature = twilio.sign(webhook(), form);
        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                responses.add(threads.submit(() -> {
                    start.await();
                    return twilio.post(webhook(), form, signature, Map.of());
                }));
            }
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isEqualTo(200);
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
        HttpResponse<String> response = twilio.postSigned(webhook(), TwilioWebhookClient.message(sid(), ADA, "Explode"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Message>Sorry, that did not work.</Message>").doesNotContain("never sent");
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

        HttpResponse<String> response = twilio.postSigned(webhook(), TwilioWebhookClient.message(sid(), ADA, "All or nothing"));

        assertThat(response.body()).contains("<Message>Sorry, nobody took it.</Message>");
        assertThat(runtime.createExecutionQuery().processDefinitionKey("allOrNothingWitness").activityId("wait").count())
                .as("no witness was woken: the hand-over is all or nothing, so a repeat may publish again").isEqualTo(10);
        waiting.forEach(instance -> runtime.deleteProcessInstance(instance, "test over"));
    }

    @Test
    void stopIsNeitherMatchedNorPublished() {
        Map<String, String> form = TwilioWebhookClient.message(sid(), ADA, "Order Number 9");
        form.put("OptOutType", "STOP");

        HttpResponse<String> response = twilio.postSigned(webhook(), form);

        assertThat(response.body()).contains("<Response/>");
        assertThat(instancesWith("originalMessage", "Order Number 9")).isZero();
    }

    @Test
    void startAndHelpArePublishedWithoutAnEcho() {
        String waiting = runtime.startProcessInstanceByKey("appointment", Map.of("customerPhone", "+15551230077")).getId();
        Map<String, String> form = TwilioWebhookClient.message(sid(), "+15551230077", "YES");
        form.put("OptOutType", "START");

        HttpResponse<String> response = twilio.postSigned(webhook(), form);

        assertThat(response.body()).contains("<Response/>");
        assertThat(tasks.createTaskQuery().processInstanceId(waiting).count()).as("the instance was woken").isEqualTo(1);
    }

    /** Without the match deadline, {@code ((a+)\2?)+b} alone would run for ages on this body. */
    @Test
    void aHostileBodyAgainstACatastrophicPatternIsAnsweredWithinASecond() {
        String hostile = "a".repeat(1599) + "!";

        HttpResponse<String> response = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> twilio.postSigned(webhook(), TwilioWebhookClient.message(sid(), ADA, hostile)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Response/>");
    }

    @Test
    void aMessageMatchingNoTriggerGetsAnEmptyReply() {
        HttpResponse<String> response = twilio.postSigned(webhook(), TwilioWebhookClient.message(sid(), ADA, "What's up?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Response/>");
    }

    private String webhook() {
        return "http://localhost:" + port + "/twilio/sms";
    }

    private static String sid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
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

    private Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()) {
            variables.put(variable.getVariableName(), variable.getValue());
        }
        return variables;
    }

    private static List<Map<String, String>> sentBodies() {
        return TWILIO.getAllServeEvents().stream().map(event -> {
            Map<String, String> form = new HashMap<>();
            for (String pair : event.getRequest().getBodyAsString().split("&")) {
                String[] parts = pair.split("=", 2);
                String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                if (name.equals("To") || name.equals("Body")) {
                    form.put(name, URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
                }
            }
            return form;
        }).toList();
    }
}
