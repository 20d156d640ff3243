package dev.twilioconnector.flowable.action;

import dev.twilioconnector.core.TwilioProblem;

import java.util.List;

/**
 * What a {@code twilioConnector.*} task with {@code failOnError} throws when something went wrong, after
 * setting both outputs. A {@code flowable:mapException} entry of the task (or of a call activity above it)
 * naming this class maps it to a BPMN error, as for any Java service task; when none does, the task throws
 * the BPMN error {@value OutputFields#ERROR_CODE} instead.
 *
 * <p>Its message is the task's {@code twilioError} text.
 */
public class TwilioProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<TwilioProblem> problems;

    public TwilioProblemException(List<TwilioProblem> problems, String errorJson) {
        super(errorJson);
        this.problems = List.copyOf(problems);
    }

    /** What went wrong, in the task's words: the entries of {@code twilioError}. */
    public List<TwilioProblem> problems() {
        return problems;
    }
}
