package dev.twilioconnector.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A refusal's text names parameters in Twilio's words, and in any other vocabulary a caller brings. */
class RefusalTest {

    private static final Vocabulary TASK = name -> Map.of(Vocabulary.REQUEST, "the task", "From", "smsFrom", "Body", "smsBody")
            .getOrDefault(name, name);

    @Test
    void speaksTwiliosWordsByDefault() {
        TwilioProblem problem = Refusal.INVALID_FROM.problem("0049-123");

        assertThat(problem.message()).isEqualTo("From '0049-123' is neither an E.164 number nor an alphanumeric sender ID");
        assertThat(problem.code()).isEqualTo(21212);
        assertThat(problem.values()).containsExactly("0049-123");
        assertThat(Refusal.NO_SENDER.problem().message()).startsWith("no sender: set From on the request, or TWILIO_FROM");
    }

    @Test
    void speaksACallersWordsWhereItHasThem() {
        assertThat(Refusal.NO_SENDER.problem().in(TASK).message()).startsWith("no sender: set smsFrom on the task, or TWILIO_FROM");
        assertThat(Refusal.BODY_TOO_LONG.problemFor("+15551230001").in(TASK).message())
                .isEqualTo("the message is longer than 1600 characters (rendering smsBody stopped there); Twilio accepts at most 1600");
    }

    @Test
    void neverRewordsTheValuesItNames() {
        assertThat(Refusal.INVALID_FROM.problem("Body From").in(TASK).message())
                .isEqualTo("smsFrom 'Body From' is neither an E.164 number nor an alphanumeric sender ID");
    }

    @Test
    void keepsWhatTwilioSaidAsItSaidIt() {
        TwilioProblem stated = new TwilioProblem("+15551230001", 21211, 400, "The 'To' number is not a valid phone number.");

        assertThat(stated.in(TASK)).isSameAs(stated);
    }
}
