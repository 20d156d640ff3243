package dev.twilioconnector.inbound.webhook;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryReportTest {

    @Test
    void readsTwilioStatusCallbackParameters() {
        DeliveryReport report = DeliveryReport.of(Map.of("MessageSid", "SM1", "MessageStatus", "Undelivered", "ErrorCode", "30003",
                "To", "+15551230001", "From", "+15005550006"));

        assertThat(report).isEqualTo(new DeliveryReport("SM1", "undelivered", 30003, "+15551230001", "+15005550006"));
        assertThat(report.key()).isEqualTo("SM1:undelivered");
        assertThat(report.isWellFormed()).isTrue();
    }

    @Test
    void fallsBackToTheOlderSmsNames() {
        DeliveryReport report = DeliveryReport.of(Map.of("SmsSid", "SM2", "SmsStatus", "sent"));

        assertThat(report.messageSid()).isEqualTo("SM2");
        assertThat(report.status()).isEqualTo("sent");
        assertThat(report.errorCode()).isNull();
    }

    @Test
    void isIncompleteWithoutSidOrStatus() {
        assertThat(DeliveryReport.of(Map.of("MessageSid", "SM3")).isWellFormed()).isFalse();
        assertThat(DeliveryReport.of(Map.of("MessageStatus", "sent")).isWellFormed()).isFalse();
        assertThat(DeliveryReport.of(Map.of("MessageSid", "SM3", "MessageStatus", "sent", "ErrorCode", "n/a")).errorCode()).isNull();
    }
}
