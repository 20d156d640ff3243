package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.sms.DeliveryJournal;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.flowable.conversation.ConversationLog;
import dev.twilioconnector.flowable.outbound.SendLedger;
import org.flowable.engine.delegate.DelegateExecution;

import java.util.function.Supplier;

/**
 * How a task sends a text through the REST API: once per task execution, however often that execution is retried
 * (the send ledger remembers what it sent), and each message Twilio accepts logged in the conversation log as the
 * instance's, so that the recipient's answer finds this instance.
 */
final class SendOnce {

    private final Supplier<SendLedger> ledger;
    private final Supplier<ConversationLog> conversations;

    SendOnce(Supplier<SendLedger> ledger, Supplier<ConversationLog> conversations) {
        this.ledger = ledger;
        this.conversations = conversations;
    }

    TaskOutcome send(SendSms request, DelegateExecution execution, TwilioClient client) {
        DeliveryJournal journal = TaskExecutionKey.ofRepeatable(execution).map(key -> ledger.get().journal(key)).orElse(DeliveryJournal.NONE);
        SendOutcome outcome = client.send(request, journal);
        conversations.get().texted(execution.getProcessInstanceId(), outcome.accepted());
        return new TaskOutcome(OutputJson.accepted(outcome.accepted()), outcome.problems());
    }
}
