package dev.twilioconnector.flowable.action;

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

    private SendSmsFields() {
    }
}
