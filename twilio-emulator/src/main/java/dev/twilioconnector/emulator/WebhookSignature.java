package dev.twilioconnector.emulator;

import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Twilio's webhook signature, {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed with the auth
 * token, over the full URL called followed by every POST parameter's name and value, in name order.
 * A repeated name contributes name and value once for each of its distinct values, in value order, as
 * Twilio's helper libraries sign it. For tests that sign requests themselves or check what they got.
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "X-Twilio-Signature";

    private WebhookSignature() {
    }

    /** The signature of a POST of {@code parameters} to {@code url}, keyed with {@code authToken}. */
    public static String sign(String authToken, String url, Map<String, String> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        return hmac(authToken, data);
    }

    /** Like {@link #sign}, for parameters that may repeat ({@code MediaUrl0}… do not, but a hand-made form may). */
    public static String signRepeated(String authToken, String url, Map<String, List<String>> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, values) ->
                new TreeSet<>(values).forEach(value -> data.append(name).append(value)));
        return hmac(authToken, data);
    }

    /** Whether {@code signature} is Twilio's for these parameters posted to {@code url}; compared in constant time. */
    public static boolean matches(String authToken, String url, Map<String, List<String>> parameters, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = signRepeated(authToken, url, parameters).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(String authToken, StringBuilder data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }
}
