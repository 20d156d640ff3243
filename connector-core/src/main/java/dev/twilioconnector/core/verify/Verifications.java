package dev.twilioconnector.core.verify;

import com.twilio.rest.verify.v2.service.VerificationCheck;
import com.twilio.rest.verify.v2.service.VerificationCheckCreator;
import com.twilio.rest.verify.v2.service.VerificationCreator;
import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.TwilioCalls;
import dev.twilioconnector.core.settings.Credentials;

/**
 * One-time passcodes through Twilio Verify: start a verification (Twilio generates and sends the code)
 * and check the code a person typed. It never throws for a Twilio problem.
 */
public final class Verifications {

    private final TwilioCalls calls;

    public Verifications(TwilioCalls calls) {
        this.calls = calls;
    }

    /** Starts {@code request} as {@link dev.twilioconnector.core.TwilioConnector} checked it. */
    public Answer<Verification> start(StartVerification request, Credentials credentials) {
        VerificationCreator creator = com.twilio.rest.verify.v2.service.Verification.creator(request.serviceSid(), request.to(),
                request.chosenChannel());
        if (request.locale() != null) {
            creator.setLocale(request.locale());
        }
        if (request.customCode() != null) {
            creator.setCustomCode(request.customCode());
        }
        return calls.answer(credentials, client -> {
            com.twilio.rest.verify.v2.service.Verification started = creator.create(client);
            String channel = started.getChannel() == null ? request.chosenChannel() : started.getChannel().toString();
            return new Verification(started.getSid(), started.getTo(), channel, started.getStatus());
        });
    }

    /** Checks {@code request} as {@link dev.twilioconnector.core.TwilioConnector} checked it. */
    public Answer<CodeCheck> check(CheckVerification request, Credentials credentials) {
        VerificationCheckCreator creator = VerificationCheck.creator(request.serviceSid()).setTo(request.to()).setCode(request.code());
        return calls.answer(credentials, client -> {
            VerificationCheck checked = creator.create(client);
            return new CodeCheck(checked.getSid(), checked.getTo(), checked.getStatus(), Boolean.TRUE.equals(checked.getValid()));
        });
    }
}
