package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.flowable.action.SendSmsFields;
import dev.twilioconnector.flowable.action.TwilioAction;
import org.flowable.engine.delegate.DelegateExecution;

import java.util.function.Supplier;

/**
 * {@code twilioConnector.SEND_SMS}: the template rendered against every variable the execution sees, sent to each
 * recipient, once only across retries of the same task execution, and logged so that the recipient's answer finds
 * this instance ({@link SendOnce}).
 */
final class SendSmsDelegate extends ActionDelegate {

    private final SendOnce sending;

    SendSmsDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector, SendOnce sending) {
        super(TwilioAction.SEND_SMS, OutputJson.NONE, inputs, connector);
        this.sending = sending;
    }

    @Override
    TaskOutcome run(TaskInputs inputs, DelegateExecution execution, TwilioClient client) {
        SendSms request = new SendSms(
                inputs.text(SendSmsFields.FROM, execution),
                inputs.text(SendSmsFields.MESSAGING_SERVICE_SID, execution),
                RecipientInput.addresses(inputs.value(SendSmsFields.TO, execution)),
                inputs.text(SendSmsFields.BODY, execution),
                PlainValues.ofAll(execution.getVariables()),
                MessageOptionsInput.of(inputs, execution));
        return sending.send(request, execution, client);
    }
}
