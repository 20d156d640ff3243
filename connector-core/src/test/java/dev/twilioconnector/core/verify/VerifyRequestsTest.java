package dev.twilioconnector.core.verify;

import dev.twilioconnector.core.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting and checking a verification: each checks its values, in the same order, before any request. */
class VerifyRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String SERVICE = "VA00000000000000000000000000000009";
    private static final String TO = "+15551230001";

    @Test
    void startsBySmsUnlessToldOtherwise() {
        assertThat(new StartVerification(SERVICE, TO, null, null, null).chosenChannel()).isEqualTo("sms");
        assertThat(new StartVerification(SERVICE, TO, " WhatsApp ", null, null).chosenChannel()).isEqualTo("whatsapp");
        assertThat(new StartVerification(SERVICE, TO, "whatsapp", "pt-BR", "123456").problem(NOW)).isEmpty();
        assertThat(new StartVerification(SERVICE, "ada@example.com", "email", null, null).problem(NOW)).isEmpty();
    }

    @Test
    void refusesWhatTwilioWouldRefuse() {
        assertThat(start(null, TO, null, null, null)).isEqualTo(Refusal.NO_SERVICE_SID.problem());
        assertThat(start("MG1", TO, null, null, null)).isEqualTo(Refusal.INVALID_SERVICE_SID.problem("MG1"));
        assertThat(start(SERVICE, " ", null, null, null)).isEqualTo(Refusal.NO_TO.problem());
        assertThat(start(SERVICE, TO, "pigeon", null, null)).isEqualTo(Refusal.INVALID_CHANNEL.problem("pigeon"));
        assertThat(start(SERVICE, TO, "email", null, null)).isEqualTo(Refusal.TO_NOT_EMAIL.problem(TO));
        assertThat(start(SERVICE, "555-0100", null, null, null)).isEqualTo(Refusal.TO_NOT_E164.problem("555-0100"));
        assertThat(start(SERVICE, TO, null, "english", null)).isEqualTo(Refusal.INVALID_LOCALE.problem("english"));
        assertThat(start(SERVICE, TO, null, null, "12")).isEqualTo(Refusal.CUSTOM_CODE_FORMAT.problem());
    }

    @Test
    void aCheckNeedsTheServiceTheRecipientAndACode() {
        assertThat(new CheckVerification(SERVICE, TO, "884213").problem(NOW)).isEmpty();
        assertThat(new CheckVerification(null, TO, "884213").problem(NOW)).contains(Refusal.NO_SERVICE_SID.problem());
        assertThat(new CheckVerification(SERVICE, null, "884213").problem(NOW)).contains(Refusal.NO_TO.problem());
        assertThat(new CheckVerification(SERVICE, TO, null).problem(NOW)).contains(Refusal.NO_CODE.problem());
        assertThat(new CheckVerification(SERVICE, TO, "12ab").problem(NOW)).hasValueSatisfying(problem ->
                assertThat(problem.message()).isEqualTo("Code must be 4 to 10 digits"));
    }

    @Test
    void aCodeCheckIsApprovedOnlyWhenTwilioSaysSo() {
        assertThat(new CodeCheck("VE1", TO, "approved", true).approved()).isTrue();
        assertThat(new CodeCheck("VE1", TO, "pending", false).approved()).isFalse();
    }

    private static Object start(String service, String to, String channel, String locale, String customCode) {
        return new StartVerification(service, to, channel, locale, customCode).problem(NOW).orElseThrow();
    }
}
