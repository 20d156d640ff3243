package dev.twilioconnector.flowable.bpmn;

import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.engine.delegate.BpmnError;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.bpmn.behavior.ServiceTaskJavaDelegateActivityBehavior;
import org.flowable.engine.impl.bpmn.helper.ErrorPropagation;

/**
 * Runs an action's delegate like any Java service task, and hands a {@link BpmnError} it throws
 * ({@code failOnError}) to the nearest error boundary event, as Flowable's class delegates do.
 */
class TwilioTaskBehavior extends ServiceTaskJavaDelegateActivityBehavior {

    private static final long serialVersionUID = 1L;

    TwilioTaskBehavior(JavaDelegate delegate, Expression skipExpression) {
        super(delegate, false, skipExpression);
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            super.execute(execution);
        } catch (BpmnError error) {
            ErrorPropagation.propagateError(error, execution);
        }
    }
}
