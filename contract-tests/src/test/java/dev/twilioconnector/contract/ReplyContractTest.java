package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.twilioconnector.contract.CheckedTwilio.MESSAGES;
import static dev.twilioconnector.contract.ContractEngine.ActionProcess.REPLY;
import static dev.twilioconnector.contract.Verdicts.assertAccepted;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;
import static org.assertj.core.api.Assertions.assertThat;

/** REPLY outside a webhook's answer: one message creation, to the sender from the number they texted, that fits Twilio's schema. */
class ReplyContractTest extends ContractTest {

    @Test
    void aReplyIsOneMessageCreationToTheSenderThatPrismAccepts() {
        Map<String, Object> variables = engine.run(REPLY, Map.of("twilioMessageSid", "SM0123456789abcdef0123456789abcdef",
                "twilioMessageFrom", "+15551230001", "twilioMessageTo", "+15005550006", "smsBody", "Thanks, we got your message."));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertAccepted(variables, "+15551230001");
        assertThat(request.path()).isEqualTo(MESSAGES);
        assertThat(request.form()).containsEntry("To", List.of("+15551230001")).containsEntry("From", List.of("+15005550006"))
                .containsEntry("Body", List.of("Thanks, we got your message."));
    }
}
