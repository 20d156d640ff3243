package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.FetchMessage;
import dev.twilioconnector.flowable.action.LookupFields;
import dev.twilioconnector.flowable.action.TwilioAction;
import org.flowable.engine.delegate.DelegateExecution;

import java.util.function.Supplier;

/** {@code twilioConnector.GET_MESSAGE}: the message {@code messageSid} as a JSON object in {@code twilioResult}. */
final class GetMessageDelegate extends ActionDelegate {

    GetMessageDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector) {
        super(TwilioAction.GET_MESSAGE, null, inputs, connector);
    }

    @Override
    TaskOutcome run(TaskInputs inputs, DelegateExecution execution, TwilioClient client) {
        FetchMessage request = new FetchMessage(inputs.text(LookupFields.MESSAGE_SID, execution));
        return outcome(client.fetch(request), OutputJson::message);
    }
}
