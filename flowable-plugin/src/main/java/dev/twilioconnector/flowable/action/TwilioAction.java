package dev.twilioconnector.flowable.action;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The actions a service task names with {@code implementation="twilioConnector.<ACTION>"}, each with
 * the fields it reads. A model naming anything else under {@code twilioConnector.} fails to deploy.
 */
public enum TwilioAction {

    SEND_SMS(SendSmsFields.ALL),
    GET_MESSAGE(LookupFields.GET),
    LIST_MESSAGES(LookupFields.LIST),
    SEND_VERIFICATION(VerifyFields.SEND),
    CHECK_VERIFICATION(VerifyFields.CHECK);

    public static final String PREFIX = "twilioConnector.";
    /** The implementation type the plugin gives its service tasks in the BPMN model. */
    public static final String IMPLEMENTATION_TYPE = "twilioConnector";

    private final Set<String> fields;

    TwilioAction(Set<String> fields) {
        this.fields = new TreeSet<>(fields);
    }

    public String implementation() {
        return PREFIX + name();
    }

    /** The fields this action reads, output options included. */
    public Set<String> fields() {
        return fields;
    }

    public static boolean isTwilioImplementation(String implementation) {
        return implementation != null && implementation.startsWith(PREFIX);
    }

    public static Optional<TwilioAction> of(String implementation) {
        return Arrays.stream(values()).filter(action -> action.implementation().equals(implementation)).findFirst();
    }

    public static List<String> implementations() {
        return Arrays.stream(values()).map(TwilioAction::implementation).collect(Collectors.toList());
    }
}
