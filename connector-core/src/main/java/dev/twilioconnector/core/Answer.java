package dev.twilioconnector.core;

/**
 * What an action that reads or asks for one thing got: the thing, or the problem that kept it away.
 *
 * @param value   what Twilio answered, or {@code null} when there is a problem
 * @param problem why there is no value, or {@code null}
 */
public record Answer<T>(T value, TwilioProblem problem) {

    public static <T> Answer<T> of(T value) {
        return new Answer<>(value, null);
    }

    public static <T> Answer<T> failed(TwilioProblem problem) {
        return new Answer<>(null, problem);
    }

    public boolean hasProblem() {
        return problem != null;
    }
}
