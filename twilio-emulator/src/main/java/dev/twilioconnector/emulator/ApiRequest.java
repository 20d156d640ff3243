package dev.twilioconnector.emulator;

import java.util.List;
import java.util.Map;

/**
 * A request to the emulated Twilio API as any HTTP server hands it over: {@link TwilioApi} answers it
 * without knowing which server that was (the emulator's own, or an application's).
 *
 * @param method  the HTTP method
 * @param target  the raw path and query, as in the request line: {@code /2010-04-01/Accounts/AC…/Messages.json?PageSize=2}
 * @param headers the headers; names in any case
 * @param body    the body decoded as UTF-8, {@code ""} for none
 */
public record ApiRequest(String method, String target, Map<String, List<String>> headers, String body) {

    public ApiRequest {
        body = body == null ? "" : body;
    }

    @Override
    public String toString() {
        // The headers carry the credentials (Authorization): they stay out of any log.
        return "ApiRequest[" + method + " " + target + "]";
    }
}
