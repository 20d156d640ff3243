package dev.twilioconnector.flowable.conversation;

import org.flowable.variable.api.delegate.VariableScope;

import java.util.Optional;

/**
 * The incoming message a process instance answers: the one that started it or last woke it. Every element
 * that waits for {@code SMS_RECEIVED} (start, intermediate catch, boundary, event sub-process start) keeps the
 * message's SID, sender and the number it was sent to in these three process variables
 * ({@link AnsweredMessageParameters}); {@code twilioConnector.REPLY} reads them.
 *
 * @param sid  the message's {@code MessageSid}; {@code null} for an event fed in without one
 * @param from who sent it: whom a reply goes to
 * @param to   the number it was sent to: the number a reply comes from; {@code null} for an event fed in without one
 */
public record AnsweredMessage(String sid, String from, String to) {

    public static final String SID_VARIABLE = "twilioMessageSid";
    public static final String FROM_VARIABLE = "twilioMessageFrom";
    public static final String TO_VARIABLE = "twilioMessageTo";

    /** The message {@code scope} last took, or empty when no {@code SMS_RECEIVED} started or woke it. */
    public static Optional<AnsweredMessage> of(VariableScope scope) {
        Object from = scope.getVariable(FROM_VARIABLE);
        if (from == null || from.toString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AnsweredMessage(text(scope.getVariable(SID_VARIABLE)), from.toString(), text(scope.getVariable(TO_VARIABLE))));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
