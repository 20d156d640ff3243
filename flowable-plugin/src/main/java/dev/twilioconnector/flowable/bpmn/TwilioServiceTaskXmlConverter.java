package dev.twilioconnector.flowable.bpmn;

import dev.twilioconnector.flowable.action.TwilioAction;
import org.apache.commons.lang3.StringUtils;
import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.converter.ServiceTaskXMLConverter;
import org.flowable.bpmn.model.BaseElement;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.ServiceTask;

import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Flowable's service-task converter reads {@code flowable:class}, {@code flowable:expression} and
 * friends but drops the plain BPMN {@code implementation} attribute. This one keeps it when it names a
 * {@code twilioConnector.*} action (and writes it back on export); every other task converts as before.
 */
public class TwilioServiceTaskXmlConverter extends ServiceTaskXMLConverter {

    private static final String IMPLEMENTATION = "implementation";

    /** Puts this converter in place of Flowable's for every BPMN model parsed in this JVM. Idempotent. */
    public static synchronized void register() {
        BpmnXMLConverter.addConverter(new TwilioServiceTaskXmlConverter());
    }

    @Override
    protected BaseElement convertXMLToElement(XMLStreamReader xtr, BpmnModel model) throws Exception {
        // Read before the parent moves the reader past this element's attributes.
        String implementation = xtr.getAttributeValue(null, IMPLEMENTATION);
        BaseElement element = super.convertXMLToElement(xtr, model);
        if (element instanceof ServiceTask task && TwilioAction.isTwilioImplementation(implementation)
                && StringUtils.isEmpty(task.getImplementationType()) && StringUtils.isEmpty(task.getType())) {
            task.setImplementationType(TwilioAction.IMPLEMENTATION_TYPE);
            task.setImplementation(implementation);
        }
        return element;
    }

    @Override
    protected void writeAdditionalAttributes(BaseElement element, BpmnModel model, XMLStreamWriter xtw) throws Exception {
        if (element instanceof ServiceTask task && TwilioAction.IMPLEMENTATION_TYPE.equals(task.getImplementationType())) {
            xtw.writeAttribute(IMPLEMENTATION, task.getImplementation());
        }
        super.writeAdditionalAttributes(element, model, xtw);
    }
}
