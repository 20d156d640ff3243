package dev.twilioconnector.core;

import java.util.List;

/**
 * One thing that went wrong in a request to Twilio, whichever action it was.
 *
 * @param recipient the recipient it concerns, or {@code null} when it concerns the whole request (then nothing was sent)
 * @param code      Twilio's error code (e.g. 21211), or {@code null}
 * @param status    the HTTP status Twilio answered with, or {@code null} when no answer was had
 * @param message   what is wrong, in words; never a secret
 * @param refusal   why the connector refused without asking Twilio, or {@code null} when Twilio (or the way to it) failed
 * @param values    the values the refusal's text names, in its order; empty without a refusal
 */
public record TwilioProblem(String recipient, Integer code, Integer status, String message, Refusal refusal, List<String> values) {

    public TwilioProblem {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** A problem Twilio stated, or a failure on the way to it. */
    public TwilioProblem(String recipient, Integer code, Integer status, String message) {
        this(recipient, code, status, message, null, List.of());
    }

    /** A problem of the whole request, without a code. */
    public static TwilioProblem ofWholeRequest(String message) {
        return new TwilioProblem(null, null, null, message);
    }

    public boolean concernsWholeRequest() {
        return recipient == null;
    }

    /** This problem with a refusal's text in {@code words}; a problem Twilio stated keeps Twilio's text. */
    public TwilioProblem in(Vocabulary words) {
        return refusal == null ? this : withMessage(refusal.text(words, values));
    }

    public TwilioProblem withMessage(String text) {
        return new TwilioProblem(recipient, code, status, text, refusal, values);
    }
}
