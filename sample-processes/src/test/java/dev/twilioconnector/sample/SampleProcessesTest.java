package dev.twilioconnector.sample;

import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.Reply;
import dev.twilioconnector.emulator.TwilioEmulator;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three sample processes, health and metrics, in the application as it runs in sandbox mode.
 * Timers are short here (reminderInterval PT1S, timer acquisition every second) so the no-answer path runs in seconds.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-sample-processes;DB_CLOSE_DELAY=-1",
        "twilio.account=",
        "twilio.token=",
        "flowable.process.async.executor.default-timer-job-acquire-wait-time=500ms",
        "flowable.process.async.executor.default-async-job-acquire-wait-time=500ms"})
class SampleProcessesTest {

    private static final int PORT = freePort();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    TwilioEmulator sandbox;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Test
    void anOrderNumberIsLookedUpAndAnsweredInTheWebhooksReply() {
        Reply reply = sandbox.phone("+15551231001").text("order number 4711");

        assertThat(reply.text()).as("REPLY's text instead of the trigger's echo").isEqualTo("Order 4711: waiting for payment.");
        String id = instanceAnswering(reply.messageSid());
        assertThat(endVariable(id, "twilioError")).isNull();
        assertThat((String) endVariable(id, "twilioResult")).contains("\"status\":\"webhook-reply\"");
        assertThat(textsTo("+15551231001")).as("no second message through the API").isEmpty();
    }

    @Test
    void aReminderWithoutAnswerIsRepeatedAndThenReleased() {
        String id = runtime.startProcessInstanceByKey("appointmentReminder", Map.of("customerPhone", "+15551231002",
                "customerName", "Alan", "appointmentTime", "Monday 8:15", "reminderInterval", "PT1S")).getId();

        await().atMost(Duration.ofSeconds(30)).until(() -> "no answer".equals(endVariable(id, "outcome")));
        assertThat(textsTo("+15551231002")).containsExactly(
                "Hi Alan, this is a reminder of your appointment on Monday 8:15. Reply YES to confirm or NO to cancel.",
                "Hi Alan, we have not heard from you. Is Monday 8:15 still good? Reply YES or NO.",
                "We did not hear back, so your appointment on Monday 8:15 has been released.");
    }

