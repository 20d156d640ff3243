package dev.twilioconnector.flowable.delegate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code smsTo} in every form a process holds it, read into the addresses a send takes. */
class RecipientInputTest {

    private static final String A = "+15551230001";
    private static final String B = "+15551230002";
    private static final String C = "+447700900123";

    @ParameterizedTest
    @ValueSource(strings = {
            "+15551230001,+15551230002,+447700900123",
            "+15551230001;+15551230002;+447700900123",
            "+15551230001 +15551230002\t+447700900123",
            "+15551230001\n+15551230002\r\n+447700900123\n",
            " +15551230001 , +15551230002 ;\n +447700900123 ,, ;",
    })
    void splitsText(String text) {
        assertThat(RecipientInput.addresses(text)).containsExactly(A, B, C);
    }

    @Test
    void acceptsOtherCharSequences() {
        assertThat(RecipientInput.addresses(new StringBuilder(A + "," + B))).containsExactly(A, B);
    }

    @Test
    void readsJsonArrayText() {
        assertThat(RecipientInput.addresses("  [\"+15551230001\", \" +15551230002 \", \"\", \"+447700900123\"]  ")).containsExactly(A, B, C);
    }

    @Test
    void readsListsOtherCollectionsAndArrays() {
        assertThat(RecipientInput.addresses(List.of(A, B, C))).containsExactly(A, B, C);
        assertThat(RecipientInput.addresses(new LinkedHashSet<>(List.of(C, A)))).containsExactly(C, A);
        assertThat(RecipientInput.addresses(new String[] {A, B, C})).containsExactly(A, B, C);
    }

    @Test
    void skipsNullAndBlankElements() {
        List<Object> withGaps = new ArrayList<>(Arrays.asList(A, null, " ", B));
        assertThat(RecipientInput.addresses(withGaps)).containsExactly(A, B);
        assertThat(RecipientInput.addresses(new Object[] {null, C})).containsExactly(C);
    }

    @Test
    void keepsDuplicatesAndInvalidEntriesForTheConnectorToJudge() {
        assertThat(RecipientInput.addresses(B + ", 0049123, " + B)).containsExactly(B, "0049123", B);
    }

    @Test
    void nothingGivenIsNoAddress() {
        assertThat(RecipientInput.addresses(null)).isEmpty();
        assertThat(RecipientInput.addresses("")).isEmpty();
        assertThat(RecipientInput.addresses("  ,; \n")).isEmpty();
        assertThat(RecipientInput.addresses(List.of(" ", ""))).isEmpty();
        assertThat(RecipientInput.addresses(new String[0])).isEmpty();
        assertThat(RecipientInput.addresses("[]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "[\"+15551230001\"", "[\"+15551230001\",]x", "[+15551230001]"})
    void malformedJsonIsAProblemOfTheWholeSend(String text) {
        assertProblem(text, "smsTo looks like a JSON array but cannot be read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"to\":\"+15551230001\"}", " {\"to\": \"+15551230001\", \"cc\": \"+15551230002\"} "})
    void aJsonObjectIsAProblemOfTheWholeSend(String text) {
        assertProblem(text, "smsTo looks like a JSON array but cannot be read: it is not an array");
    }

    @Test
    void aJsonArrayOfAnythingButNumbersIsAProblemOfTheWholeSend() {
        assertProblem("[{\"to\":\"+15551230001\"}]", "smsTo looks like a JSON array but cannot be read");
        assertProblem("[null]", "smsTo looks like a JSON array but cannot be read");
    }

    @Test
    void anUnsupportedTypeIsAProblemOfTheWholeSend() {
        assertProblem(Integer.valueOf(5551230), "smsTo must be text, a collection, an array or a JSON array of phone numbers, not Integer");
        assertProblem(Map.of("to", A), "smsTo must be text, a collection, an array");
    }

    private static void assertProblem(Object raw, String messageStart) {
        assertThatThrownBy(() -> RecipientInput.addresses(raw)).isInstanceOfSatisfying(InputProblem.class, e -> {
            assertThat(e.problem().concernsWholeRequest()).isTrue();
            assertThat(e.problem().status()).isNull();
            assertThat(e.problem().message()).startsWith(messageStart);
        });
    }
}
