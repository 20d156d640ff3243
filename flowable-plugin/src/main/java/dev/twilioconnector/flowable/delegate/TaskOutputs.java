package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.flowable.action.OutputFields;
import org.flowable.engine.delegate.BpmnError;
import org.flowable.engine.delegate.DelegateExecution;

/**
 * Writes what every action leaves behind: the result and error variables (always both, under the
 * names the task chose), and the BPMN error {@value OutputFields#ERROR_CODE} when the task asked for
 * {@code failOnError} and something went wrong.
 */
final class TaskOutputs {

    private TaskOutputs() {
    }

    static void write(DelegateExecution execution, TaskInputs inputs, String resultJson, String errorJson) {
        execution.setVariable(name(inputs, execution, OutputFields.RESULT_VARIABLE, OutputFields.DEFAULT_RESULT_VARIABLE), resultJson);
        execution.setVariable(name(inputs, execution, OutputFields.ERROR_VARIABLE, OutputFields.DEFAULT_ERROR_VARIABLE), errorJson);
        if (errorJson != null && inputs.flag(OutputFields.FAIL_ON_ERROR, execution)) {
            throw new BpmnError(OutputFields.ERROR_CODE, errorJson);
        }
    }

    private static String name(TaskInputs inputs, DelegateExecution execution, String option, String fallback) {
        String chosen = inputs.text(option, execution);
        return chosen == null || chosen.isBlank() ? fallback : chosen.trim();
    }
}
