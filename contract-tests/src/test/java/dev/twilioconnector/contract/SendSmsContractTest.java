package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.twilioconnector.contract.ContractEngine.SEND_SMS;
import static dev.twilioconnector.contract.Verdicts.assertAccepted;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;
import static org.assertj.core.api.Assertions.assertThat;

/** SEND_SMS with a number, a list of numbers and WhatsApp addresses: each message creation fits Twilio's schema. */
@ExtendWith(TwilioContract.class)
class SendSmsContractTest {

    private static final String MESSAGES = "/2010-04-01/Accounts/" + CheckedTwilio.ACCOUNT + "/Messages.json";

    private final CheckedTwilio twilio;
    private final ContractEngine engine;

    SendSmsContractTest(CheckedTwilio twilio, ContractEngine engine) {
        this.twilio = twilio;
        this.engine = engine;
    }

    @Test
    void oneRecipientIsOneMessageCreationThatPrismAccepts() {
        Map<String, Object> variables = engine.run(SEND_SMS, Map.of("smsFrom", "+15005550006", "smsTo", "+15551230001",
                "smsBody", "Hi, your order ships today (${recipient})."));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(MESSAGES);
        assertAccepted(variables, "+15551230001");
    }

    @Test
    void severalRecipientsAreOneValidMessageCreationEach() {
        Map<String, Object> variables = engine.run(SEND_SMS, Map.of("smsFrom", "+15005550006",
                "smsTo", List.of("+15551230001", "+15551230002", "+15551230003"), "smsBody", "Storm warning for ${recipient}"));

        List<Exchange> requests = assertPrismAccepted(twilio, 3);
        assertThat(requests).extracting(request -> request.form().get("To").get(0))
                .containsExactlyInAnyOrder("+15551230001", "+15551230002", "+15551230003");
        assertAccepted(variables, "+15551230001", "+15551230002", "+15551230003");
    }

    @Test
    void whatsAppAddressesPassAsTwilioChannelAddresses() {
        Map<String, Object> variables = engine.run(SEND_SMS, Map.of("smsFrom", "whatsapp:+15005550006",
                "smsTo", "whatsapp:+15551230001", "smsBody", "Your table is ready."));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.form()).containsEntry("To", List.of("whatsapp:+15551230001")).containsEntry("From", List.of("whatsapp:+15005550006"));
        assertAccepted(variables, "whatsapp:+15551230001");
    }
}
