package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.TwilioProblem;

import java.util.List;

/**
 * What one send did, recipient by recipient, in the order the recipients were given.
 *
 * @param accepted the messages Twilio accepted
 * @param problems everything that went wrong; empty when all went well
 */
public record SendOutcome(List<Accepted> accepted, List<TwilioProblem> problems) {

    public SendOutcome {
        accepted = List.copyOf(accepted);
        problems = List.copyOf(problems);
    }

    /** Nothing was sent: {@code problem} concerns the whole send. */
    public static SendOutcome refused(TwilioProblem problem) {
        return new SendOutcome(List.of(), List.of(problem));
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
