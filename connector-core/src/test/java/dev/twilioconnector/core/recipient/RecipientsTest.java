package dev.twilioconnector.core.recipient;

import dev.twilioconnector.core.sms.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientsTest {

    private static final String A = "+15551230001";
    private static final String B = "+15551230002";
    private static final String C = "+447700900123";

    private static void assertWholeSendProblem(RecipientList list, String messageStart) {
        assertThat(list.valid()).isEmpty();
        assertThat(list.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.to()).isNull();
            assertThat(problem.status()).isNull();
            assertThat(problem.message()).startsWith(messageStart);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "+15551230001,+15551230002,+447700900123",
            "+15551230001;+15551230002;+447700900123",
            "+15551230001 +15551230002\t+447700900123",
            "+15551230001\n+15551230002\r\n+447700900123\n",
            " +15551230001 , +15551230002 ;\n +447700900123 ,, ;",
    })
    void splitsText(String text) {
        RecipientList list = Recipients.parse(text);
        assertThat(list.valid()).containsExactly(A, B, C);
        assertThat(list.problems()).isEmpty();
    }

    @Test
    void acceptsOtherCharSequences() {
        assertThat(Recipients.parse(new StringBuilder(A + "," + B)).valid()).containsExactly(A, B);
    }

    @Test
    void readsJsonArrayText() {
        RecipientList list = Recipients.parse("  [\"+15551230001\", \" +15551230002 \", \"\", \"+447700900123\"]  ");
        assertThat(list.valid()).containsExactly(A, B, C);
        assertThat(list.problems()).isEmpty();
    }

    @Test
    void readsList() {
        assertThat(Recipients.parse(List.of(A, B, C)).valid()).containsExactly(A, B, C);
    }

    @Test
    void readsOtherCollections() {
        assertThat(Recipients.parse(new LinkedHashSet<>(List.of(C, A))).valid()).containsExactly(C, A);
    }

    @Test
    void readsStringArray() {
        assertThat(Recipients.parse(new String[] {A, B, C}).valid()).containsExactly(A, B, C);
    }

    @Test
    void readsObjectArrayAndSkipsNullAndBlankElements() {
        List<Object> withGaps = new ArrayList<>(Arrays.asList(A, null, " ", B));
        assertThat(Recipients.parse(withGaps).valid()).containsExactly(A, B);
        assertThat(Recipients.parse(new Object[] {null, C}).valid()).containsExactly(C);
    }

    @Test
    void collapsesDuplicatesKeepingFirstOrder() {
        RecipientList list = Recipients.parse("+15551230002, +15551230001, +15551230002, +15551230001, +447700900123");
        assertThat(list.valid()).containsExactly(B, A, C);
        assertThat(list.problems()).isEmpty();
    }

    @Test
    void acceptsWhatsAppAndNormalisesThePrefix() {
        RecipientList list = Recipients.parse(List.of("whatsapp:+15551230001", "WhatsApp:+15551230002", "WHATSAPP:+15551230001", A));
        assertThat(list.valid()).containsExactly("whatsapp:+15551230001", "whatsapp:+15551230002", A);
        assertThat(list.problems()).isEmpty();
    }

    @Test
    void eachInvalidEntryIsItsOwnProblemAndValidOnesStay() {
        RecipientList list = Recipients.parse(List.of("12345", A, "+1 555", "abc", B, "+1555", "whatsapp:12345"));

        assertThat(list.valid()).containsExactly(A, B);
        assertThat(list.problems()).extracting(Problem::to)
                .containsExactly("12345", "+1 555", "abc", "+1555", "whatsapp:12345");
        assertThat(list.problems()).allSatisfy(problem -> {
            assertThat(problem.code()).isEqualTo(PhoneAddress.INVALID_NUMBER_CODE).isEqualTo(21211);
            assertThat(problem.status()).isNull();
            assertThat(problem.message()).contains("'" + problem.to() + "'");
        });
        assertThat(list.problems().get(0).message()).isEqualTo(PhoneAddress.NOT_E164.formatted("12345"));
        assertThat(list.problems().get(3).message()).isEqualTo(PhoneAddress.NOT_POSSIBLE.formatted("+1555"));
    }

    @Test
    void invalidEntriesInTextAreReportedToo() {
        RecipientList list = Recipients.parse("+15551230001, 0049123, +15551230002");
        assertThat(list.valid()).containsExactly(A, B);
        assertThat(list.problems()).extracting(Problem::to).containsExactly("0049123");
    }

    @Test
    void onlyInvalidEntriesGiveNoValidRecipients() {
        RecipientList list = Recipients.parse("abc");
        assertThat(list.valid()).isEmpty();
        assertThat(list.problems()).singleElement().extracting(Problem::to).isEqualTo("abc");
    }

    @Test
    void emptyStringIsNoRecipient() {
        assertWholeSendProblem(Recipients.parse(""), Recipients.NO_RECIPIENTS);
        assertWholeSendProblem(Recipients.parse("  ,; \n"), Recipients.NO_RECIPIENTS);
    }

    @Test
    void nullIsNoRecipient() {
        assertWholeSendProblem(Recipients.parse(null), Recipients.NO_RECIPIENTS);
    }

    @Test
    void emptyCollectionsAreNoRecipient() {
        assertWholeSendProblem(Recipients.parse(List.of()), Recipients.NO_RECIPIENTS);
        assertWholeSendProblem(Recipients.parse(new String[0]), Recipients.NO_RECIPIENTS);
        assertWholeSendProblem(Recipients.parse("[]"), Recipients.NO_RECIPIENTS);
        assertWholeSendProblem(Recipients.parse(List.of(" ", "")), Recipients.NO_RECIPIENTS);
    }

    @Test
    void noRecipientsProblemIsExact() {
        assertThat(Recipients.parse(null).problems())
                .containsExactly(new Problem(null, null, null, Recipients.NO_RECIPIENTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "[\"+15551230001\"", "[\"+15551230001\",]x", "[+15551230001]"})
    void malformedJsonIsWholeSendProblem(String text) {
        assertWholeSendProblem(Recipients.parse(text), "smsTo looks like a JSON array but cannot be read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"to\":\"+15551230001\"}", " {\"to\": \"+15551230001\", \"cc\": \"+15551230002\"} "})
    void jsonObjectIsWholeSendProblem(String text) {
        RecipientList list = Recipients.parse(text);
        assertWholeSendProblem(list, "smsTo looks like a JSON array but cannot be read");
        assertThat(list.problems().get(0).message()).contains("not an array");
    }

    @Test
    void jsonArrayOfObjectsIsWholeSendProblem() {
        assertWholeSendProblem(Recipients.parse("[{\"to\":\"+15551230001\"}]"), "smsTo looks like a JSON array but cannot be read");
        assertWholeSendProblem(Recipients.parse("[null]"), "smsTo looks like a JSON array but cannot be read");
    }

    @Test
    void unsupportedTypeIsWholeSendProblem() {
        RecipientList list = Recipients.parse(Integer.valueOf(5551230));
        assertWholeSendProblem(list, "smsTo must be text, a collection, an array");
        assertThat(list.problems().get(0).message()).isEqualTo(Recipients.UNSUPPORTED_TYPE.formatted("Integer"));
        assertWholeSendProblem(Recipients.parse(Map.of("to", A)), "smsTo must be text, a collection, an array");
    }

    @Test
    void listsAreImmutable() {
        RecipientList list = Recipients.parse(A);
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
