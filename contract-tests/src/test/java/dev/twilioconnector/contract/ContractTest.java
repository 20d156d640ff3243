package dev.twilioconnector.contract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.twilioconnector.contract.ContractEngine.ActionProcess.SEND_SMS;
import static dev.twilioconnector.contract.Verdicts.assertAccepted;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;

/**
 * What every contract test has: Twilio behind Prism and the engine pointed at it, as {@link TwilioContract}
 * runs them once for the whole run and empties them before each test.
 */
@ExtendWith(TwilioContract.class)
abstract class ContractTest {

    CheckedTwilio twilio;
    ContractEngine engine;

    @BeforeEach
    void runningContract(CheckedTwilio twilio, ContractEngine engine) {
        this.twilio = twilio;
        this.engine = engine;
    }

    /**
     * Runs SEND_SMS with {@code inputs} for the one {@code recipient}: Prism accepted its one request, and
     * the task reports the message accepted.
     *
     * @return the request, for the test to look into
     */
    Exchange sendSms(Map<String, ?> inputs, String recipient) {
        Map<String, Object> variables = engine.run(SEND_SMS, inputs);
        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertAccepted(variables, recipient);
        return request;
    }
}
