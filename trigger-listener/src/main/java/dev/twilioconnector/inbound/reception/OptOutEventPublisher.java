package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.inbound.webhook.InboundSms;

/** Hands a message Twilio marked with {@code OptOutType} to the engine as an {@code SMS_OPT_OUT} event; throws when the engine refuses it. */
@FunctionalInterface
public interface OptOutEventPublisher {

    /** Publishes nothing: for a reception that only matches triggers, as in tests of the trigger path. */
    OptOutEventPublisher NONE = sms -> {
    };

    void publish(InboundSms sms);
}
