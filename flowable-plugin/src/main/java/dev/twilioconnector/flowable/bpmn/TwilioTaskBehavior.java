package dev.twilioconnector.flowable.bpmn;

import dev.twilioconnector.flowable.action.OutputFields;
import dev.twilioconnector.flowable.action.TwilioProblemException;
import org.flowable.bpmn.model.MapExceptionEntry;
import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.engine.delegate.BpmnError;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.bpmn.behavior.ServiceTaskJavaDelegateActivityBehavior;
import org.flowable.engine.impl.bpmn.helper.ErrorPropagation;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;

import java.util.List;

/**
 * Runs an action's delegate like any Java service task, and treats what it throws as Flowable treats what a
 * {@code flowable:class} delegate throws: a {@link BpmnError} goes to the nearest error boundary event, and an
 * exception the task's {@code flowable:mapException} entries map becomes their BPMN error. The one exception an
 * action throws on purpose, {@link TwilioProblemException} ({@code failOnError}), becomes the BPMN error
 * {@value OutputFields#ERROR_CODE} when no entry maps it; any other exception no entry maps fails the job as before.
 */
class TwilioTaskBehavior extends ServiceTaskJavaDelegateActivityBehavior {

    private static final long serialVersionUID = 1L;

    private final List<MapExceptionEntry> mapExceptions;

    TwilioTaskBehavior(JavaDelegate delegate, Expression skipExpression, List<MapExceptionEntry> mapExceptions) {
        super(delegate, false, skipExpression);
        this.mapExceptions = List.copyOf(mapExceptions);
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            super.execute(execution);
        } catch (BpmnError error) {
            ErrorPropagation.propagateError(error, execution);
        } catch (TwilioProblemException problems) {
            if (!ErrorPropagation.mapException(problems, (ExecutionEntity) execution, mapExceptions)) {
                ErrorPropagation.propagateError(new BpmnError(OutputFields.ERROR_CODE, problems.getMessage()), execution);
            }
        } catch (RuntimeException e) {
            if (!ErrorPropagation.mapException(e, (ExecutionEntity) execution, mapExceptions)) {
                throw e;
            }
        }
    }
}
