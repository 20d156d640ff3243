package dev.twilioconnector.sample.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * One message the sandbox has seen: sent by the connector through {@link SandboxApi}, or sent by
 * {@link SandboxPhone} to the application's webhook.
 *
 * @param sid       Twilio-style message SID, {@code SM} and 32 lowercase hex digits
 * @param direction {@value #OUTBOUND} (the application sent it) or {@value #INBOUND} (a person sent it)
 * @param from      sender
 * @param to        recipient
 * @param body      the text, {@code ""} for a media-only message
 * @param status    for outbound {@code queued}, then {@code sent} and {@code delivered} (or {@code undelivered}) as the
 *                  sandbox reports them; {@code received} for inbound
 * @param createdAt when the sandbox took it
 * @param mediaUrls attached media, in order
 * @param reply     for inbound messages the text of the application's TwiML reply ({@code null} for {@code <Response/>}
 *                  or when the webhook refused the message); always {@code null} for outbound ones
 */
public record SandboxMessage(String sid, String direction, String from, String to, String body, String status,
                             Instant createdAt, List<String> mediaUrls, String reply) {

    public static final String OUTBOUND = "outbound-api";
    public static final String INBOUND = "inbound";
    public static final String QUEUED = "queued";
    public static final String RECEIVED = "received";
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String UNDELIVERED = "undelivered";

    public SandboxMessage {
        body = body == null ? "" : body;
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    public boolean isOutbound() {
        return OUTBOUND.equals(direction);
    }

    public boolean isInbound() {
        return INBOUND.equals(direction);
    }

    SandboxMessage withStatus(String newStatus) {
        return new SandboxMessage(sid, direction, from, to, body, newStatus, createdAt, mediaUrls, reply);
    }

    SandboxMessage withReply(String replyText) {
        return new SandboxMessage(sid, direction, from, to, body, status, createdAt, mediaUrls, replyText);
    }
}
