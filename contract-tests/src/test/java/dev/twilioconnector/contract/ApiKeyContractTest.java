package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.twilioconnector.contract.CheckedTwilio.MESSAGES;
import static dev.twilioconnector.contract.ContractEngine.ActionProcess.SEND_SMS;
import static dev.twilioconnector.contract.Verdicts.assertAccepted;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With TWILIO_API_KEY / TWILIO_API_SECRET the connector signs in with the key, and Twilio's schema
 * takes it: its security scheme is HTTP Basic, whatever the user name (Account SID or key SID). Twilio (the
 * emulator) knows the key, so the request is accepted, not refused with 401.
 */
class ApiKeyContractTest extends ContractTest {

    @Test
    void anApiKeySignsTheRequestAndPrismAcceptsIt() {
        Map<String, String> environment = new HashMap<>(twilio.environment());
        environment.remove("TWILIO_TOKEN");
        environment.put("TWILIO_API_KEY", CheckedTwilio.API_KEY);
        environment.put("TWILIO_API_SECRET", CheckedTwilio.API_SECRET);

        try (ContractEngine signedWithKey = ContractEngine.start("api-key", environment)) {
            Map<String, Object> variables = signedWithKey.run(SEND_SMS,
                    Map.of("smsFrom", "+15005550006", "smsTo", "+15551230001", "smsBody", "Hi"));

            Exchange request = assertPrismAccepted(twilio, 1).get(0);
            // the account stays in the path; the key and its secret sign the request
            assertThat(request.path()).isEqualTo(MESSAGES);
            assertThat(request.authorization()).isEqualTo(PrismClient.basicAuth(CheckedTwilio.API_KEY, CheckedTwilio.API_SECRET));
            assertAccepted(variables, "+15551230001");
        }
    }
}
