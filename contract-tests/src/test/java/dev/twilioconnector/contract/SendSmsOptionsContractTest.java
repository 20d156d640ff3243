package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** SEND_SMS's options (Messaging Service, status callback, media, content template, scheduling) each fit Twilio's schema. */
class SendSmsOptionsContractTest extends ContractTest {

    private static final String SERVICE = "MG0123456789abcdef0123456789abcdef";

    @Test
    void aMessagingServiceReplacesTheSender() {
        Exchange request = sendSms(Map.of("smsMessagingServiceSid", SERVICE, "smsTo", "+15551230001",
                "smsBody", "Hi"), "+15551230001");

        assertThat(request.form()).containsEntry("MessagingServiceSid", List.of(SERVICE)).doesNotContainKey("From");
    }

    @ParameterizedTest(name = "{0} is sent as {1}")
    @CsvSource({
            "smsStatusCallback, StatusCallback, https://sms.example.com/twilio/status",
            "smsMediaUrl, MediaUrl, https://example.com/ticket.png"})
    void anOptionIsSentAsTwilioNamesIt(String field, String parameter, String value) {
        Exchange request = sendSms(Map.of("smsFrom", "+15005550006", "smsTo", "+15551230001", "smsBody", "Hi", field, value),
                "+15551230001");

        assertThat(request.form()).containsEntry(parameter, List.of(value));
    }

    @Test
    void aContentTemplateWithItsVariablesNeedsNoBody() {
        Exchange request = sendSms(Map.of("smsFrom", "whatsapp:+15005550006", "smsTo", "whatsapp:+15551230001",
                "smsContentSid", "HX0123456789abcdef0123456789abcdef",
                "smsContentVariables", new TreeMap<>(Map.of("1", "Ada", "2", "Tuesday"))), "whatsapp:+15551230001");

        assertThat(request.form()).containsEntry("ContentSid", List.of("HX0123456789abcdef0123456789abcdef"))
                .containsEntry("ContentVariables", List.of("{\"1\":\"Ada\",\"2\":\"Tuesday\"}")).doesNotContainKey("Body");
    }

    @Test
    void aScheduledMessageGoesThroughTheMessagingService() {
        Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        Exchange request = sendSms(Map.of("smsMessagingServiceSid", SERVICE, "smsTo", "+15551230001",
                "smsBody", "Happy birthday!", "smsSendAt", at.toString()), "+15551230001");

        assertThat(request.form()).containsEntry("ScheduleType", List.of("fixed")).containsKey("SendAt");
    }
}
