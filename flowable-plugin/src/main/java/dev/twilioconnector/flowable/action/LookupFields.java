package dev.twilioconnector.flowable.action;

import java.util.Map;
import java.util.Set;

/** Field (and variable) names of {@code twilioConnector.GET_MESSAGE} and {@code twilioConnector.LIST_MESSAGES}. */
public final class LookupFields {

    public static final String MESSAGE_SID = "messageSid";
    public static final String DATE_SENT_AFTER = "dateSentAfter";
    public static final String DATE_SENT_BEFORE = "dateSentBefore";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String PAGE_SIZE = "pageSize";
    public static final String LIMIT = "limit";

    static final Set<String> GET = Set.of(MESSAGE_SID,
            OutputFields.FAIL_ON_ERROR, OutputFields.RESULT_VARIABLE, OutputFields.ERROR_VARIABLE);
    static final Set<String> LIST = Set.of(DATE_SENT_AFTER, DATE_SENT_BEFORE, FROM, TO, PAGE_SIZE, LIMIT,
            OutputFields.FAIL_ON_ERROR, OutputFields.RESULT_VARIABLE, OutputFields.ERROR_VARIABLE);

    static final TaskWording WORDING = new TaskWording(
            Map.of("Sid", MESSAGE_SID, "From", FROM, "To", TO, "PageSize", PAGE_SIZE, "Limit", LIMIT), Map.of());

    private LookupFields() {
    }
}
