package dev.twilioconnector.flowable;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.twilioconnector.flowable.FakeTwilio.SentMessage;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.twilioconnector.flowable.FakeTwilio.accepted;
import static dev.twilioconnector.flowable.FakeTwilio.messageCreation;
import static dev.twilioconnector.flowable.FakeTwilio.twilioError;
import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a send can go wrong ends the same way: the process completes, {@code twilioError} says
 * what is wrong, and the fake saw exactly the requests it should have (none twice, but after a 429).
 */
@FlowableTest
class SendSmsProblemsTest {

    private static final String PROCESS = "dev/twilioconnector/flowable/sendSmsFromVariables.bpmn20.xml";

    private final FakeTwilio twilio = FakeTwilio.shared();
    private RuntimeService runtime;
    private HistoryService history;

    @BeforeEach
    void setUp(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
        twilio.reset();
    }

    @Test
    @Deployment(resources = PROCESS)
    void noSenderSendsNothing() {
        Map<String, Object> variables = send(null, "+15551230001", "Hello");

        assertWholeSendProblem(variables, "no sender");
        assertThat(twilio.sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void anEmptyRecipientListSendsNothing() {
        Map<String, Object> variables = send("+15005550006", " , ;\n", "Hello");

        assertWholeSendProblem(variables, "smsTo names no recipient");
        assertThat(json(variables.get("twilioResult"))).isEmpty();
        assertThat(twilio.sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void aMissingRecipientVariableSendsNothing() {
        Map<String, Object> variables = send("+15005550006", null, "Hello");

        assertWholeSendProblem(variables, "smsTo names no recipient");
        assertThat(twilio.sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void aMalformedJsonRecipientListSendsNothing() {
        Map<String, Object> variables = send("+15005550006", "[\"+15551230001\", ", "Hello");

        assertWholeSendProblem(variables, "smsTo looks like a JSON array but cannot be read");
        assertThat(twilio.sent()).isEmpty();
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
        assertThat(twilio.sent()).extracting(SentMessage::to).containsExactlyInAnyOrder("+15551230001", "+15551230002");
    }

    @Test
    @Deployment(resources = PROCESS)
    void aTemplateSyntaxErrorSendsNothing() {
        Map<String, Object> variables = send("+15005550006", "+15551230001,+15551230002", "Hi ${customer.name");

        assertWholeSendProblem(variables, "syntax error at line 1");
        assertThat(twilio.sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void aMissingTemplateVariableIsNamedAndSendsNothing() {
        Map<String, Object> variables = send("+15005550006", "+15551230001", "Hi ${customer.nmae}");

        assertWholeSendProblem(variables, "refers to 'customer.nmae', which is missing");
        assertThat(twilio.sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void aBodyOverSixteenHundredCharactersIsNotSent() {
        Map<String, Object> variables = send("+15005550006", "+15551230001", "x".repeat(1601));

        JsonNode error = json(variables.get("twilioError"));
        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(error.get(0).get("code").asInt()).isEqualTo(21617);
        assertThat(error.get(0).get("message").asString()).isEqualTo(DocumentedTexts.BODY_TOO_LONG).contains("longer than 1600");
        assertThat(twilio.sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void twilioRefusingTheNumberIsReportedWithItsCode() {
        twilio.answer(messageCreation().willReturn(twilioError(400, 21211, "The 'To' number +15551230001 is not a valid phone number.")));

        JsonNode error = json(send("+15005550006", "+15551230001", "Hello").get("twilioError"));

        assertTwilioProblem(error, 21211, 400, "is not a valid phone number");
        assertThat(twilio.sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void wrongCredentialsAreReported() {
        twilio.answer(messageCreation().willReturn(twilioError(401, 20003, "Authenticate")));

        assertTwilioProblem(json(send("+15005550006", "+15551230001", "Hello").get("twilioError")), 20003, 401, "Authenticate");
        assertThat(twilio.sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void anUnknownResourceIsReported() {
        twilio.answer(messageCreation().willReturn(twilioError(404, 20404, "The requested resource was not found")));

        assertTwilioProblem(json(send("+15005550006", "+15551230001", "Hello").get("twilioError")), 20404, 404, "not found");
        assertThat(twilio.sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void aServerErrorIsReportedAndNotSentAgain() {
        twilio.answer(messageCreation().willReturn(twilioError(500, 20500, "Internal Server Error")));

        assertTwilioProblem(json(send("+15005550006", "+15551230001", "Hello").get("twilioError")), 20500, 500,
                "may have accepted the message");
        assertThat(twilio.sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void serviceUnavailableIsReportedAndNotSentAgain() {
        twilio.answer(messageCreation().willReturn(twilioError(503, 20503, "Service Unavailable")));

        assertTwilioProblem(json(send("+15005550006", "+15551230001", "Hello").get("twilioError")), 20503, 503, "Service Unavailable");
        assertThat(twilio.sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void tooManyRequestsWaitsAndTriesAgain() {
        twilio.answer(messageCreation().inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(twilioError(429, 20429, "Too Many Requests").withHeader("Retry-After", "1"))
                .willSetStateTo("cooled down"));
        twilio.answer(messageCreation().inScenario("throttled").whenScenarioStateIs("cooled down").willReturn(accepted()));

        long started = System.nanoTime();
        Map<String, Object> variables = send("+15005550006", "+15551230001", "Hello");

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(json(variables.get("twilioResult"))).hasSize(1);
        assertThat(twilio.sent()).hasSize(2).allSatisfy(sent -> assertThat(sent.to()).isEqualTo("+15551230001"));
        assertThat(System.nanoTime() - started).as("Retry-After: 1 was honoured").isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    @Deployment(resources = PROCESS)
    void garbageInsteadOfJsonIsReportedAndNotSentAgain() {
        twilio.answer(messageCreation().willReturn(aResponse().withStatus(201).withBody("<html>proxy says hi")));

        JsonNode error = json(send("+15005550006", "+15551230001", "Hello").get("twilioError"));

        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(error.get(0).get("message").asString()).contains("could not be read").contains("not sent again");
        assertThat(twilio.sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void aDroppedConnectionIsReportedAndNotSentAgain() {
        twilio.answer(messageCreation().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonNode error = json(send("+15005550006", "+15551230001", "Hello").get("twilioError"));

        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(twilio.sent()).hasSize(1);
    }

    @Test
    @Deployment(resources = PROCESS)
    void anAnswerSlowerThanTheReadTimeoutIsReportedAndNotSentAgain() {
        twilio.answer(messageCreation().willReturn(accepted().withFixedDelay((int) FakeTwilio.READ_TIMEOUT.toMillis() + 1500)));

        JsonNode error = json(send("+15005550006", "+15551230001", "Hello").get("twilioError"));

        assertThat(error.get(0).get("message").asString())
                .contains("did not answer within " + FakeTwilio.READ_TIMEOUT.toMillis() + " ms").contains("not sent again");
        assertThat(error.get(0).get("status").isNull()).isTrue();
        assertThat(twilio.sent()).hasSize(1);
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
