package dev.twilioconnector.core.recipient;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TwilioProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientsTest {

    private static final String A = "+15551230001";
    private static final String B = "+15551230002";
    private static final String C = "+447700900123";

    @Test
    void keepsValidAddressesInTheirOrder() {
        RecipientList list = Recipients.check(List.of(A, B, C));
        assertThat(list.valid()).containsExactly(A, B, C);
        assertThat(list.problems()).isEmpty();
    }

    @Test
    void collapsesDuplicatesKeepingFirstOrder() {
        RecipientList list = Recipients.check(List.of(B, A, B, A, C));
        assertThat(list.valid()).containsExactly(B, A, C);
        assertThat(list.problems()).isEmpty();
    }

    @Test
    void acceptsWhatsAppAndNormalisesThePrefix() {
        RecipientList list = Recipients.check(List.of("whatsapp:+15551230001", "WhatsApp:+15551230002", "WHATSAPP:+15551230001", A));
        assertThat(list.valid()).containsExactly("whatsapp:+15551230001", "whatsapp:+15551230002", A);
        assertThat(list.problems()).isEmpty();
    }

    @Test
    void eachInvalidEntryIsItsOwnProblemAndValidOnesStay() {
        RecipientList list = Recipients.check(List.of("12345", A, "+1 555", "abc", B, "+1555", "whatsapp:12345"));

        assertThat(list.valid()).containsExactly(A, B);
        assertThat(list.problems()).extracting(TwilioProblem::recipient)
                .containsExactly("12345", "+1 555", "abc", "+1555", "whatsapp:12345");
        assertThat(list.problems()).allSatisfy(problem -> {
            assertThat(problem.code()).isEqualTo(PhoneAddress.INVALID_NUMBER_CODE).isEqualTo(21211);
            assertThat(problem.status()).isNull();
            assertThat(problem.refusal()).isEqualTo(Refusal.INVALID_RECIPIENT);
            assertThat(problem.message()).contains("'" + problem.recipient() + "'");
        });
        assertThat(list.problems().get(0).message()).isEqualTo(PhoneAddress.NOT_E164.formatted("12345"));
        assertThat(list.problems().get(3).message()).isEqualTo(PhoneAddress.NOT_POSSIBLE.formatted("+1555"));
    }

    @Test
    void onlyInvalidEntriesGiveNoValidRecipients() {
        RecipientList list = Recipients.check(List.of("abc"));
        assertThat(list.valid()).isEmpty();
        assertThat(list.problems()).singleElement().extracting(TwilioProblem::recipient).isEqualTo("abc");
    }

    @Test
    void listsAreImmutable() {
        RecipientList list = Recipients.check(List.of(A, "abc"));
        assertThat(list.valid()).isUnmodifiable();
        assertThat(list.problems()).isUnmodifiable();
    }

    @Test
    void phoneAddressChecks() {
        assertThat(PhoneAddress.check(A)).isEmpty();
        assertThat(PhoneAddress.check("whatsapp:" + C)).isEmpty();
        assertThat(PhoneAddress.check("+0123456789")).contains(PhoneAddress.NOT_E164.formatted("+0123456789"));
        assertThat(PhoneAddress.check("+1234567890123456")).isPresent();
        assertThat(PhoneAddress.normalise("WhatsApp:+15551230001")).isEqualTo("whatsapp:+15551230001");
        assertThat(PhoneAddress.normalise(A)).isEqualTo(A);
    }
}