    @Test
    void aPickupNoticeEndsWhenTwilioReportsItDelivered() {
        String id = runtime.startProcessInstanceByKey("pickupNotice", Map.of("customerPhone", "+15551231007",
                "customerName", "Grace")).getId();

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(endVariable(id, "outcome")));
        assertThat(sandbox.messages().sentTo("+15551231007")).singleElement().extracting(Message::status).isEqualTo(Message.DELIVERED);
    }

    @Test
    void anUndeliveredPickupNoticeAsksAPersonToCall(@Autowired org.flowable.engine.TaskService tasks) {
        String id = runtime.startProcessInstanceByKey("pickupNotice", Map.of("customerPhone", "+15551230000",
                "customerName", "Barbara")).getId();

        await().atMost(Duration.ofSeconds(10)).until(() -> tasks.createTaskQuery().processInstanceId(id).count() == 1);
        assertThat(tasks.createTaskQuery().processInstanceId(id).singleResult().getName())
                .isEqualTo("Call Barbara: the pickup notice did not arrive");
        assertThat(runtime.getVariables(id)).containsEntry("outcome", "not delivered").containsEntry("deliveryErrorCode", 30003);
    }

    @Test
    void noCancelsTheAppointment() {
        String id = runtime.startProcessInstanceByKey("appointmentReminder", Map.of("customerPhone", "+15551231003",
                "customerName", "Edsger", "appointmentTime", "Wednesday 14:00")).getId();

        assertThat(sandbox.phone("+15551231003").text(" No ").text()).as("the REPLY of the reminder the NO woke")
                .isEqualTo("Your appointment on Wednesday 14:00 is cancelled. Text us to book a new one.");

        await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(endVariable(id, "outcome")));
        assertThat(textsTo("+15551231003")).as("the reminder only: the answer went in the webhook's reply").singleElement()
                .satisfies(text -> assertThat(text).startsWith("Hi Edsger, this is a reminder"));
    }

    @Test
    void aBroadcastThroughTheRestApiLeavesResultsAndErrorsBehind() throws Exception {
        HttpResponse<String> started = post("/process-api/runtime/process-instances", """
                {"processDefinitionKey": "broadcast", "variables": [
                  {"name": "smsTo", "value": ["+15551231004", "+15551231005", "555-0100"]},
                  {"name": "smsBody", "value": "Hello ${recipient}, doors open at 9."}]}""");

        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(started.body()).contains("\"ended\":true")
                .contains("\\\"to\\\":\\\"+15551231004\\\"").contains("\\\"to\\\":\\\"+15551231005\\\"")
                .contains("\\\"to\\\":\\\"555-0100\\\",\\\"code\\\":21211");
        assertThat(textsTo("+15551231005")).containsExactly("Hello +15551231005, doors open at 9.");
    }

    @Test
    void healthSaysWhichTwilioAndThatCredentialsAreThereButNeverShowsThem() throws Exception {
        String health = get("/actuator/health").body();

        assertThat(health).contains("\"twilio\":{\"details\":{\"mode\":\"sandbox\",\"credentialsConfigured\":true");
        assertThat(health).doesNotContain(environment.getProperty("twilio.token"));
    }

    @Test
    void metricsCountOutboundAndInboundTraffic() throws Exception {
        sandbox.phone("+15551231006").text("Order Number 12");
        runtime.startProcessInstanceByKey("appointmentReminder", Map.of("customerPhone", "+15551231006",
                "customerName", "Barbara", "appointmentTime", "Thursday 11:00"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !textsTo("+15551231006").isEmpty());

        assertThat(get("/actuator/metrics/twilio.messages.sent").body()).contains("\"statistic\":\"COUNT\"");
        assertThat(count("/actuator/metrics/twilio.messages.sent")).isPositive();
        assertThat(count("/actuator/metrics/twilio.inbound.received")).isPositive();
        assertThat(count("/actuator/metrics/twilio.inbound.matched")).isPositive();
    }

    @Test
    void asyncJobsRunOnABoundedPool(@Autowired org.flowable.spring.SpringProcessEngineConfiguration engine) {
        org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor threads =
                (org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor)
                        ((org.flowable.common.spring.async.SpringAsyncTaskExecutor) engine.getAsyncTaskExecutor()).getAsyncTaskExecutor();

        assertThat(threads.getMaxPoolSize()).isEqualTo(8);
        assertThat(threads.getQueueCapacity()).isEqualTo(16);
        assertThat(engine.getAsyncExecutor().getMaxAsyncJobsDuePerAcquisition()).isEqualTo(8);
    }

    @Test
    void theConsoleShowsEveryPart() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Text the application", "Messages in the sandbox", "Triggers", "orderStatus",
                "Running process instances", "Finished process instances");
    }

    @Test
    void theConsoleNeedsNoLoginButItsFormsNeedTheirCsrfToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
                dev.twilioconnector.sample.security.SecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as("the console's forms carry a CSRF token").isTrue();

        String form = "recipients=%2B15551231008&body=";
        assertThat(postForm(browser, "/console/broadcast", form + "without+token").statusCode()).isEqualTo(403);
        assertThat(postForm(browser, "/console/broadcast", form + "with+token&_csrf=" + token.group(1)).statusCode()).isEqualTo(302);

        assertThat(textsTo("+15551231008")).containsExactly("with token");
    }

    private static HttpResponse<String> postForm(HttpClient client, String path, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What the processes sent to {@code number} through the API, oldest first (not the webhook's TwiML replies). */
    private List<String> textsTo(String number) {
        return sandbox.messages().sentTo(number).stream().map(Message::body).toList();
    }

    /** The instance the message {@code messageSid} started or last woke: it keeps the SID in {@code twilioMessageSid}. */
    private String instanceAnswering(String messageSid) {
        return history.createHistoricVariableInstanceQuery().variableValueEquals("twilioMessageSid", messageSid).singleResult()
                .getProcessInstanceId();
    }

    private Object endVariable(String processInstanceId, String name) {
        if (history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count() == 0) {
            return null;
        }
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()) {
            variables.put(variable.getVariableName(), variable.getValue());
        }
        return variables.get(name);
    }

    private static double count(String path) throws Exception {
        String body = get(path).body();
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.]+)").matcher(body);
        assertThat(value.find()).as(body).isTrue();
        return Double.parseDouble(value.group(1));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
