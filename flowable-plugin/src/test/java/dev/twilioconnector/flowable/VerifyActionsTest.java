package dev.twilioconnector.flowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.twilioconnector.flowable.FakeTwilio.twilioError;
import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/** SEND_VERIFICATION and CHECK_VERIFICATION through Twilio Verify, reached at the configured base URL. */
@FlowableTest
class VerifyActionsTest {

    private static final String SERVICE = "VA00000000000000000000000000000009";
    private static final String VERIFICATIONS = "/v2/Services/" + SERVICE + "/Verifications";
    private static final String CHECK = "/v2/Services/" + SERVICE + "/VerificationCheck";

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
    @Deployment(resources = "dev/twilioconnector/flowable/sendVerification.bpmn20.xml")
    void startsAVerificationWithTheExactParameters() {
        twilio.answer(post(urlPathEqualTo(VERIFICATIONS)).withFormParam("To", equalTo("+15551230001"))
                .withFormParam("Channel", equalTo("whatsapp")).withFormParam("Locale", equalTo("pt-BR"))
                .withFormParam("CustomCode", equalTo("123456"))
                .willReturn(verification(201, "pending", false)));

        Map<String, Object> variables = run("sendVerification", Map.of("verifyServiceSid", SERVICE, "to", "+15551230001",
                "channel", "WhatsApp", "locale", "pt-BR", "customCode", "123456"));

        assertThat(variables).containsEntry("twilioError", null);
        JsonNode result = json(variables.get("twilioResult"));
        assertThat(result.get("status").asString()).isEqualTo("pending");
        assertThat(result.get("sid").asString()).startsWith("VE");
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/checkVerification.bpmn20.xml")
    void aRightCodeIsApproved() {
        twilio.answer(post(urlPathEqualTo(CHECK)).withFormParam("To", equalTo("+15551230001")).withFormParam("Code", equalTo("884213"))
                .willReturn(verification(200, "approved", true)));

        JsonNode result = json(run("checkVerification", Map.of("verifyServiceSid", SERVICE, "to", "+15551230001", "code", "884213"))
                .get("twilioResult"));

        assertThat(result.get("approved").asBoolean()).isTrue();
        assertThat(result.get("valid").asBoolean()).isTrue();
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/checkVerification.bpmn20.xml")
    void aWrongCodeIsNotApprovedAndIsNoError() {
        twilio.answer(post(urlPathEqualTo(CHECK)).willReturn(verification(200, "pending", false)));

        Map<String, Object> variables = run("checkVerification", Map.of("verifyServiceSid", SERVICE, "to", "+15551230001", "code", "000000"));

        assertThat(json(variables.get("twilioResult")).get("approved").asBoolean()).isFalse();
        assertThat(variables).containsEntry("twilioError", null);
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/checkVerification.bpmn20.xml")
    void anExpiredVerificationIsReported() {
        twilio.answer(post(urlPathEqualTo(CHECK)).willReturn(twilioError(404, 20404, "The requested resource was not found")));

        Map<String, Object> variables = run("checkVerification", Map.of("verifyServiceSid", SERVICE, "to", "+15551230001", "code", "884213"));

        assertThat(variables).containsEntry("twilioResult", null);
        assertThat(json(variables.get("twilioError")).get(0).get("code").asInt()).isEqualTo(20404);
    }

    @Test
    @Deployment(resources = {"dev/twilioconnector/flowable/sendVerification.bpmn20.xml", "dev/twilioconnector/flowable/checkVerification.bpmn20.xml"})
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
        assertThat(twilio.requestCount()).isZero();
    }

    private void assertProblem(String process, Map<String, Object> inputs, String message) {
        Map<String, Object> variables = run(process, inputs);
        assertThat(variables).containsEntry("twilioResult", null);
        assertThat(json(variables.get("twilioError")).get(0).get("message").asString()).contains(message);
    }

    private Map<String, Object> run(String process, Map<String, Object> variables) {
        return ofEnded(history, runtime.startProcessInstanceByKey(process, new HashMap<>(variables)).getId());
    }

    private static ResponseDefinitionBuilder verification(int httpStatus, String status, boolean valid) {
        return aResponse().withStatus(httpStatus).withHeader("Content-Type", "application/json").withBody(
                "{\"sid\":\"VE00000000000000000000000000000001\",\"service_sid\":\"" + SERVICE + "\",\"account_sid\":\""
                        + FakeTwilio.ACCOUNT + "\",\"to\":\"+15551230001\",\"channel\":\"sms\",\"status\":\"" + status + "\",\"valid\":"
                        + valid + ",\"date_created\":\"2026-11-22T10:00:00Z\",\"date_updated\":\"2026-11-22T10:00:00Z\"}");
    }
}
