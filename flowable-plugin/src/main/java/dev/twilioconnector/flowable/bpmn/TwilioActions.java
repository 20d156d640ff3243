package dev.twilioconnector.flowable.bpmn;

import dev.twilioconnector.flowable.delegate.ActionDelegates;
import dev.twilioconnector.flowable.expression.MessageSidFunction;
import org.flowable.common.engine.api.delegate.FlowableFunctionDelegate;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.parse.BpmnParseHandler;
import org.flowable.validation.validator.impl.ServiceTaskValidator;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code twilioConnector.*} actions in a process engine: the BPMN {@code implementation} attribute kept
 * when models are read, checked at deployment, bound to its delegate when parsed, and the expression
 * functions the actions' outputs go with. What the application configured in the same places stays.
 */
public final class TwilioActions {

    private TwilioActions() {
    }

    public static void install(ProcessEngineConfigurationImpl engine, ActionDelegates delegates) {
        TwilioServiceTaskXmlConverter.register();

        List<BpmnParseHandler> handlers = new ArrayList<>();
        if (engine.getCustomDefaultBpmnParseHandlers() != null) {
            handlers.addAll(engine.getCustomDefaultBpmnParseHandlers());
        }
        handlers.add(new TwilioServiceTaskParseHandler(delegates));
        engine.setCustomDefaultBpmnParseHandlers(handlers);

        ServiceTaskValidator applications = engine.getCustomServiceTaskValidator();
        if (!(applications instanceof TwilioServiceTaskValidator)) {
            engine.setCustomServiceTaskValidator(new TwilioServiceTaskValidator(applications));
        }

        List<FlowableFunctionDelegate> functions = new ArrayList<>();
        if (engine.getCustomFlowableFunctionDelegates() != null) {
            functions.addAll(engine.getCustomFlowableFunctionDelegates());
        }
        functions.add(new MessageSidFunction());
        engine.setCustomFlowableFunctionDelegates(functions);
    }
}
