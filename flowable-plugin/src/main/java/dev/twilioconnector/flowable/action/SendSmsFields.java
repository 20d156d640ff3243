package dev.twilioconnector.flowable.action;

import dev.twilioconnector.core.Refusal;

import java.util.Map;
import java.util.Set;

/** Field (and variable) names of {@code twilioConnector.SEND_SMS}, as the contract spells them. */
public final class SendSmsFields {

    public static final String FROM = "smsFrom";
    public static final String TO = "smsTo";
    public static final String BODY = "smsBody";
    public static final String MESSAGING_SERVICE_SID = "smsMessagingServiceSid";
    public static final String MEDIA_URL = "smsMediaUrl";
    public static final String STATUS_CALLBACK = "smsStatusCallback";
    public static final String CONTENT_SID = "smsContentSid";
    public static final String CONTENT_VARIABLES = "smsContentVariables";
    public static final String SEND_AT = "smsSendAt";

    static final Set<String> ALL = Set.of(FROM, TO, BODY, MESSAGING_SERVICE_SID, MEDIA_URL, STATUS_CALLBACK, CONTENT_SID,
            CONTENT_VARIABLES, SEND_AT, OutputFields.FAIL_ON_ERROR, OutputFields.RESULT_VARIABLE, OutputFields.ERROR_VARIABLE);

    /** The task's own text for a send without body, media or content template. */
    static final String MISSING_BODY = BODY + " is missing: give the task an " + BODY + " field or variable";

    /** Each field is "sms" and the Messages parameter it feeds. */
    static final TaskWording WORDING = new TaskWording(
            Map.of("From", FROM, "To", TO, "Body", BODY, "MessagingServiceSid", MESSAGING_SERVICE_SID, "MediaUrl", MEDIA_URL,
                    "StatusCallback", STATUS_CALLBACK, "ContentSid", CONTENT_SID, "ContentVariables", CONTENT_VARIABLES,
                    "SendAt", SEND_AT),
            Map.of(Refusal.NO_BODY, MISSING_BODY));

    private SendSmsFields() {
    }
}
