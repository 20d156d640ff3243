package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.SmsEventDefinitions;
import dev.twilioconnector.flowable.inbound.SmsStatusEvent;
import dev.twilioconnector.inbound.webhook.DeliveryReport;
import org.flowable.common.engine.impl.interceptor.EngineConfigurationConstants;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.eventregistry.impl.EventRegistryEngineConfiguration;
import org.flowable.eventregistry.model.InboundChannelModel;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes delivery reports through Flowable's event registry on the plugin's status channel: the
 * engine wakes the instances waiting for that {@code SMS_STATUS} (by message, recipient, status) and
 * starts the processes that begin with one, in the calling thread.
 */
public final class EventRegistryStatusPublisher implements StatusEventPublisher {

    private final ProcessEngineConfigurationImpl engine;
    /** Looked up on first use: finding the channel asks the database for its latest version every time. */
    private volatile InboundChannelModel channel;

    public EventRegistryStatusPublisher(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    @Override
    public void publish(DeliveryReport report) {
        ObjectNode event = engine.getObjectMapper().createObjectNode();
        event.put(SmsStatusEvent.MESSAGE_SID, report.messageSid());
        event.put(SmsStatusEvent.STATUS, report.status());
        event.put(SmsStatusEvent.TO, report.to());
        event.put(SmsStatusEvent.FROM, report.from());
        if (report.errorCode() != null) {
            event.put(SmsStatusEvent.ERROR_CODE, report.errorCode());
        }
        EventRegistryEngineConfiguration registry = (EventRegistryEngineConfiguration)
                engine.getEngineConfigurations().get(EngineConfigurationConstants.KEY_EVENT_REGISTRY_CONFIG);
        registry.getEventRegistry().eventReceived(channel(), event.toString());
    }

    private InboundChannelModel channel() {
        InboundChannelModel known = channel;
        if (known == null) {
            known = SmsEventDefinitions.statusChannel(engine);
            channel = known;
        }
        return known;
    }
}
