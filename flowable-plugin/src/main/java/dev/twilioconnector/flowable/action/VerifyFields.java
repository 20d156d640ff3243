package dev.twilioconnector.flowable.action;

import java.util.Map;
import java.util.Set;

/** Field (and variable) names of {@code twilioConnector.SEND_VERIFICATION} and {@code twilioConnector.CHECK_VERIFICATION}. */
public final class VerifyFields {

    public static final String SERVICE_SID = "verifyServiceSid";
    public static final String TO = "to";
    public static final String CHANNEL = "channel";
    public static final String LOCALE = "locale";
    public static final String CUSTOM_CODE = "customCode";
    public static final String CODE = "code";

    static final Set<String> SEND = Set.of(SERVICE_SID, TO, CHANNEL, LOCALE, CUSTOM_CODE,
            OutputFields.FAIL_ON_ERROR, OutputFields.RESULT_VARIABLE, OutputFields.ERROR_VARIABLE);
    static final Set<String> CHECK = Set.of(SERVICE_SID, TO, CODE,
            OutputFields.FAIL_ON_ERROR, OutputFields.RESULT_VARIABLE, OutputFields.ERROR_VARIABLE);

    static final TaskWording WORDING = new TaskWording(Map.of("ServiceSid", SERVICE_SID, "To", TO, "Channel", CHANNEL,
            "Locale", LOCALE, "CustomCode", CUSTOM_CODE, "Code", CODE), Map.of());

    private VerifyFields() {
    }
}
