package dev.twilioconnector.core.verify;

import com.twilio.exception.ApiException;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import com.twilio.rest.verify.v2.service.VerificationCheckCreator;
import com.twilio.rest.verify.v2.service.VerificationCreator;
import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.RequestFailure;
import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.settings.Credentials;
import dev.twilioconnector.core.settings.TwilioSettings;

/**
 * One-time passcodes through Twilio Verify: start a verification (Twilio generates and sends the code)
 * and check the code a person typed. It never throws for a Twilio problem.
 */
public final class Verifications {

    private final TwilioSettings settings;
    private final TwilioClients clients;

    public Verifications(TwilioSettings settings, TwilioClients clients) {
        this.settings = settings;
        this.clients = clients;
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
        try {
            com.twilio.rest.verify.v2.service.Verification started = creator.create(clients.forCredentials(credentials));
            String channel = started.getChannel() == null ? request.chosenChannel() : started.getChannel().toString();
            return Answer.of(new Verification(started.getSid(), started.getTo(), channel, started.getStatus()));
        } catch (ApiException e) {
            return Answer.failed(RequestFailure.of(e, settings));
        }
    }

    /** Checks {@code request} as {@link dev.twilioconnector.core.TwilioConnector} checked it. */
    public Answer<CodeCheck> check(CheckVerification request, Credentials credentials) {
        VerificationCheckCreator creator = VerificationCheck.creator(request.serviceSid()).setTo(request.to()).setCode(request.code());
        try {
            VerificationCheck checked = creator.create(clients.forCredentials(credentials));
            return Answer.of(new CodeCheck(checked.getSid(), checked.getTo(), checked.getStatus(), Boolean.TRUE.equals(checked.getValid())));
        } catch (ApiException e) {
            return Answer.failed(RequestFailure.of(e, settings));
        }
    }
}
