package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.EventHandOver;
import dev.twilioconnector.flowable.inbound.SmsOptOutEvent;
import dev.twilioconnector.inbound.webhook.InboundSms;

import java.util.HashMap;
import java.util.Map;

/**
 * Publishes opt-out keywords to Flowable's event registry as {@code SMS_OPT_OUT} (see {@link EventHandOver}): the
 * engine starts the processes that begin with one and wakes every instance waiting for it (by sender and
 * {@code optOutType}), in the calling thread. Every one, not only the last texter's: a person who opted out
 * has opted out of all of them.
 */
public final class EventRegistryOptOutPublisher implements OptOutEventPublisher {

    private final EventHandOver registry;

    public EventRegistryOptOutPublisher(EventHandOver registry) {
        this.registry = registry;
    }

    @Override
    public void publish(InboundSms sms) {
        Map<String, Object> event = new HashMap<>();
        event.put(SmsOptOutEvent.FROM, sms.from());
        event.put(SmsOptOutEvent.TO, sms.to());
        event.put(SmsOptOutEvent.OPT_OUT_TYPE, sms.optOutType());
        event.put(SmsOptOutEvent.MESSAGE_SID, sms.messageSid());
        registry.send(event);
    }
}
