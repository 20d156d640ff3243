package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.MessageLookup;
import dev.twilioconnector.flowable.action.LookupFields;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

import java.util.function.Supplier;

/** {@code twilioConnector.GET_MESSAGE}: the message {@code messageSid} as a JSON object in {@code twilioResult}. */
public final class GetMessageDelegate implements JavaDelegate {

    private final TaskInputs inputs;
    private final Supplier<TwilioConnector> connector;

    GetMessageDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector) {
        this.inputs = inputs;
        this.connector = connector;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MessageLookup.Found found = connector.get().messages().fetch(inputs.text(LookupFields.MESSAGE_SID, execution));
        TaskOutputs.write(execution, inputs, found.resultJson(), found.errorJson());
    }
}
