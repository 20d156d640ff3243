package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.verify.Verifications;
import dev.twilioconnector.flowable.action.VerifyFields;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

import java.util.function.Supplier;

/**
 * {@code twilioConnector.SEND_VERIFICATION} (Twilio sends a one-time code to {@code to}) and
 * {@code twilioConnector.CHECK_VERIFICATION} (is {@code code} the one sent? {@code twilioResult.approved}).
 */
public final class VerificationDelegate implements JavaDelegate {

    private final TaskInputs inputs;
    private final Supplier<TwilioConnector> connector;
    private final boolean check;

    VerificationDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector, boolean check) {
        this.inputs = inputs;
        this.connector = connector;
        this.check = check;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Verifications verifications = connector.get().verifications();
        String service = inputs.text(VerifyFields.SERVICE_SID, execution);
        String to = inputs.text(VerifyFields.TO, execution);
        Verifications.Outcome outcome = check
                ? verifications.check(service, to, inputs.text(VerifyFields.CODE, execution))
                : verifications.start(service, to, inputs.text(VerifyFields.CHANNEL, execution),
                        inputs.text(VerifyFields.LOCALE, execution), inputs.text(VerifyFields.CUSTOM_CODE, execution));
        TaskOutputs.write(execution, inputs, outcome.resultJson(), outcome.errorJson());
    }
}
