package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.EventHandOver;
import dev.twilioconnector.flowable.inbound.Routing;
import dev.twilioconnector.flowable.inbound.SmsReceivedEvent;
import dev.twilioconnector.inbound.trigger.TriggerMatch;
import dev.twilioconnector.inbound.webhook.InboundSms;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

/**
 * Publishes {@code SMS_RECEIVED} to Flowable's event registry (see {@link EventHandOver}): the engine then starts
 * the processes whose start event listens for {@code SMS_RECEIVED} and wakes the one instance the message
 * answers among those waiting for it by its correlation parameters (all of them for a trigger with
 * {@code deliver: all}), in the calling thread.
 */
public final class EventRegistryPublisher implements SmsEventPublisher {

    private final EventHandOver registry;

    public EventRegistryPublisher(EventHandOver registry) {
        this.registry = registry;
    }

    @Override
    public void publish(TriggerMatch match, InboundSms sms) {
        ObjectNode groups = JsonNodeFactory.instance.objectNode();
        match.groups().forEach(groups::put);
        ArrayNode media = JsonNodeFactory.instance.arrayNode();
        sms.mediaUrls().forEach(media::add);
        Map<String, Object> event = new HashMap<>();
        event.put(SmsReceivedEvent.TRIGGER, match.trigger().name());
        event.put(SmsReceivedEvent.FROM, sms.from());
        event.put(SmsReceivedEvent.TO, sms.to());
        event.put(SmsReceivedEvent.ORIGINAL_MESSAGE, sms.body());
        event.put(SmsReceivedEvent.MATCH_GROUPS, groups);
        event.put(SmsReceivedEvent.MESSAGE_SID, sms.messageSid());
        event.put(SmsReceivedEvent.MEDIA_URLS, media);
        registry.send(event, match.trigger().toAll() ? Routing.everyone() : Routing.oneAnswering(sms.from(), sms.messageSid()));
    }
}
