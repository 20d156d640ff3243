package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.TwilioProblem;

/**
 * Remembers what became of each recipient of one task execution, so that executing the same task
 * again (a job retry after a failure later in the transaction, another node after a crash) messages
 * nobody twice and still reaches everyone not reached before.
 *
 * <p>Before a request the sender asks {@link #before}; after it, it reports the outcome. Twilio
 * having accepted a message, or possibly having accepted it (no answer, a 5xx), is never followed by
 * another request for the same recipient.
 */
public interface DeliveryJournal {

    /** No memory: every execution sends to every recipient. */
    DeliveryJournal NONE = new DeliveryJournal() {
        @Override
        public Prior before(String recipient) {
            return new Prior.Send();
        }

        @Override
        public void accepted(Accepted accepted) {
        }

        @Override
        public void notAccepted(TwilioProblem problem, boolean mayHaveBeenAccepted) {
        }
    };

    /** What an earlier execution did for {@code recipient}, and so what to do now. */
    Prior before(String recipient);

    void accepted(Accepted accepted);

    /**
     * @param mayHaveBeenAccepted {@code true} when Twilio may have accepted it all the same (5xx,
     *                            no or an unreadable answer); such a recipient is not messaged again
     */
    void notAccepted(TwilioProblem problem, boolean mayHaveBeenAccepted);

    /** What to do for a recipient. */
    sealed interface Prior {
        /** Nothing reached Twilio for this recipient before (or Twilio refused it): send. */
        record Send() implements Prior {
        }

        /** An earlier execution's message was accepted: report it, send nothing. */
        record AlreadyAccepted(Accepted accepted) implements Prior {
        }

        /** An earlier execution may have reached Twilio (cut off, unanswered): report, send nothing. */
        record Uncertain(TwilioProblem problem) implements Prior {
        }
    }
}
