package dev.twilioconnector.emulator;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * The real Twilio SDK, aimed at an emulator: a client whose HTTP requests go to the emulator's base URL
 * with the path and query Twilio's would have. Never {@code Twilio.init}: that would change the SDK's
 * global client for every test in the JVM.
 */
final class SdkClients {

    private SdkClients() {
    }

    /** Authenticated as the emulator's first account, with its auth token. */
    static TwilioRestClient of(TwilioEmulator emulator) {
        return of(emulator.baseUrl(), emulator.accountSid(), emulator.authToken(), emulator.accountSid());
    }

    /** Authenticated as {@code user} (an account SID or API key SID) with {@code password}, acting for {@code accountSid}. */
    static TwilioRestClient of(URI baseUrl, String user, String password, String accountSid) {
        return new TwilioRestClient.Builder(user, password).accountSid(accountSid).httpClient(new ToEmulator(baseUrl)).build();
    }

    private static final class ToEmulator extends NetworkHttpClient {

        private final URI baseUrl;

        ToEmulator(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public Response makeRequest(Request request) {
            return super.makeRequest(Aimed.at(baseUrl, request));
        }
    }

    /** The SDK's request with its host replaced, its path and query (page tokens included) kept as built. */
    private static final class Aimed extends Request {

        private final String target;

        private Aimed(Request original, String target) {
            super(original.getMethod(), target);
            this.target = target;
        }

        static Request at(URI baseUrl, Request original) {
            URL built = original.constructURL();
            Aimed aimed = new Aimed(original, baseUrl + built.getPath() + (built.getQuery() == null ? "" : "?" + built.getQuery()));
            if (original.getUsername() != null) {
                aimed.setAuth(original.getUsername(), original.getPassword());
            }
            original.getPostParams().forEach((name, values) -> values.forEach(value -> aimed.addPostParam(name, value)));
            original.getHeaderParams().forEach((name, values) -> values.forEach(value -> aimed.addHeaderParam(name, value)));
            aimed.setContentType(original.getContentType());
            aimed.setBody(original.getBody());
            return aimed;
        }

        @Override
        public URL constructURL() {
            try {
                return URI.create(target).toURL();
            } catch (MalformedURLException e) {
                throw new ApiException("not a URL: " + target, e);
            }
        }
    }
}
