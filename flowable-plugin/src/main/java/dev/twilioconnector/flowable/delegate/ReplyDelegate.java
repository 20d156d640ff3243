package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.flowable.action.ReplyFields;
import dev.twilioconnector.flowable.action.TwilioAction;
import dev.twilioconnector.flowable.conversation.AnsweredMessage;
import dev.twilioconnector.flowable.conversation.ConversationLog;
import dev.twilioconnector.flowable.inbound.OpenReply;
import dev.twilioconnector.flowable.inbound.WebhookReply;
import org.flowable.engine.delegate.DelegateExecution;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code twilioConnector.REPLY}: answers the message that started or last woke the instance ({@link AnsweredMessage}),
 * to its sender, from the number it was sent to. While that message's webhook still waits for its answer (the
 * instance came here from the event without a wait state), the text is the webhook's TwiML answer and nothing is
 * sent through the REST API ({@link OpenReply}); later it is one SMS, sent as SEND_SMS sends ({@link SendOnce}).
 * Either way the body is rendered by SEND_SMS's rules, with {@code ${recipient}} the sender's number.
 */
final class ReplyDelegate extends ActionDelegate {

    static final String NOTHING_TO_ANSWER = "there is no message to reply to: no SMS_RECEIVED event started or woke this "
            + "process instance (its variable " + AnsweredMessage.FROM_VARIABLE + " is not set)";

    private final SendOnce sending;
    private final Supplier<ConversationLog> conversations;

    ReplyDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector, SendOnce sending, Supplier<ConversationLog> conversations) {
        super(TwilioAction.REPLY, OutputJson.NONE, inputs, connector);
        this.sending = sending;
        this.conversations = conversations;
    }

    @Override
    TaskOutcome run(TaskInputs inputs, DelegateExecution execution, TwilioClient client) {
        AnsweredMessage message = AnsweredMessage.of(execution).orElseThrow(() -> new InputProblem(NOTHING_TO_ANSWER));
        SendSms reply = new SendSms(message.to(), null, List.of(message.from()), inputs.text(ReplyFields.BODY, execution),
                PlainValues.ofAll(execution.getVariables()), MessageOptionsInput.media(inputs, execution));
        Optional<OpenReply> webhook = message.sid() == null ? Optional.empty() : OpenReply.unanswered(message.sid());
        if (webhook.isPresent() && webhook.get().webhookWaits()) {
            return answerInWebhook(webhook.get(), reply, message, execution, client);
        }
        TaskOutcome sent = sending.send(reply, execution, client);
        if (sent.problems().isEmpty()) {
            webhook.ifPresent(OpenReply::sentAsSms);
        }
        return sent;
    }

    private TaskOutcome answerInWebhook(OpenReply webhook, SendSms reply, AnsweredMessage message, DelegateExecution execution,
                                        TwilioClient client) {
        Answer<String> text = client.compose(reply);
        if (text.hasProblem()) {
            return new TaskOutcome(OutputJson.NONE, List.of(text.problem()));
        }
        webhook.give(new WebhookReply(text.value(), reply.options().mediaUrls().stream().map(URI::toString).toList()));
        // A text to that person as much as one sent through the API: their next answer may be for this instance.
        conversations.get().answeredInWebhook(execution.getProcessInstanceId(), message.from(), message.sid());
        return new TaskOutcome(OutputJson.answeredInWebhook(message.from()), List.of());
    }
}
