package dev.twilioconnector.flowable.action;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.flowable.conversation.AnsweredMessage;

import java.util.Map;
import java.util.Set;

/**
 * Field (and variable) names of {@code twilioConnector.REPLY}: SEND_SMS's body and media. Whom it answers, and from
 * which number, comes from the message the instance answers ({@link AnsweredMessage}), so its problems name those variables.
 */
public final class ReplyFields {

    public static final String BODY = SendSmsFields.BODY;
    public static final String MEDIA_URL = SendSmsFields.MEDIA_URL;

    /** The status in {@code twilioResult} of a reply given in the webhook's TwiML answer, which has no SID of its own. */
    public static final String WEBHOOK_REPLY = "webhook-reply";

    static final Set<String> ALL = Set.of(BODY, MEDIA_URL, OutputFields.FAIL_ON_ERROR, OutputFields.RESULT_VARIABLE,
            OutputFields.ERROR_VARIABLE);

    static final TaskWording WORDING = new TaskWording(
            Map.of("Body", BODY, "MediaUrl", MEDIA_URL, "From", AnsweredMessage.TO_VARIABLE, "To", AnsweredMessage.FROM_VARIABLE),
            Map.of(Refusal.NO_BODY, SendSmsFields.MISSING_BODY,
                    Refusal.NO_SENDER, "no sender: the message this instance answers names no number it was sent to ("
                            + AnsweredMessage.TO_VARIABLE + "), and neither TWILIO_FROM (twilio.default-from) nor "
                            + "TWILIO_MESSAGING_SERVICE_SID (twilio.messaging-service-sid) is set"));

    private ReplyFields() {
    }
}
