package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.twilioconnector.contract.ContractEngine.SEND_SMS;
import static dev.twilioconnector.contract.Verdicts.assertAccepted;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;
import static org.assertj.core.api.Assertions.assertThat;

/** SEND_SMS's options (Messaging Service, status callback, content template, scheduling) each fit Twilio's schema. */
@ExtendWith(TwilioContract.class)
class SendSmsOptionsContractTest {

    private static final String SERVICE = "MG0123456789abcdef0123456789abcdef";

    private final CheckedTwilio twilio;
    private final ContractEngine engine;

    SendSmsOptionsContractTest(CheckedTwilio twilio, ContractEngine engine) {
        this.twilio = twilio;
        this.engine = engine;
    }

    @Test
    void aMessagingServiceReplacesTheSender() {
        Map<String, Object> variables = engine.run(SEND_SMS, Map.of("smsMessagingServiceSid", SERVICE, "smsTo", "+15551230001",
                "smsBody", "Hi"));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.form()).containsEntry("MessagingServiceSid", List.of(SERVICE)).doesNotContainKey("From");
        assertAccepted(variables, "+15551230001");
    }

    @Test
    void aStatusCallbackIsSentAsTwilioNamesIt() {
        Map<String, Object> variables = engine.run(SEND_SMS, Map.of("smsFrom", "+15005550006", "smsTo", "+15551230001",
                "smsBody", "Hi", "smsStatusCallback", "https://sms.example.com/twilio/status"));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.form()).containsEntry("StatusCallback", List.of("https://sms.example.com/twilio/status"));
        assertAccepted(variables, "+15551230001");
    }

    @Test
    void aContentTemplateWithItsVariablesNeedsNoBody() {
        Map<String, Object> variables = engine.run(SEND_SMS, Map.of("smsFrom", "whatsapp:+15005550006", "smsTo", "whatsapp:+15551230001",
                "smsContentSid", "HX0123456789abcdef0123456789abcdef",
                "smsContentVariables", new TreeMap<>(Map.of("1", "Ada", "2", "Tuesday"))));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.form()).containsEntry("ContentSid", List.of("HX0123456789abcdef0123456789abcdef"))
                .containsEntry("ContentVariables", List.of("{\"1\":\"Ada\",\"2\":\"Tuesday\"}")).doesNotContainKey("Body");
        assertAccepted(variables, "whatsapp:+15551230001");
    }

    @Test
    void aScheduledMessageGoesThroughTheMessagingService() {
        Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        Map<String, Object> variables = engine.run(SEND_SMS, Map.of("smsMessagingServiceSid", SERVICE, "smsTo", "+15551230001",
                "smsBody", "Happy birthday!", "smsSendAt", at.toString()));

        Exchange request = assertPrismAccepted(twilio, 1).get(0);
        assertThat(request.form()).containsEntry("ScheduleType", List.of("fixed")).containsKey("SendAt");
        assertAccepted(variables, "+15551230001");
    }
}
