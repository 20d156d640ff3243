package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.verify.CheckVerification;
import dev.twilioconnector.flowable.action.TwilioAction;
import dev.twilioconnector.flowable.action.VerifyFields;
import org.flowable.engine.delegate.DelegateExecution;

import java.util.function.Supplier;

/** {@code twilioConnector.CHECK_VERIFICATION}: is {@code code} the one sent? ({@code twilioResult.approved}). */
final class CheckVerificationDelegate extends ActionDelegate {

    CheckVerificationDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector) {
        super(TwilioAction.CHECK_VERIFICATION, null, inputs, connector);
    }

    @Override
    TaskOutcome run(TaskInputs inputs, DelegateExecution execution, TwilioClient client) {
        CheckVerification request = new CheckVerification(
                inputs.text(VerifyFields.SERVICE_SID, execution),
                inputs.text(VerifyFields.TO, execution),
                inputs.text(VerifyFields.CODE, execution));
        return outcome(client.check(request), OutputJson::codeCheck);
    }
}
