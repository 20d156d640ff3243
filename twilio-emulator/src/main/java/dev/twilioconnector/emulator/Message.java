package dev.twilioconnector.emulator;

import java.time.Instant;
import java.util.List;

/**
 * One message the emulator holds, as Twilio's Message resource has it: sent by the application through
 * the Messages API ({@value #OUTBOUND_API}), texted to the application by a {@link Phone}
 * ({@value #INBOUND}), or the application's TwiML reply to such a text ({@value #OUTBOUND_REPLY}).
 *
 * @param sid                 {@code SM} and 32 hex digits
 * @param accountSid          the account it belongs to
 * @param direction           {@value #OUTBOUND_API}, {@value #INBOUND} or {@value #OUTBOUND_REPLY}
 * @param from                the sender (for a Messaging Service without {@code From}, the account's number)
 * @param to                  the recipient
 * @param body                the text, {@code ""} for a media-only message
 * @param status              {@code queued}, then {@code sent} and {@code delivered} (or {@code undelivered},
 *                            {@code failed}) as status reports go out; {@code scheduled} for a message with
 *                            {@code SendAt}; {@code received} for inbound ones
 * @param errorCode           Twilio's error code of an undelivered or failed message, else {@code null}
 * @param messagingServiceSid the Messaging Service ({@code MG…}) it was sent through, else {@code null}
 * @param mediaUrls           attached media, in order
 * @param statusCallback      where its status reports go, else {@code null}
 * @param dateCreated         when the emulator took it
 * @param dateSent            when it was reported sent (inbound: received), else {@code null}
 * @param dateUpdated         when its status last changed
 * @param reply               for an inbound message, the text of the application's TwiML reply ({@code null}
 *                            for {@code <Response/>} or when the webhook refused it); else {@code null}
 */
public record Message(String sid, String accountSid, String direction, String from, String to, String body, String status,
                      Integer errorCode, String messagingServiceSid, List<String> mediaUrls, String statusCallback,
                      Instant dateCreated, Instant dateSent, Instant dateUpdated, String reply) {

    public static final String OUTBOUND_API = "outbound-api";
    public static final String OUTBOUND_REPLY = "outbound-reply";
    public static final String INBOUND = "inbound";

    public static final String QUEUED = "queued";
    public static final String SCHEDULED = "scheduled";
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String UNDELIVERED = "undelivered";
    public static final String FAILED = "failed";
    public static final String RECEIVED = "received";

    public Message {
        body = body == null ? "" : body;
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    /**
     * A message the application sent through the API at {@code at}, in {@code status}: for a test to put
     * history into the emulator ({@link TwilioEmulator#addMessage}) before fetching or listing it.
     */
    public static Message outbound(String accountSid, String from, String to, String body, String status, Instant at) {
        boolean travelled = !QUEUED.equals(status) && !SCHEDULED.equals(status) && !FAILED.equals(status);
        return new Message(Sids.message(), accountSid, OUTBOUND_API, from, to, body, status, null, null, List.of(), null, at,
                travelled ? at : null, at, null);
    }

    /** When it was sent, or (not sent yet) created: what Twilio's {@code DateSent} filters look at. */
    public Instant sentOrCreated() {
        return dateSent != null ? dateSent : dateCreated;
    }

    /** Whether the application sent it (through the API or as a TwiML reply). */
    public boolean isOutbound() {
        return !INBOUND.equals(direction);
    }

    public boolean isInbound() {
        return INBOUND.equals(direction);
    }

    Message withStatus(String newStatus, Integer newErrorCode, Instant now) {
        Instant sent = dateSent == null && SENT.equals(newStatus) ? now : dateSent;
        return new Message(sid, accountSid, direction, from, to, body, newStatus, newErrorCode, messagingServiceSid, mediaUrls,
                statusCallback, dateCreated, sent, now, reply);
    }

    Message withReply(String replyText) {
        return new Message(sid, accountSid, direction, from, to, body, status, errorCode, messagingServiceSid, mediaUrls,
                statusCallback, dateCreated, dateSent, dateUpdated, replyText);
    }
}
