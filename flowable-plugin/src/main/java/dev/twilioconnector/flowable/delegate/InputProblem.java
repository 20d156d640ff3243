package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioProblem;
import org.flowable.common.engine.api.FlowableException;

/**
 * A task input that cannot become a value of the typed request (an expression that fails, text that is no
 * date, a JSON array that cannot be read): the task ends with it in {@code twilioError} and asks Twilio nothing.
 */
final class InputProblem extends FlowableException {

    private static final long serialVersionUID = 1L;

    private final transient TwilioProblem problem;

    InputProblem(TwilioProblem problem) {
        super(problem.message());
        this.problem = problem;
    }

    /** A problem of the whole request, already in the task's words. */
    InputProblem(String message) {
        this(TwilioProblem.ofWholeRequest(message));
    }

    TwilioProblem problem() {
        return problem;
    }
}
