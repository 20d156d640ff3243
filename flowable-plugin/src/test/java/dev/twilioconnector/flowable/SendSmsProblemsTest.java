package dev.twilioconnector.flowable;

import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.RecordedRequest;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.twilioconnector.emulator.RequestMatch.messageCreation;
import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a send can go wrong ends the same way: the process completes, {@code twilioError} says
 * what is wrong, and Twilio saw exactly the requests it should have (none twice, but after a 429).
 */
@FlowableTest
class SendSmsProblemsTest extends EngineTestBase {

    private static final String PROCESS = "dev/twilioconnector/flowable/sendSmsFromVariables.bpmn20.xml";

    /** What answers held by a test wait for; released after each test. */
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @AfterEach
    void releaseHeldAnswers() {
        release.complete(null);
    }

    @Test
    @Deployment(resources = PROCESS)
    void noSenderSendsNothing() {
        Map<String, Object> variables = send(null, "+15551230001", "Hello");

        assertWholeSendProblem(variables, "no sender");
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void anEmptyRecipientListSendsNothing() {
        Map<String, Object> variables = send("+15005550006", " , ;\n", "Hello");

        assertWholeSendProblem(variables, "smsTo names no recipient");
        assertThat(json(variables.get("twilioResult"))).isEmpty();
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void aMissingRecipientVariableSendsNothing() {
        Map<String, Object> variables = send("+15005550006", null, "Hello");

        assertWholeSendProblem(variables, "smsTo names no recipient");
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void aMalformedJsonRecipientListSendsNothing() {
        Map<String, Object> variables = send("+15005550006", "[\"+15551230001\", ", "Hello");

        assertWholeSendProblem(variables, "smsTo looks like a JSON array but cannot be read");
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void onlyTheInvalidNumberAmongValidOnesFails() {
        Map<String, Object> variables = send("+15005550006", "+15551230001, 555-0100, +15551230002", "Hello");

        JsonNode error = json(variables.get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").asString()).isEqualTo("555-0100");
        assertThat(error.get(0).get("code").asInt()).isEqualTo(21211);
        assertThat(error.get(0).get("message").asString()).contains("E.164");
        assertThat(json(variables.get("twilioResult"))).hasSize(2);
        assertThat(sent()).extracting(SentMessage::to).containsExactlyInAnyOrder("+15551230001", "+15551230002");
    }

    @Test
    @Deployment(resources = PROCESS)
    void aTemplateSyntaxErrorSendsNothing() {
        Map<String, Object> variables = send("+15005550006", "+15551230001,+15551230002", "Hi ${customer.name");

        assertWholeSendProblem(variables, "syntax error at line 1");
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void aMissingTemplateVariableIsNamedAndSendsNothing() {
        Map<String, Object> variables = send("+15005550006", "+15551230001", "Hi ${customer.nmae}");

        assertWholeSendProblem(variables, "refers to 'customer.nmae', which is missing");
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void aBodyOverSixteenHundredCharactersIsNotSent() {
        Map<String, Object> variables = send("+15005550006", "+15551230001", "x".repeat(1601));

        JsonNode error = json(variables.get("twilioError"));
        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(error.get(0).get("code").asInt()).isEqualTo(21617);
        assertThat(error.get(0).get("message").asString()).isEqualTo(DocumentedTexts.BODY_TOO_LONG).contains("longer than 1600");
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void twilioRefusingTheNumberIsReportedWithItsCode() {
        twilio.fail(Fault.twilioError(400, 21211, "The 'To' number +15551230001 is not a valid phone number."));

        JsonNode error = json(send("+15005550006", "+15551230001", "Hello").get("twilioError"));

        assertTwilioProblem(error, 21211, 400, "is not a valid phone number");
        assertThat(sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void wrongCredentialsAreReported() {
        twilio.fail(Fault.unauthorized());

        assertTwilioProblem(json(send("+15005550006", "+15551230001", "Hello").get("twilioError")), 20003, 401, "Authenticate");
        assertThat(sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void anUnknownResourceIsReported() {
        twilio.fail(Fault.twilioError(404, 20404, "The requested resource was not found"));

        assertTwilioProblem(json(send("+15005550006", "+15551230001", "Hello").get("twilioError")), 20404, 404, "not found");
        assertThat(sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void aServerErrorIsReportedAndNotSentAgain() {
        twilio.fail(Fault.serverError());

        assertTwilioProblem(json(send("+15005550006", "+15551230001", "Hello").get("twilioError")), 20500, 500,
                "may have accepted the message");
        assertThat(sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void serviceUnavailableIsReportedAndNotSentAgain() {
        twilio.fail(Fault.unavailable(0));

        assertTwilioProblem(json(send("+15005550006", "+15551230001", "Hello").get("twilioError")), 20503, 503, "Service Unavailable");
        assertThat(sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void tooManyRequestsWaitsAndTriesAgain() {
        twilio.failNext(1, Fault.tooManyRequests(1));

        Map<String, Object> variables = send("+15005550006", "+15551230001", "Hello");

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(json(variables.get("twilioResult"))).hasSize(1);
        assertThat(sent()).hasSize(2).allSatisfy(sent -> assertThat(sent.to()).isEqualTo("+15551230001"));
        List<RecordedRequest> requests = twilio.requests(messageCreation());
        assertThat(requests).extracting(RecordedRequest::status).containsExactly(429, 201);
        assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt())).as("Retry-After: 1 was honoured")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @Deployment(resources = PROCESS)
    void garbageInsteadOfJsonIsReportedAndNotSentAgain() {
        twilio.fail(Fault.answer(201, "text/html", "<html>proxy says hi"));

        JsonNode error = json(send("+15005550006", "+15551230001", "Hello").get("twilioError"));

        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(error.get(0).get("message").asString()).contains("could not be read").contains("not sent again");
        assertThat(sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void aDroppedConnectionIsReportedAndNotSentAgain() {
        twilio.fail(Fault.disconnect());

        JsonNode error = json(send("+15005550006", "+15551230001", "Hello").get("twilioError"));

        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void anAnswerSlowerThanTheReadTimeoutIsReportedAndNotSentAgain() {
        // Twilio answers only after the test: the task can end only by its read timeout.
        twilio.fail(Fault.holdUntil(release));

        JsonNode error = json(send("+15005550006", "+15551230001", "Hello").get("twilioError"));

        assertThat(error.get(0).get("message").asString())
                .contains("did not answer within " + EngineSettings.READ_TIMEOUT.toMillis() + " ms").contains("not sent again");
        assertThat(error.get(0).get("status").isNull()).isTrue();
        assertThat(sent()).hasSize(1);
    }

    private Map<String, Object> send(String from, String to, String body) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("smsFrom", from);
        variables.put("smsTo", to);
        variables.put("smsBody", body);
        variables.put("customer", Map.of("name", "Ada"));
        String pid = runtime.startProcessInstanceByKey("sendSmsFromVariables", variables).getId();
        return ofEnded(history, pid);
    }

    static void assertWholeSendProblem(Map<String, Object> variables, String messagePart) {
        JsonNode error = json(variables.get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").isNull()).isTrue();
        assertThat(error.get(0).get("message").asString()).contains(messagePart);
        assertThat(json(variables.get("twilioResult"))).isEmpty();
    }

    private static void assertTwilioProblem(JsonNode error, int code, int status, String messagePart) {
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(error.get(0).get("code").asInt()).isEqualTo(code);
        assertThat(error.get(0).get("status").asInt()).isEqualTo(status);
        assertThat(error.get(0).get("message").asString()).contains(messagePart);
    }
}
