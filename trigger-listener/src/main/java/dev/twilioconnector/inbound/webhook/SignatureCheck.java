package dev.twilioconnector.inbound.webhook;

import com.twilio.security.RequestValidator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks {@code X-Twilio-Signature}: HMAC-SHA1, keyed with the auth token, over the URL Twilio called
 * followed by name and value of every POST parameter, sorted by name; a repeated name contributes
 * each of its distinct values, sorted, as Twilio's helper libraries sign them. Twilio may have signed
 * the URL with or without its port, so (as the Twilio SDK's validator does) the URL is tried as given
 * and without any port; host, path, query and every parameter must still match. The comparison takes
 * the same time whatever the signature.
 */
public final class SignatureCheck {

    private final RequestValidator validator;

    public SignatureCheck(String authToken) {
        this.validator = authToken == null ? null : new RequestValidator(authToken);
    }

    public boolean isValid(String url, Map<String, String> formParameters, String signature) {
        return isValid(url, WebhookForm.of(formParameters), signature);
    }

    public boolean isValid(String url, WebhookForm form, String signature) {
        return validator != null && signature != null && !signature.isBlank()
                && validator.validate(url, signedAsOneValueEach(form.values()), signature.trim());
    }

    /**
     * The SDK's validator takes one value per name and appends name + value in name order. Appending
     * name + v1 + name + v2 for a repeated name is the same as one value {@code v1 + name + v2}, so the
     * SDK's URL handling serves repeated names too.
     */
    private static Map<String, String> signedAsOneValueEach(Map<String, List<String>> values) {
        Map<String, String> joined = new TreeMap<>();
        values.forEach((name, all) -> joined.put(name, String.join(name, new TreeSet<>(all))));
        return joined;
    }
}
