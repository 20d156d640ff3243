package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.DeliveryJournal;
import dev.twilioconnector.core.sms.MessageOptionsParser;
import dev.twilioconnector.core.sms.OutcomeJson;
import dev.twilioconnector.core.sms.Problem;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.flowable.action.SendSmsFields;
import dev.twilioconnector.flowable.outbound.SendLedger;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code twilioConnector.SEND_SMS}: resolves the inputs, lets the core render and send, and always
 * completes with {@code twilioResult} / {@code twilioError} set. Even an input expression that
 * cannot be evaluated ends as an error entry rather than a failed job.
 */
public final class SendSmsDelegate implements JavaDelegate {

    public static final String INPUT_FAILED = "input '%s' cannot be evaluated: %s";

    private static final Logger LOG = LoggerFactory.getLogger(SendSmsDelegate.class);
    private static final MessageOptionsParser OPTIONS = new MessageOptionsParser(Clock.systemUTC());

    private final TaskInputs inputs;
    private final Supplier<TwilioConnector> connector;
    private final Supplier<SendLedger> ledger;

    SendSmsDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector, Supplier<SendLedger> ledger) {
        this.inputs = inputs;
        this.connector = connector;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SendOutcome outcome = send(execution);
        if (outcome.hasProblems()) {
            LOG.warn("SEND_SMS in process instance {} (activity {}): {} accepted, {} problem(s); first: {}",
                    execution.getProcessInstanceId(), execution.getCurrentActivityId(),
                    outcome.accepted().size(), outcome.problems().size(), outcome.problems().get(0).message());
        }
        TaskOutputs.write(execution, inputs, OutcomeJson.result(outcome), OutcomeJson.error(outcome));
    }

    private SendOutcome send(DelegateExecution execution) {
        SendSms request;
        String current = SendSmsFields.TO;
        try {
            Object to = PlainValues.of(inputs.value(SendSmsFields.TO, execution));
            current = SendSmsFields.FROM;
            String from = inputs.text(SendSmsFields.FROM, execution);
            current = SendSmsFields.MESSAGING_SERVICE_SID;
            String service = inputs.text(SendSmsFields.MESSAGING_SERVICE_SID, execution);
            current = SendSmsFields.BODY;
            String body = inputs.text(SendSmsFields.BODY, execution);
            current = "message options";
            MessageOptionsParser.Parsed options = OPTIONS.parse(
                    PlainValues.of(inputs.value(SendSmsFields.MEDIA_URL, execution)),
                    inputs.text(SendSmsFields.STATUS_CALLBACK, execution),
                    inputs.text(SendSmsFields.CONTENT_SID, execution),
                    PlainValues.of(inputs.value(SendSmsFields.CONTENT_VARIABLES, execution)),
                    PlainValues.of(inputs.value(SendSmsFields.SEND_AT, execution)));
            if (options.problem() != null) {
                return SendOutcome.failed(options.problem());
            }
            request = new SendSms(from, service, to, body, PlainValues.ofAll(execution.getVariables()), options.options(),
                    TaskExecutionKey.ofRepeatable(execution).map(key -> ledger.get().journal(key)).orElse(DeliveryJournal.NONE));
        } catch (FlowableException e) {
            return SendOutcome.failed(Problem.ofWholeSend(INPUT_FAILED.formatted(current, e.getMessage())));
        }
        return connector.get().sms().send(request);
    }
}
