package dev.twilioconnector.core;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.settings.Credentials;
import dev.twilioconnector.core.settings.TwilioSettings;

import java.util.function.Function;

/**
 * The calls of the actions that send nothing (reads, verifications): each asks Twilio once and answers
 * with what Twilio said, or with the failure as {@link RequestFailure} words it. It never throws for a
 * Twilio problem.
 */
public final class TwilioCalls {

    private final TwilioSettings settings;
    private final TwilioClients clients;

    public TwilioCalls(TwilioSettings settings, TwilioClients clients) {
        this.settings = settings;
        this.clients = clients;
    }

    /** Makes {@code call} with the client for {@code credentials}; all its requests to Twilio happen inside it. */
    public <T> Answer<T> answer(Credentials credentials, Function<TwilioRestClient, T> call) {
        try {
            return Answer.of(call.apply(clients.forCredentials(credentials)));
        } catch (ApiException e) {
            return Answer.failed(RequestFailure.of(e, settings));
        }
    }
}
