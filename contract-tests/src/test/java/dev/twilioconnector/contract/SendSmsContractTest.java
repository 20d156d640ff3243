package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.twilioconnector.contract.CheckedTwilio.MESSAGES;
import static dev.twilioconnector.contract.ContractEngine.ActionProcess.SEND_SMS;
import static dev.twilioconnector.contract.Verdicts.assertAccepted;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;
import static org.assertj.core.api.Assertions.assertThat;

/** SEND_SMS with a number, a list of numbers and WhatsApp addresses: each message creation fits Twilio's schema. */
class SendSmsContractTest extends ContractTest {

    @Test
    void oneRecipientIsOneMessageCreationThatPrismAccepts() {
        Exchange request = sendSms(Map.of("smsFrom", "+15005550006", "smsTo", "+15551230001",
                "smsBody", "Hi, your order ships today (${recipient})."), "+15551230001");

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(MESSAGES);
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
        Exchange request = sendSms(Map.of("smsFrom", "whatsapp:+15005550006",
                "smsTo", "whatsapp:+15551230001", "smsBody", "Your table is ready."), "whatsapp:+15551230001");

        assertThat(request.form()).containsEntry("To", List.of("whatsapp:+15551230001")).containsEntry("From", List.of("whatsapp:+15005550006"));
    }
}
