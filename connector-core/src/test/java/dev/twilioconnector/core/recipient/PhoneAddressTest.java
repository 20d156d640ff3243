package dev.twilioconnector.core.recipient;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

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

    @Test
    void judgesEveryNumberAsParsingItWould() throws Exception {
        PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
        List<Integer> callingCodes = List.copyOf(numbers.getSupportedCallingCodes());
        Random random = new Random(18);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder number = new StringBuilder("+");
            number.append(i % 3 == 0 ? 1 + random.nextInt(999) : callingCodes.get(random.nextInt(callingCodes.size())));
            int nationalDigits = random.nextInt(15 - number.length() + 2);
            for (int digit = 0; digit < nationalDigits; digit++) {
                number.append(random.nextInt(4) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
            String text = number.toString();
            if (!text.matches("\\+[1-9]\\d{1,14}")) {
                continue;
            }
            boolean parsedPossible;
            try {
                parsedPossible = numbers.isPossibleNumber(numbers.parse(text, null));
            } catch (NumberParseException e) {
                parsedPossible = false;
            }
            assertThat(PhoneAddress.isPossible(text)).as(text).isEqualTo(parsedPossible);
        }
    }
}
