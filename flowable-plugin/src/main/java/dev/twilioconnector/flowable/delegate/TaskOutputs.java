package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.flowable.action.OutputFields;
import dev.twilioconnector.flowable.action.TwilioProblemException;
import org.flowable.engine.delegate.DelegateExecution;

/**
 * Writes what every action leaves behind: the result and error variables (always both, under the
 * names the task chose), and, when the task asked for {@code failOnError} and something went wrong, a
 * {@link TwilioProblemException} for the task's behaviour to turn into a BPMN error.
 */
final class TaskOutputs {

    private TaskOutputs() {
    }

    /** @param outcome the outcome in the task's words */
    static void write(DelegateExecution execution, TaskInputs inputs, TaskOutcome outcome) {
        String errorJson = OutputJson.problems(outcome.problems());
        execution.setVariable(name(inputs, execution, OutputFields.RESULT_VARIABLE, OutputFields.DEFAULT_RESULT_VARIABLE),
                outcome.resultJson());
        execution.setVariable(name(inputs, execution, OutputFields.ERROR_VARIABLE, OutputFields.DEFAULT_ERROR_VARIABLE), errorJson);
        if (errorJson != null && inputs.flag(OutputFields.FAIL_ON_ERROR, execution)) {
            throw new TwilioProblemException(outcome.problems(), errorJson);
        }
    }

    private static String name(TaskInputs inputs, DelegateExecution execution, String option, String fallback) {
        String chosen = inputs.text(option, execution);
        return chosen == null || chosen.isBlank() ? fallback : chosen.trim();
    }
}
