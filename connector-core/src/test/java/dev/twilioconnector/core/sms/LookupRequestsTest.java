package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** FETCH and LIST check their values before any request. */
class LookupRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String SID = "SM0123456789abcdef0123456789abcdef";

    @Test
    void aMessageSidIsSmOrMmAnd32HexDigits() {
        assertThat(new FetchMessage(" " + SID + " ").problem(NOW)).isEmpty();
        assertThat(new FetchMessage("MM0123456789abcdef0123456789abcdef").problem(NOW)).isEmpty();
        assertThat(new FetchMessage(null).problem(NOW)).contains(Refusal.NO_MESSAGE_SID.problem());
        assertThat(new FetchMessage("  ").problem(NOW)).contains(Refusal.NO_MESSAGE_SID.problem());
        assertThat(new FetchMessage("CA123").problem(NOW)).hasValueSatisfying(problem ->
                assertThat(problem.message()).isEqualTo("Sid 'CA123' is not a message SID (SM or MM and 32 hex digits)"));
    }

    @Test
    void everyFilterIsOptional() {
        assertThat(new ListMessages(null, null, null, null, null, null).problem(NOW)).isEmpty();
        assertThat(new ListMessages(NOW, NOW, "+15551230001", "whatsapp:+15551230002", 1000L, 1L).problem(NOW)).isEmpty();
    }

    @Test
    void refusesFiltersTwilioWouldRefuse() {
        assertThat(new ListMessages(null, null, "555-0100", null, null, null).problem(NOW)).contains(Refusal.FROM_NOT_E164.problem("555-0100"));
        assertThat(new ListMessages(null, null, null, "555-0100", null, null).problem(NOW)).hasValueSatisfying(problem ->
                assertThat(problem.message()).isEqualTo("To '555-0100' is not a phone number in E.164 form"));
        assertThat(new ListMessages(null, null, null, null, 0L, null).problem(NOW)).contains(Refusal.PAGE_SIZE_RANGE.problem("0"));
        assertThat(new ListMessages(null, null, null, null, 1001L, null).problem(NOW)).contains(Refusal.PAGE_SIZE_RANGE.problem("1001"));
        assertThat(new ListMessages(null, null, null, null, null, 0L).problem(NOW)).contains(Refusal.LIMIT_RANGE.problem("0"));
    }
}
