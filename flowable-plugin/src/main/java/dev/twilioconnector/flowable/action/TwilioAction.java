package dev.twilioconnector.flowable.action;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The actions a service task names with {@code implementation="twilioConnector.<ACTION>"}, each with
 * the fields it reads and the words its problems are told in. A model naming anything else under
 * {@code twilioConnector.} fails to deploy.
 */
public enum TwilioAction {

    SEND_SMS(SendSmsFields.ALL, SendSmsFields.WORDING),
    REPLY(ReplyFields.ALL, ReplyFields.WORDING),
    GET_MESSAGE(LookupFields.GET, LookupFields.WORDING),
    LIST_MESSAGES(LookupFields.LIST, LookupFields.WORDING),
    SEND_VERIFICATION(VerifyFields.SEND, VerifyFields.WORDING),
    CHECK_VERIFICATION(VerifyFields.CHECK, VerifyFields.WORDING);

    public static final String PREFIX = "twilioConnector.";
    /** The implementation type the plugin gives its service tasks in the BPMN model. */
    public static final String IMPLEMENTATION_TYPE = "twilioConnector";

    private final Set<String> fields;
    private final TaskWording wording;

    TwilioAction(Set<String> fields, TaskWording wording) {
        this.fields = new TreeSet<>(fields);
        this.wording = wording;
    }

    public String implementation() {
        return PREFIX + name();
    }

    /** The fields this action reads, output options included. */
    public Set<String> fields() {
        return fields;
    }

    /** How this action's problems read in its task's words. */
    public TaskWording wording() {
        return wording;
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
