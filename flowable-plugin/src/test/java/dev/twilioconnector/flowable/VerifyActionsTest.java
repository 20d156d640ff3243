package dev.twilioconnector.flowable;

import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.RequestMatch;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/** SEND_VERIFICATION and CHECK_VERIFICATION through Twilio Verify, reached at the configured base URL. */
@FlowableTest
class VerifyActionsTest extends EngineTestBase {

    private static final String SERVICE = "VA00000000000000000000000000000009";
    private static final String SEND = "dev/twilioconnector/flowable/sendVerification.bpmn20.xml";
    private static final String CHECK = "dev/twilioconnector/flowable/checkVerification.bpmn20.xml";
    private static final String TO = "+15551230001";

    @Test
    @Deployment(resources = SEND)
    void startsAVerificationWithTheExactParameters() {
        Map<String, Object> variables = run("sendVerification", Map.of("verifyServiceSid", SERVICE, "to", TO,
                "channel", "WhatsApp", "locale", "pt-BR", "customCode", "123456"));

        assertThat(variables).containsEntry("twilioError", null);
        JsonNode result = json(variables.get("twilioResult"));
        assertThat(result.get("status").asString()).isEqualTo("pending");
        assertThat(result.get("sid").asString()).startsWith("VE");
        assertThat(twilio.requests(RequestMatch.verificationStart())).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/v2/Services/" + SERVICE + "/Verifications");
            assertThat(request.form()).containsEntry("To", List.of(TO)).containsEntry("Channel", List.of("whatsapp"))
                    .containsEntry("Locale", List.of("pt-BR")).containsEntry("CustomCode", List.of("123456"));
        });
        assertThat(twilio.verificationCode(TO)).contains("123456");
    }

    @Test
    @Deployment(resources = {SEND, CHECK})
    void aRightCodeIsApproved() {
        startVerification();
        String code = twilio.verificationCode(TO).orElseThrow();

        JsonNode result = json(run("checkVerification", Map.of("verifyServiceSid", SERVICE, "to", TO, "code", code))
                .get("twilioResult"));

        assertThat(result.get("approved").asBoolean()).isTrue();
        assertThat(result.get("valid").asBoolean()).isTrue();
        assertThat(twilio.requests(RequestMatch.verificationCheck())).singleElement().satisfies(request -> {
            assertThat(request.param("To")).isEqualTo(TO);
            assertThat(request.param("Code")).isEqualTo(code);
        });
    }

    @Test
    @Deployment(resources = {SEND, CHECK})
    void aWrongCodeIsNotApprovedAndIsNoError() {
        startVerification();

        Map<String, Object> variables = run("checkVerification", Map.of("verifyServiceSid", SERVICE, "to", TO, "code", "000000"));

        assertThat(json(variables.get("twilioResult")).get("approved").asBoolean()).isFalse();
        assertThat(variables).containsEntry("twilioError", null);
        assertThat(twilio.verificationCode(TO)).as("still pending").isPresent();
    }

    @Test
    @Deployment(resources = CHECK)
    void anExpiredVerificationIsReported() {
        // No verification is pending for TO (never started, or expired): Twilio answers 404 with its code 20404.
        Map<String, Object> variables = run("checkVerification", Map.of("verifyServiceSid", SERVICE, "to", TO, "code", "884213"));

        assertThat(variables).containsEntry("twilioResult", null);
        assertThat(json(variables.get("twilioError")).get(0).get("code").asInt()).isEqualTo(20404);
        assertThat(twilio.requests(RequestMatch.verificationCheck())).extracting(RecordedRequest::status).containsExactly(404);
    }

    @Test
    @Deployment(resources = {SEND, CHECK})
    void refusesBadInputsBeforeAsking() {
        assertProblem("sendVerification", Map.of("to", "+15551230001"), "verifyServiceSid is missing");
        assertProblem("sendVerification", Map.of("verifyServiceSid", "MG1", "to", "+15551230001"), "verifyServiceSid 'MG1' must be a Verify Service SID");
        assertProblem("sendVerification", Map.of("verifyServiceSid", SERVICE, "to", "+15551230001", "channel", "pigeon"),
                "channel 'pigeon' is not one of call, email, sms, whatsapp");
        assertProblem("sendVerification", Map.of("verifyServiceSid", SERVICE, "to", "+15551230001", "channel", "email"),
                "to '+15551230001' is not an e-mail address");
        assertProblem("sendVerification", Map.of("verifyServiceSid", SERVICE, "to", "555-0100"), "to '555-0100' is not a phone number");
        assertProblem("sendVerification", Map.of("verifyServiceSid", SERVICE, "to", "+15551230001", "locale", "english"),
                "locale 'english' is not a language tag");
        assertProblem("checkVerification", Map.of("verifyServiceSid", SERVICE, "to", "+15551230001"), "code is missing");
        assertProblem("checkVerification", Map.of("verifyServiceSid", SERVICE, "to", "+15551230001", "code", "12ab"),
                "code must be 4 to 10 digits");
        assertThat(twilio.requests()).isEmpty();
    }

    private void assertProblem(String process, Map<String, Object> inputs, String message) {
        Map<String, Object> variables = run(process, inputs);
        assertThat(variables).containsEntry("twilioResult", null);
        assertThat(json(variables.get("twilioError")).get(0).get("message").asString()).contains(message);
    }

    /** Starts a verification for {@link #TO} through the task: Twilio keeps its code pending. */
    private void startVerification() {
        assertThat(run("sendVerification", Map.of("verifyServiceSid", SERVICE, "to", TO))).containsEntry("twilioError", null);
    }

    private Map<String, Object> run(String process, Map<String, Object> variables) {
        return ofEnded(history, runtime.startProcessInstanceByKey(process, new HashMap<>(variables)).getId());
    }
}
