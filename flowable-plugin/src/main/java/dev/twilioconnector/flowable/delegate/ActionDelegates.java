package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.flowable.action.TwilioAction;
import dev.twilioconnector.flowable.conversation.ConversationLog;
import dev.twilioconnector.flowable.outbound.SendLedger;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.common.engine.impl.el.ExpressionManager;
import org.flowable.engine.delegate.JavaDelegate;

import java.util.function.Supplier;

/** Makes the {@link JavaDelegate} behind each {@code twilioConnector.*} service task of a deployed model. */
public final class ActionDelegates {

    private final Supplier<TwilioConnector> connector;
    private final Supplier<ConversationLog> conversations;
    private final SendOnce sending;

    /**
     * @param connector     the connector the delegates send through, looked up when a task runs
     * @param ledger        what earlier executions of a task sent, looked up when a task runs
     * @param conversations which instance texted which phone, looked up when a task runs
     */
    public ActionDelegates(Supplier<TwilioConnector> connector, Supplier<SendLedger> ledger, Supplier<ConversationLog> conversations) {
        this.connector = connector;
        this.conversations = conversations;
        this.sending = new SendOnce(ledger, conversations);
    }

    public JavaDelegate create(TwilioAction action, ServiceTask task, ExpressionManager expressions) {
        TaskInputs inputs = TaskInputs.of(task, expressions);
        return switch (action) {
            case SEND_SMS -> new SendSmsDelegate(inputs, connector, sending);
            case REPLY -> new ReplyDelegate(inputs, connector, sending, conversations);
            case GET_MESSAGE -> new AnswerDelegate<>(action, null, inputs, connector,
                    TaskRequests::fetchMessage, TwilioClient::fetch, OutputJson::message);
            case LIST_MESSAGES -> new AnswerDelegate<>(action, OutputJson.NONE, inputs, connector,
                    TaskRequests::listMessages, TwilioClient::list, OutputJson::messages);
            case SEND_VERIFICATION -> new AnswerDelegate<>(action, null, inputs, connector,
                    TaskRequests::startVerification, TwilioClient::start, OutputJson::verification);
            case CHECK_VERIFICATION -> new AnswerDelegate<>(action, null, inputs, connector,
                    TaskRequests::checkVerification, TwilioClient::check, OutputJson::codeCheck);
        };
    }
}
