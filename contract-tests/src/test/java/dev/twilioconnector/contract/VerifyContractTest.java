package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static dev.twilioconnector.contract.ContractEngine.ActionProcess.CHECK_VERIFICATION;
import static dev.twilioconnector.contract.ContractEngine.ActionProcess.SEND_VERIFICATION;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;
import static dev.twilioconnector.contract.Verdicts.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

/** SEND_VERIFICATION and CHECK_VERIFICATION reach Verify's paths under the one base URL, with requests that fit its schema. */
class VerifyContractTest extends ContractTest {

    private static final String SERVICE = "VA0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "channel {0} to {1}")
    @CsvSource({"sms, +15551230001", "call, +15551230001", "whatsapp, +15551230001", "email, ada@example.com"})
    void sendVerificationOnEveryChannel(String channel, String to) {
        Map<String, Object> variables = engine.run(SEND_VERIFICATION, Map.of("verifyServiceSid", SERVICE, "to", to, "channel", channel));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.method() + " " + request.path()).isEqualTo("POST /v2/Services/" + SERVICE + "/Verifications");
        assertThat(request.form()).containsEntry("To", List.of(to)).containsEntry("Channel", List.of(channel));
        assertVerification(assertResult(variables));
    }

    @Test
    void sendVerificationWithLocaleAndCustomCode() {
        Map<String, Object> variables = engine.run(SEND_VERIFICATION, Map.of("verifyServiceSid", SERVICE, "to", "+15551230001",
                "channel", "sms", "locale", "pt-BR", "customCode", "123456"));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.form()).containsEntry("Locale", List.of("pt-BR")).containsEntry("CustomCode", List.of("123456"));
        assertVerification(assertResult(variables));
    }

    @Test
    void checkVerificationSendsTheCodeForTheRecipient() {
        engine.run(SEND_VERIFICATION, Map.of("verifyServiceSid", SERVICE, "to", "+15551230001", "channel", "sms", "customCode", "884213"));
        twilio.forgetExchanges();

        Map<String, Object> variables = engine.run(CHECK_VERIFICATION, Map.of("verifyServiceSid", SERVICE, "to", "+15551230001", "code", "884213"));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.method() + " " + request.path()).isEqualTo("POST /v2/Services/" + SERVICE + "/VerificationCheck");
        assertThat(request.form()).containsEntry("To", List.of("+15551230001")).containsEntry("Code", List.of("884213"));
        JsonNode result = assertResult(variables);
        assertThat(result.propertyNames()).containsExactlyInAnyOrder("sid", "to", "status", "valid", "approved");
        assertThat(result.path("sid").asString()).matches("VE[0-9a-fA-F]{32}");
        assertThat(result.path("valid").asBoolean()).as("the code Verify sent").isTrue();
        assertThat(result.path("approved").asBoolean()).isTrue();
    }

    private static void assertVerification(JsonNode result) {
        assertThat(result.propertyNames()).containsExactlyInAnyOrder("sid", "to", "channel", "status");
        assertThat(result.path("sid").asString()).matches("VE[0-9a-fA-F]{32}");
        assertThat(result.path("status").asString()).isNotBlank();
    }
}
