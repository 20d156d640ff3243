package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.inbound.trigger.TriggerMatch;
import dev.twilioconnector.inbound.webhook.InboundSms;

/** Hands a matched message to the engine as an {@code SMS_RECEIVED} event; throws when the engine refuses it. */
@FunctionalInterface
public interface SmsEventPublisher {

    void publish(TriggerMatch match, InboundSms sms);
}
