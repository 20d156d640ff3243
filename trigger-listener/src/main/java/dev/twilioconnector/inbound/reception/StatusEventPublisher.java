package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.inbound.webhook.DeliveryReport;

/** Hands a delivery report to the engine as an {@code SMS_STATUS} event; throws when the engine refuses it. */
@FunctionalInterface
public interface StatusEventPublisher {

    void publish(DeliveryReport report);
}
