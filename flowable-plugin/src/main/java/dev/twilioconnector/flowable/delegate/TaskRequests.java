package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.sms.FetchMessage;
import dev.twilioconnector.core.sms.ListMessages;
import dev.twilioconnector.core.verify.CheckVerification;
import dev.twilioconnector.core.verify.StartVerification;
import dev.twilioconnector.flowable.action.LookupFields;
import dev.twilioconnector.flowable.action.VerifyFields;
import org.flowable.engine.delegate.DelegateExecution;

/**
 * The request each action that asks Twilio one thing makes of its task's inputs.
 *
 * @see AnswerDelegate
 */
final class TaskRequests {

    private TaskRequests() {
    }

    /** {@code twilioConnector.GET_MESSAGE}: the message {@code messageSid}. */
    static FetchMessage fetchMessage(TaskInputs inputs, DelegateExecution execution) {
        return new FetchMessage(inputs.text(LookupFields.MESSAGE_SID, execution));
    }

    /**
     * {@code twilioConnector.LIST_MESSAGES}: the messages matching {@code dateSentAfter}, {@code dateSentBefore},
     * {@code from} and {@code to}, following Twilio's pages of {@code pageSize} up to {@code limit}.
     */
    static ListMessages listMessages(TaskInputs inputs, DelegateExecution execution) {
        return new ListMessages(
                TimeInput.dateOrTime(LookupFields.DATE_SENT_AFTER, inputs.value(LookupFields.DATE_SENT_AFTER, execution)),
                TimeInput.dateOrTime(LookupFields.DATE_SENT_BEFORE, inputs.value(LookupFields.DATE_SENT_BEFORE, execution)),
                inputs.text(LookupFields.FROM, execution),
                inputs.text(LookupFields.TO, execution),
                WholeNumberInput.of(inputs.value(LookupFields.PAGE_SIZE, execution), Refusal.PAGE_SIZE_RANGE),
                WholeNumberInput.of(inputs.value(LookupFields.LIMIT, execution), Refusal.LIMIT_RANGE));
    }

    /** {@code twilioConnector.SEND_VERIFICATION}: Twilio Verify sends a one-time code to {@code to}. */
    static StartVerification startVerification(TaskInputs inputs, DelegateExecution execution) {
        return new StartVerification(
                inputs.text(VerifyFields.SERVICE_SID, execution),
                inputs.text(VerifyFields.TO, execution),
                inputs.text(VerifyFields.CHANNEL, execution),
                inputs.text(VerifyFields.LOCALE, execution),
                inputs.text(VerifyFields.CUSTOM_CODE, execution));
    }

    /** {@code twilioConnector.CHECK_VERIFICATION}: is {@code code} the one sent? ({@code twilioResult.approved}). */
    static CheckVerification checkVerification(TaskInputs inputs, DelegateExecution execution) {
        return new CheckVerification(
                inputs.text(VerifyFields.SERVICE_SID, execution),
                inputs.text(VerifyFields.TO, execution),
                inputs.text(VerifyFields.CODE, execution));
    }
}
