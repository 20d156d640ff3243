package dev.twilioconnector.inbound.webhook;

import com.twilio.security.RequestValidator;

import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature}: HMAC-SHA1, keyed with the auth token, over the URL Twilio called
 * followed by the POST parameters sorted by name. Twilio may have signed the URL with or without its
 * port, so (as the Twilio SDK's validator does) the URL is tried as given and without any port; host,
 * path, query and every parameter must still match. The comparison takes the same time whatever the
 * signature.
 */
public final class SignatureCheck {

    private final RequestValidator validator;

    public SignatureCheck(String authToken) {
        this.validator = authToken == null ? null : new RequestValidator(authToken);
    }

    public boolean isValid(String url, Map<String, String> formParameters, String signature) {
        return validator != null && signature != null && !signature.isBlank()
                && validator.validate(url, formParameters, signature.trim());
    }
}
