package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;

import static dev.twilioconnector.contract.ContractEngine.SEND_SMS;
import static dev.twilioconnector.contract.Verdicts.assertAccepted;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With TWILIO_API_KEY / TWILIO_API_SECRET the connector signs in with the key, and Twilio's schema
 * takes it: its security scheme is HTTP Basic, whatever the user name (Account SID or key SID).
 */
@ExtendWith(TwilioContract.class)
class ApiKeyContractTest {

    private static final String KEY = "SK0123456789abcdef0123456789abcdef";
    private static final String SECRET = "contract-key-secret-4b8e";

    private final MockedTwilio twilio;

    ApiKeyContractTest(MockedTwilio twilio) {
        this.twilio = twilio;
    }

    @Test
    void anApiKeySignsTheRequestAndPrismAcceptsIt() {
        Map<String, String> environment = new HashMap<>(twilio.environment());
        environment.remove("TWILIO_TOKEN");
        environment.put("TWILIO_API_KEY", KEY);
        environment.put("TWILIO_API_SECRET", SECRET);

        try (ContractEngine engine = ContractEngine.start("api-key", environment)) {
            Map<String, Object> variables = engine.run(SEND_SMS, Map.of("smsFrom", "+15005550006", "smsTo", "+15551230001", "smsBody", "Hi"));

            Exchange request = assertPrismAccepted(twilio, 1).get(0);
            // the account stays in the path; the key and its secret sign the request
            assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + MockedTwilio.ACCOUNT + "/Messages.json");
            assertThat(request.authorization()).isEqualTo(PrismClient.basicAuth(KEY, SECRET));
            assertAccepted(variables, "+15551230001");
        }
    }
}
