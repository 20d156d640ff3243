package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.WebhookReply;
import dev.twilioconnector.inbound.webhook.InboundSms;

/** Sends the reply to a message whose webhook already answered without it. */
@FunctionalInterface
public interface LateReply {

    /** Sends {@code text} to the sender of {@code sms}, from the number it was sent to. */
    void send(InboundSms sms, String text);

    /** Sends {@code reply} as {@link #send(InboundSms, String)} sends a text; this one sends its text alone, without media. */
    default void send(InboundSms sms, WebhookReply reply) {
        if (reply.text() != null) {
            send(sms, reply.text());
        }
    }
}
