package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.DeliveryJournal;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.flowable.action.SendSmsFields;
import dev.twilioconnector.flowable.action.TwilioAction;
import dev.twilioconnector.flowable.conversation.ConversationLog;
import dev.twilioconnector.flowable.outbound.SendLedger;
import org.flowable.engine.delegate.DelegateExecution;

import java.util.function.Supplier;

/**
 * {@code twilioConnector.SEND_SMS}: the template rendered against every variable the execution sees, sent to each
 * recipient, and sent once only across retries of the same task execution (the send ledger remembers). Each message
 * Twilio accepts goes into the conversation log, so that the recipient's answer finds this instance.
 */
final class SendSmsDelegate extends ActionDelegate {

    private final Supplier<SendLedger> ledger;
    private final Supplier<ConversationLog> conversations;

    SendSmsDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector, Supplier<SendLedger> ledger, Supplier<ConversationLog> conversations) {
        super(TwilioAction.SEND_SMS, OutputJson.NONE, inputs, connector);
        this.ledger = ledger;
        this.conversations = conversations;
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
        DeliveryJournal journal = TaskExecutionKey.ofRepeatable(execution).map(key -> ledger.get().journal(key)).orElse(DeliveryJournal.NONE);
        SendOutcome outcome = client.send(request, journal);
        conversations.get().texted(execution.getProcessInstanceId(), outcome.accepted());
        return new TaskOutcome(OutputJson.accepted(outcome.accepted()), outcome.problems());
    }
}
