package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.ListMessages;
import dev.twilioconnector.flowable.action.LookupFields;
import dev.twilioconnector.flowable.action.TwilioAction;
import org.flowable.engine.delegate.DelegateExecution;

import java.util.function.Supplier;

/**
 * {@code twilioConnector.LIST_MESSAGES}: the messages matching {@code dateSentAfter}, {@code dateSentBefore},
 * {@code from} and {@code to}, following Twilio's pages of {@code pageSize} up to {@code limit}, as a JSON
 * array in {@code twilioResult}.
 */
final class ListMessagesDelegate extends ActionDelegate {

    ListMessagesDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector) {
        super(TwilioAction.LIST_MESSAGES, OutputJson.NONE, inputs, connector);
    }

    @Override
    TaskOutcome run(TaskInputs inputs, DelegateExecution execution, TwilioClient client) {
        ListMessages request = new ListMessages(
                TimeInput.dateOrTime(LookupFields.DATE_SENT_AFTER, inputs.value(LookupFields.DATE_SENT_AFTER, execution)),
                TimeInput.dateOrTime(LookupFields.DATE_SENT_BEFORE, inputs.value(LookupFields.DATE_SENT_BEFORE, execution)),
                inputs.text(LookupFields.FROM, execution),
                inputs.text(LookupFields.TO, execution),
                WholeNumberInput.of(inputs.value(LookupFields.PAGE_SIZE, execution), Refusal.PAGE_SIZE_RANGE),
                WholeNumberInput.of(inputs.value(LookupFields.LIMIT, execution), Refusal.LIMIT_RANGE));
        return outcome(client.list(request), OutputJson::messages);
    }
}
