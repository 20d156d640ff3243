package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.MessageLookup;
import dev.twilioconnector.flowable.action.LookupFields;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

import java.util.function.Supplier;

/**
 * {@code twilioConnector.LIST_MESSAGES}: the messages matching {@code dateSentAfter}, {@code dateSentBefore},
 * {@code from} and {@code to}, following Twilio's pages of {@code pageSize} up to {@code limit}, as a JSON
 * array in {@code twilioResult}.
 */
public final class ListMessagesDelegate implements JavaDelegate {

    private final TaskInputs inputs;
    private final Supplier<TwilioConnector> connector;

    ListMessagesDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector) {
        this.inputs = inputs;
        this.connector = connector;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MessageLookup.Found found = connector.get().messages().list(
                PlainValues.of(inputs.value(LookupFields.DATE_SENT_AFTER, execution)),
                PlainValues.of(inputs.value(LookupFields.DATE_SENT_BEFORE, execution)),
                inputs.text(LookupFields.FROM, execution),
                inputs.text(LookupFields.TO, execution),
                PlainValues.of(inputs.value(LookupFields.PAGE_SIZE, execution)),
                PlainValues.of(inputs.value(LookupFields.LIMIT, execution)));
        TaskOutputs.write(execution, inputs, found.resultJson(), found.errorJson());
    }
}
