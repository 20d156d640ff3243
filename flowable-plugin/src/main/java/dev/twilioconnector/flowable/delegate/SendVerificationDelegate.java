package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.verify.StartVerification;
import dev.twilioconnector.flowable.action.TwilioAction;
import dev.twilioconnector.flowable.action.VerifyFields;
import org.flowable.engine.delegate.DelegateExecution;

import java.util.function.Supplier;

/** {@code twilioConnector.SEND_VERIFICATION}: Twilio Verify sends a one-time code to {@code to}. */
final class SendVerificationDelegate extends ActionDelegate {

    SendVerificationDelegate(TaskInputs inputs, Supplier<TwilioConnector> connector) {
        super(TwilioAction.SEND_VERIFICATION, null, inputs, connector);
    }

    @Override
    TaskOutcome run(TaskInputs inputs, DelegateExecution execution, TwilioClient client) {
        StartVerification request = new StartVerification(
                inputs.text(VerifyFields.SERVICE_SID, execution),
                inputs.text(VerifyFields.TO, execution),
                inputs.text(VerifyFields.CHANNEL, execution),
                inputs.text(VerifyFields.LOCALE, execution),
                inputs.text(VerifyFields.CUSTOM_CODE, execution));
        return outcome(client.start(request), OutputJson::verification);
    }
}
