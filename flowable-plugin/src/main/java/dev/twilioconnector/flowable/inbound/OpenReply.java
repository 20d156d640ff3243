package dev.twilioconnector.flowable.inbound;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The webhook's answer to one incoming message, open while that message is handed to the engine on this thread
 * and the webhook still waits: a {@code twilioConnector.REPLY} that the hand-over reaches without a wait state gives
 * its text here, and the webhook answers with it (TwiML) instead of the trigger's echo, so nothing goes through the
 * REST API and no second message is paid for.
 *
 * <p>Bound to the thread because the hand-over is one engine command on the thread that opens this: a REPLY in a
 * job, after a timer or a user task, or on another node finds nothing open and sends through the REST API. One
 * REPLY gives the answer; a second one to the same message (another instance it reached) sends through the REST
 * API. The webhook reads the answer only after the hand-over has committed; one that rolled back is answered with
 * the trigger's {@code echoError}, as before.
 */
public final class OpenReply implements AutoCloseable {

    private static final ThreadLocal<OpenReply> ON_THIS_THREAD = new ThreadLocal<>();

    private final String messageSid;
    private final BooleanSupplier webhookWaits;
    private final OpenReply enclosing;
    private Message given;

    private OpenReply(String messageSid, BooleanSupplier webhookWaits, OpenReply enclosing) {
        this.messageSid = messageSid;
        this.webhookWaits = webhookWaits;
        this.enclosing = enclosing;
    }

    /**
     * Opens the answer to {@code messageSid} on this thread; close it when the hand-over has ended.
     *
     * @param webhookWaits whether the webhook still waits for the answer (it stops after {@code twilio.webhook.answer-within})
     */
    public static OpenReply open(String messageSid, BooleanSupplier webhookWaits) {
        OpenReply opened = new OpenReply(messageSid, webhookWaits, ON_THIS_THREAD.get());
        ON_THIS_THREAD.set(opened);
        return opened;
    }

    /** The answer to {@code messageSid} open on this thread, while no REPLY gave it yet and the webhook still waits for it. */
    public static Optional<OpenReply> unanswered(String messageSid) {
        OpenReply open = ON_THIS_THREAD.get();
        if (open == null || open.given != null || !open.messageSid.equals(messageSid) || !open.webhookWaits.getAsBoolean()) {
            return Optional.empty();
        }
        return Optional.of(open);
    }

    /** The webhook answers with this message. */
    public void give(Message reply) {
        given = reply;
    }

    /** What a REPLY gave, if one did; read it only once the hand-over has committed. */
    public Optional<Message> given() {
        return Optional.ofNullable(given);
    }

    @Override
    public void close() {
        if (enclosing == null) {
            ON_THIS_THREAD.remove();
        } else {
            ON_THIS_THREAD.set(enclosing);
        }
    }

    /**
     * A reply in the webhook's answer.
     *
     * @param text      its text, or {@code null} for media alone
     * @param mediaUrls the media it attaches
     */
    public record Message(String text, List<String> mediaUrls) {

        public Message {
            mediaUrls = List.copyOf(mediaUrls);
        }
    }
}
