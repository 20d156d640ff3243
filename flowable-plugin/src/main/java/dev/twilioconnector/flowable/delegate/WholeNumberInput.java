package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.Refusal;

/** A count as a process holds it: a whole number, or text that spells one. */
final class WholeNumberInput {

    private WholeNumberInput() {
    }

    /**
     * @param refusal what the connector says of a number out of its range, said of a value that is no whole number too
     * @throws InputProblem {@code value} is no whole number
     */
    static Long of(Object value, Refusal refusal) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == number.longValue()) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new InputProblem(refusal.problem(value.toString()));
        }
    }
}
