package dev.twilioconnector.benchmarks.inbound;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Posts incoming SMS to the webhook as Twilio does: form-encoded, signed with HMAC-SHA1 (the auth
 * token as key) over the URL followed by the parameters sorted by name, Base64 in {@code X-Twilio-Signature}.
 */
public final class SignedWebhook {

    private final KeepAliveClient http;
    private final String url;
    private final String token;

    public SignedWebhook(String url, String token) {
        this.url = url;
        this.token = token;
        this.http = new KeepAliveClient(URI.create(url));
    }

    public static Map<String, String> message(String sid, String from, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("SmsMessageSid", sid);
        form.put("AccountSid", "AC0000000000000000000000000000bench");
        form.put("From", from);
        form.put("To", "+15005550006");
        form.put("Body", body);
        form.put("NumMedia", "0");
        return form;
    }

    /** The reply's body; throws unless HTTP 200. */
    public String post(Map<String, String> form) {
        KeepAliveClient.Answer answer = http.post("application/x-www-form-urlencoded; charset=UTF-8", sign(form), encode(form));
        if (answer.status() != 200) {
            throw new IllegalStateException("webhook answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    String sign(Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
