package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.flowable.action.TaskWording;

import java.util.List;

/**
 * What one action leaves behind, before it is written to the execution.
 *
 * @param resultJson the text of {@code twilioResult}
 * @param problems   the entries of {@code twilioError}; none when all went well
 */
record TaskOutcome(String resultJson, List<TwilioProblem> problems) {

    TaskOutcome {
        problems = List.copyOf(problems);
    }

    TaskOutcome in(TaskWording wording) {
        return new TaskOutcome(resultJson, problems.stream().map(wording::of).toList());
    }
}
