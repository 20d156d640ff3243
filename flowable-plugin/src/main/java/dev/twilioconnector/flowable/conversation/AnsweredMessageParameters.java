package dev.twilioconnector.flowable.conversation;

import dev.twilioconnector.flowable.inbound.SmsReceivedEvent;
import org.flowable.bpmn.constants.BpmnXMLConstants;
import org.flowable.bpmn.model.BaseElement;
import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.ExtensionAttribute;
import org.flowable.bpmn.model.ExtensionElement;
import org.flowable.bpmn.model.IntermediateCatchEvent;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.bpmn.parser.BpmnParse;
import org.flowable.engine.parse.BpmnParseHandler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every element that waits for {@code SMS_RECEIVED} three more {@code flowable:eventOutParameter}s, as if the
 * model had them: {@code messageSid}, {@code from} and {@code to} into the variables of {@link AnsweredMessage}. So
 * each instance knows the message that started or last woke it without the modeller writing the mapping, and
 * Flowable itself sets them, with the other out-parameters, whichever way the event arrives. A mapping the model
 * already has for one of these variables is left as it is.
 *
 * <p>Runs before Flowable's own parse handlers; Flowable reads out-parameters from the parsed model when the event
 * arrives, so they apply to every deployment parsed by this engine, old ones included once they are parsed again.
 */
public final class AnsweredMessageParameters implements BpmnParseHandler {

    /** Event payload field → the variable that keeps it. */
    private static final Map<String, String> KEPT = Map.of(
            SmsReceivedEvent.MESSAGE_SID, AnsweredMessage.SID_VARIABLE,
            SmsReceivedEvent.FROM, AnsweredMessage.FROM_VARIABLE,
            SmsReceivedEvent.TO, AnsweredMessage.TO_VARIABLE);

    /** Adds the handler to the engine's pre-parse handlers, keeping those the application set. */
    public static void install(ProcessEngineConfigurationImpl engine) {
        List<BpmnParseHandler> handlers = new ArrayList<>();
        if (engine.getPreBpmnParseHandlers() != null) {
            handlers.addAll(engine.getPreBpmnParseHandlers());
        }
        handlers.add(new AnsweredMessageParameters());
        engine.setPreBpmnParseHandlers(handlers);
    }

    @Override
    public Collection<Class<? extends BaseElement>> getHandledTypes() {
        return Set.of(StartEvent.class, IntermediateCatchEvent.class, BoundaryEvent.class);
    }

    @Override
    public void parse(BpmnParse bpmnParse, BaseElement element) {
        if (!waitsForSmsReceived(element)) {
            return;
        }
        List<ExtensionElement> mapped = element.getExtensionElements().getOrDefault(BpmnXMLConstants.ELEMENT_EVENT_OUT_PARAMETER, List.of());
        KEPT.forEach((field, variable) -> {
            boolean alreadyMapped = mapped.stream()
                    .anyMatch(parameter -> variable.equals(parameter.getAttributeValue(null, BpmnXMLConstants.ATTRIBUTE_IOPARAMETER_TARGET)));
            if (!alreadyMapped) {
                element.addExtensionElement(outParameter(field, variable));
            }
        });
    }

    private static boolean waitsForSmsReceived(BaseElement element) {
        return element.getExtensionElements().getOrDefault(BpmnXMLConstants.ELEMENT_EVENT_TYPE, List.of()).stream()
                .anyMatch(type -> type.getElementText() != null && SmsReceivedEvent.EVENT_KEY.equals(type.getElementText().trim()));
    }

    /** {@code <flowable:eventOutParameter source="…" target="…"/>}, as Flowable's XML converter would read it. */
    private static ExtensionElement outParameter(String source, String target) {
        ExtensionElement parameter = new ExtensionElement();
        parameter.setName(BpmnXMLConstants.ELEMENT_EVENT_OUT_PARAMETER);
        parameter.setNamespace(BpmnXMLConstants.FLOWABLE_EXTENSIONS_NAMESPACE);
        parameter.setNamespacePrefix(BpmnXMLConstants.FLOWABLE_EXTENSIONS_PREFIX);
        parameter.addAttribute(new ExtensionAttribute(BpmnXMLConstants.ATTRIBUTE_IOPARAMETER_SOURCE, source));
        parameter.addAttribute(new ExtensionAttribute(BpmnXMLConstants.ATTRIBUTE_IOPARAMETER_TARGET, target));
        return parameter;
    }
}
