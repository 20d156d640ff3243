package dev.twilioconnector.flowable.inbound;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The webhook's answer to one incoming message, open while that message is handed to the engine on this thread:
 * a {@code twilioConnector.REPLY} that the hand-over reaches without a wait state answers it here. While the webhook
 * still waits, the REPLY's text is the webhook's answer (TwiML) instead of the trigger's echo, so nothing goes
 * through the REST API and no second message is paid for; once the webhook has answered without it, the REPLY
 * sends an SMS and the echo, which would now follow it, is dropped.
 *
 * <p>Bound to the thread because the hand-over is one engine command on the thread that opens this: a REPLY in a
 * job, after a timer or a user task, or on another node finds nothing open and sends through the REST API. The
 * first REPLY answers the message; a second one to it (another instance it reached) sends through the REST API.
 * The webhook reads the answer only after the hand-over has committed; one that rolled back is answered with the
 * trigger's {@code echoError}, as before.
 */
public final class OpenReply implements AutoCloseable {

    private static final ThreadLocal<OpenReply> ON_THIS_THREAD = new ThreadLocal<>();

    private final String messageSid;
    private final BooleanSupplier webhookWaits;
    private final OpenReply enclosing;
    private WebhookReply given;
    private boolean sentAsSms;

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

    /** The answer to {@code messageSid} open on this thread, while no REPLY has answered the message yet. */
    public static Optional<OpenReply> unanswered(String messageSid) {
        OpenReply open = ON_THIS_THREAD.get();
        if (open == null || open.isAnswered() || !open.messageSid.equals(messageSid)) {
            return Optional.empty();
        }
        return Optional.of(open);
    }

    /** Whether the webhook still waits: then {@link #give} answers in it. */
    public boolean webhookWaits() {
        return webhookWaits.getAsBoolean();
    }

    /** The webhook answers with this. */
    public void give(WebhookReply reply) {
        given = reply;
    }

    /** A REPLY answered the message with an SMS, the webhook having answered without it: no echo is to follow. */
    public void sentAsSms() {
        sentAsSms = true;
    }

    /** What a REPLY gave the webhook, if one did; read it only once the hand-over has committed. */
    public Optional<WebhookReply> given() {
        return Optional.ofNullable(given);
    }

    /** Whether a REPLY answered the message, in the webhook or with an SMS. */
    public boolean isAnswered() {
        return given != null || sentAsSms;
    }

    @Override
    public void close() {
        if (enclosing == null) {
            ON_THIS_THREAD.remove();
        } else {
            ON_THIS_THREAD.set(enclosing);
        }
    }
}
