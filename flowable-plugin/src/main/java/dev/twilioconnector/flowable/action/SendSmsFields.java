package dev.twilioconnector.flowable.action;

import java.util.Set;

/** Field (and variable) names of {@code twilioConnector.SEND_SMS}, as the contract spells them. */
public final class SendSmsFields {

    public static final String FROM = "smsFrom";
    public static final String TO = "smsTo";
    public static final String BODY = "smsBody";
    public static final String MESSAGING_SERVICE_SID = "smsMessagingServiceSid";

    static final Set<String> ALL = Set.of(FROM, TO, BODY, MESSAGING_SERVICE_SID,
            OutputFields.FAIL_ON_ERROR, OutputFields.RESULT_VARIABLE, OutputFields.ERROR_VARIABLE);

    private SendSmsFields() {
    }
}
