package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.SmsReceivedEvent;
import dev.twilioconnector.inbound.trigger.TriggerMatch;
import dev.twilioconnector.inbound.webhook.InboundSms;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes {@code SMS_RECEIVED} to Flowable's event registry (see {@link RegistryEvent}): the engine then starts
 * the processes whose start event listens for {@code SMS_RECEIVED} and wakes the instances waiting
 * for one, by its correlation parameters, in the calling thread.
 */
public final class EventRegistryPublisher implements SmsEventPublisher {

    private final RegistryEvent registry;
    private final ObjectMapper json;

    public EventRegistryPublisher(ProcessEngineConfigurationImpl engine) {
        this.registry = new RegistryEvent(engine, SmsReceivedEvent.EVENT_KEY);
        this.json = engine.getObjectMapper();
    }

    @Override
    public void publish(TriggerMatch match, InboundSms sms) {
        ObjectNode event = json.createObjectNode();
        event.put(SmsReceivedEvent.TRIGGER, match.trigger().name());
        event.put(SmsReceivedEvent.FROM, sms.from());
        event.put(SmsReceivedEvent.TO, sms.to());
        event.put(SmsReceivedEvent.ORIGINAL_MESSAGE, sms.body());
        ObjectNode groups = event.putObject(SmsReceivedEvent.MATCH_GROUPS);
        match.groups().forEach(groups::put);
        event.put(SmsReceivedEvent.MESSAGE_SID, sms.messageSid());
        ArrayNode media = event.putArray(SmsReceivedEvent.MEDIA_URLS);
        sms.mediaUrls().forEach(media::add);
        registry.send(event);
    }
}
