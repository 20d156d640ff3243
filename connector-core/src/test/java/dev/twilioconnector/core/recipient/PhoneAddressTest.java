package dev.twilioconnector.core.recipient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneAddressTest {

    @Test
    void aRememberedNumberIsJudgedAsBeforeAndAnImpossibleOneIsNeverRemembered() {
        for (int round = 0; round < 2; round++) {
            assertThat(PhoneAddress.check("+15551230001")).as("round %s", round).isEmpty();
            assertThat(PhoneAddress.check("whatsapp:+15551230001")).as("round %s", round).isEmpty();
            assertThat(PhoneAddress.check("+1555")).as("round %s", round)
                    .contains(PhoneAddress.NOT_POSSIBLE.formatted("+1555"));
            assertThat(PhoneAddress.check("555-0100")).as("round %s", round)
                    .contains(PhoneAddress.NOT_E164.formatted("555-0100"));
        }
        assertThat(PhoneAddress.isRemembered("+15551230001")).isTrue();
        assertThat(PhoneAddress.isRemembered("+1555")).isFalse();
    }

    @Test
    void theMemoryStaysBounded() {
        for (int i = 0; i < PhoneAddress.REMEMBERED + 10; i++) {
            assertThat(PhoneAddress.check("+1555" + String.format("%07d", i))).isEmpty();
        }
        assertThat(PhoneAddress.rememberedCount()).isBetween(1, PhoneAddress.REMEMBERED);
        assertThat(PhoneAddress.isRemembered("+1555" + String.format("%07d", PhoneAddress.REMEMBERED + 9))).as("the newest").isTrue();
    }
}
