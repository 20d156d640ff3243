package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.flowable.action.TwilioAction;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every {@code twilioConnector.*} task does: turn its inputs into the action's typed request, let the
 * connector answer it, and complete with {@code twilioResult} / {@code twilioError} in the task's words. An
 * input that cannot even make a request ends in {@code twilioError} too, never in a failed job.
 */
abstract class ActionDelegate implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(ActionDelegate.class);

    private final TwilioAction action;
    private final String resultWhenRefused;
    private final TaskInputs inputs;
    private final Supplier<TwilioConnector> connector;

    /** @param resultWhenRefused {@code twilioResult} when no request could be made: {@code null}, or {@code []} for a list */
    ActionDelegate(TwilioAction action, String resultWhenRefused, TaskInputs inputs, Supplier<TwilioConnector> connector) {
        this.action = action;
        this.resultWhenRefused = resultWhenRefused;
        this.inputs = inputs;
        this.connector = connector;
    }

    @Override
    public final void execute(DelegateExecution execution) {
        TaskOutcome outcome;
        try {
            outcome = run(inputs, execution, connector.get());
        } catch (InputProblem e) {
            outcome = new TaskOutcome(resultWhenRefused, List.of(e.problem()));
        }
        TaskOutcome worded = outcome.in(action.wording());
        if (!worded.problems().isEmpty()) {
            LOG.warn("{} in process instance {} (activity {}): {} problem(s); first: {}", action, execution.getProcessInstanceId(),
                    execution.getCurrentActivityId(), worded.problems().size(), worded.problems().get(0).message());
        }
        TaskOutputs.write(execution, inputs, worded);
    }

    /**
     * The request from the task's inputs, answered by {@code client}.
     *
     * @throws InputProblem an input cannot become a value of the request
     */
    abstract TaskOutcome run(TaskInputs inputs, DelegateExecution execution, TwilioClient client);

    /** The answer's value as JSON for {@code twilioResult}, or its problem. */
    <T> TaskOutcome outcome(Answer<T> answer, Function<T, String> json) {
        return answer.hasProblem()
                ? new TaskOutcome(resultWhenRefused, List.of(answer.problem()))
                : new TaskOutcome(json.apply(answer.value()), List.of());
    }
}
