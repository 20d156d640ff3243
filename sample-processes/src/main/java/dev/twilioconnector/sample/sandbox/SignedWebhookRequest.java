package dev.twilioconnector.sample.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A webhook request as Twilio sends it: the parameters form-encoded in a POST, signed with {@code X-Twilio-Signature}. */
final class SignedWebhookRequest {

    private SignedWebhookRequest() {
    }

    /**
     * @param target    where the request goes
     * @param signedUrl the URL the signature covers (the public URL the application checks against)
     */
    static HttpRequest of(String target, String signedUrl, String authToken, Map<String, String> form, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(target))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("User-Agent", "TwilioProxy/1.1 (twilio-connector sandbox)")
                .header("X-Twilio-Signature", TwilioSignature.sign(authToken, signedUrl, form))
                .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8))
                .build();
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
