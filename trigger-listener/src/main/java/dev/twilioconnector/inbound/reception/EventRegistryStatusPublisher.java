package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.EventHandOver;
import dev.twilioconnector.flowable.inbound.SmsStatusEvent;
import dev.twilioconnector.inbound.webhook.DeliveryReport;

import java.util.HashMap;
import java.util.Map;

/**
 * Publishes delivery reports to Flowable's event registry as {@code SMS_STATUS} (see {@link EventHandOver}): the
 * engine wakes the instances waiting for that {@code SMS_STATUS} (by message, recipient, status) and
 * starts the processes that begin with one, in the calling thread.
 */
public final class EventRegistryStatusPublisher implements StatusEventPublisher {

    private final EventHandOver registry;

    public EventRegistryStatusPublisher(EventHandOver registry) {
        this.registry = registry;
    }

    @Override
    public void publish(DeliveryReport report) {
        Map<String, Object> event = new HashMap<>();
        event.put(SmsStatusEvent.MESSAGE_SID, report.messageSid());
        event.put(SmsStatusEvent.STATUS, report.status());
        event.put(SmsStatusEvent.TO, report.to());
        event.put(SmsStatusEvent.FROM, report.from());
        event.put(SmsStatusEvent.ERROR_CODE, report.errorCode());
        registry.send(event);
    }
}
