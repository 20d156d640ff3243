package dev.twilioconnector.core;

import com.twilio.exception.ApiException;
import dev.twilioconnector.core.http.ConnectionFailure;
import dev.twilioconnector.core.settings.TwilioSettings;

/**
 * A request that does not send anything (a read, a verification) and failed, as a {@link TwilioProblem}:
 * Twilio's code and status when it answered, else what kept the answer away.
 */
public final class RequestFailure {

    public static final String NO_ANSWER = "Twilio did not answer within %d ms";
    public static final String CANNOT_CONNECT = "cannot connect to Twilio at %s: %s";

    private RequestFailure() {
    }

    public static TwilioProblem of(ApiException e, TwilioSettings settings) {
        if (e.getStatusCode() != null) {
            return new TwilioProblem(null, e.getCode(), e.getStatusCode(), e.getMessage());
        }
        if (ConnectionFailure.timedOutWaitingForAnswer(e)) {
            return TwilioProblem.ofWholeRequest(NO_ANSWER.formatted(settings.readTimeout().toMillis()));
        }
        if (ConnectionFailure.neverReachedServer(e)) {
            return TwilioProblem.ofWholeRequest(CANNOT_CONNECT.formatted(settings.apiBaseUrl(), e.getMessage()));
        }
        return TwilioProblem.ofWholeRequest(String.valueOf(e.getMessage()));
    }
}
