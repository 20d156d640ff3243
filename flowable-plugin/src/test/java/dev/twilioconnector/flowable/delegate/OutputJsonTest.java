package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.sms.Accepted;
import dev.twilioconnector.core.sms.MessageRecord;
import dev.twilioconnector.core.verify.CodeCheck;
import dev.twilioconnector.core.verify.Verification;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code twilioResult} and {@code twilioError} as README documents them, key for key and in that order. */
class OutputJsonTest {

    @Test
    void acceptedMessagesInTheOrderGiven() {
        assertThat(OutputJson.accepted(List.of(new Accepted("+15551230001", "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "queued"),
                new Accepted("+15551230002", "SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "queued")))).isEqualTo("["
                + "{\"to\":\"+15551230001\",\"sid\":\"SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"status\":\"queued\"},"
                + "{\"to\":\"+15551230002\",\"sid\":\"SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"status\":\"queued\"}]");
        assertThat(OutputJson.accepted(List.of())).isEqualTo("[]");
    }

    @Test
    void problemsWithTheirRecipientCodeAndStatusOrNull() {
        assertThat(OutputJson.problems(List.of())).isNull();
        assertThat(OutputJson.problems(List.of(
                new TwilioProblem("+15551230001", 21211, 400, "The 'To' number +15551230001 is not a valid phone number."),
                Refusal.INVALID_RECIPIENT.problemFor("12345", "'12345' is not a phone number in E.164 form"),
                TwilioProblem.ofWholeRequest("no sender")))).isEqualTo("["
                + "{\"to\":\"+15551230001\",\"code\":21211,\"status\":400,\"message\":\"The 'To' number +15551230001 is not a valid phone number.\"},"
                + "{\"to\":\"12345\",\"code\":21211,\"status\":null,\"message\":\"'12345' is not a phone number in E.164 form\"},"
                + "{\"to\":null,\"code\":null,\"status\":null,\"message\":\"no sender\"}]");
    }

    @Test
    void aMessageWithEveryDocumentedKey() {
        MessageRecord message = new MessageRecord("SM1", "+15551230001", "+15005550006", "Hello", "delivered", "outbound-api", null,
                "1", "0", null, null, "-0.00790", "USD", OffsetDateTime.parse("2026-11-22T10:00:00Z"),
                OffsetDateTime.parse("2026-11-22T10:00:05Z"), null);

        assertThat(OutputJson.message(message)).isEqualTo("{\"sid\":\"SM1\",\"to\":\"+15551230001\",\"from\":\"+15005550006\","
                + "\"body\":\"Hello\",\"status\":\"delivered\",\"direction\":\"outbound-api\",\"messagingServiceSid\":null,"
                + "\"numSegments\":\"1\",\"numMedia\":\"0\",\"errorCode\":null,\"errorMessage\":null,\"price\":\"-0.00790\","
                + "\"priceUnit\":\"USD\",\"dateCreated\":\"2026-11-22T10:00Z\",\"dateSent\":\"2026-11-22T10:00:05Z\",\"dateUpdated\":null}");
        assertThat(OutputJson.messages(List.of())).isEqualTo("[]");
    }

    @Test
    void verifications() {
        assertThat(OutputJson.verification(new Verification("VE1", "+15551230001", "sms", "pending")))
                .isEqualTo("{\"sid\":\"VE1\",\"to\":\"+15551230001\",\"channel\":\"sms\",\"status\":\"pending\"}");
        assertThat(OutputJson.codeCheck(new CodeCheck("VE1", "+15551230001", "approved", true)))
                .isEqualTo("{\"sid\":\"VE1\",\"to\":\"+15551230001\",\"status\":\"approved\",\"valid\":true,\"approved\":true}");
    }
}
