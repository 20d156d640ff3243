package dev.twilioconnector.sample.console;

import java.time.Instant;
import java.util.List;

/**
 * One message of a {@link Conversation}.
 *
 * @param sid       Twilio's message SID
 * @param direction Twilio's: {@value #INBOUND} (the person texted), {@code outbound-api} (a process sent it) or
 *                  {@value #WEBHOOK_REPLY} (the webhook's TwiML answer)
 * @param text      what it says
 * @param status    Twilio's status: {@code received}, {@code delivered}, {@code undelivered}, …
 * @param at        when Twilio took it
 * @param instances for a message the person texted, the process instances it started or woke; for one sent, the
 *                  instance that sent it; empty when no instance is known (a text that started or woke none, or
 *                  the webhook's reply, whether a trigger's echo or a process's REPLY)
 */
public record ConversationMessage(String sid, String direction, String text, String status, Instant at,
                                  List<InstanceLink> instances) {

    public static final String INBOUND = "inbound";
    public static final String WEBHOOK_REPLY = "outbound-reply";

    public boolean isInbound() {
        return INBOUND.equals(direction);
    }

    public boolean isWebhookReply() {
        return WEBHOOK_REPLY.equals(direction);
    }
}
