package dev.twilioconnector.flowable.bpmn;

import dev.twilioconnector.flowable.action.TwilioAction;
import dev.twilioconnector.flowable.delegate.ActionDelegates;
import org.apache.commons.lang3.StringUtils;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.common.engine.impl.el.ExpressionManager;
import org.flowable.engine.impl.bpmn.parser.BpmnParse;
import org.flowable.engine.impl.bpmn.parser.handler.ServiceTaskParseHandler;
import org.flowable.engine.impl.util.CommandContextUtil;

/**
 * Takes the place of Flowable's service-task parse handler (as a custom <em>default</em> handler, so
 * multi-instance still wraps the behaviour exactly once) and binds {@code twilioConnector.*} tasks to
 * their delegate, with the task's {@code flowable:mapException} entries. Every other service task is parsed
 * as before.
 */
public class TwilioServiceTaskParseHandler extends ServiceTaskParseHandler {

    private final ActionDelegates delegates;

    public TwilioServiceTaskParseHandler(ActionDelegates delegates) {
        this.delegates = delegates;
    }

    @Override
    protected void executeParse(BpmnParse bpmnParse, ServiceTask serviceTask) {
        if (!TwilioAction.IMPLEMENTATION_TYPE.equals(serviceTask.getImplementationType())) {
            super.executeParse(bpmnParse, serviceTask);
            return;
        }
        TwilioAction action = TwilioAction.of(serviceTask.getImplementation()).orElseThrow(() -> new IllegalStateException(
                TwilioServiceTaskValidator.UNKNOWN_ACTION.formatted(serviceTask.getId(), serviceTask.getImplementation(),
                        String.join(", ", TwilioAction.implementations()))));
        ExpressionManager expressions = CommandContextUtil.getProcessEngineConfiguration().getExpressionManager();
        Expression skip = StringUtils.isEmpty(serviceTask.getSkipExpression())
                ? null : expressions.createExpression(serviceTask.getSkipExpression());
        serviceTask.setBehavior(new TwilioTaskBehavior(
                delegates.create(action, serviceTask, expressions), skip, serviceTask.getMapExceptions()));
    }
}
