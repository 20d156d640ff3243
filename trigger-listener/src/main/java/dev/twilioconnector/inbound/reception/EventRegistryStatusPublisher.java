package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.SmsStatusEvent;
import dev.twilioconnector.inbound.webhook.DeliveryReport;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes delivery reports to Flowable's event registry as {@code SMS_STATUS} (see {@link RegistryEvent}): the
 * engine wakes the instances waiting for that {@code SMS_STATUS} (by message, recipient, status) and
 * starts the processes that begin with one, in the calling thread.
 */
public final class EventRegistryStatusPublisher implements StatusEventPublisher {

    private final RegistryEvent registry;
    private final ObjectMapper json;

    public EventRegistryStatusPublisher(ProcessEngineConfigurationImpl engine) {
        this.registry = new RegistryEvent(engine, SmsStatusEvent.EVENT_KEY);
        this.json = engine.getObjectMapper();
    }

    @Override
    public void publish(DeliveryReport report) {
        ObjectNode event = json.createObjectNode();
        event.put(SmsStatusEvent.MESSAGE_SID, report.messageSid());
        event.put(SmsStatusEvent.STATUS, report.status());
        event.put(SmsStatusEvent.TO, report.to());
        event.put(SmsStatusEvent.FROM, report.from());
        if (report.errorCode() != null) {
            event.put(SmsStatusEvent.ERROR_CODE, report.errorCode());
        }
        registry.send(event);
    }
}
