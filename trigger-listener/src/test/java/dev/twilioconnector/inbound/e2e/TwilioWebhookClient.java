package dev.twilioconnector.inbound.e2e;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Posts to the webhook as Twilio does: form-encoded, signed with HMAC-SHA1 over the URL plus the
 * sorted parameters. The signing is written here from Twilio's description, independently of the
 * code under test.
 */
final class TwilioWebhookClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String token;

    TwilioWebhookClient(String token) {
        this.token = token;
    }

    static Map<String, String> message(String sid, String from, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("SmsMessageSid", sid);
        form.put("AccountSid", "AC00000000000000000000000000000001");
        form.put("From", from);
        form.put("To", "+15005550006");
        form.put("Body", body);
        form.put("NumMedia", "0");
        return form;
    }

    String sign(String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        return hmac(data);
    }

    /** As Twilio's helper libraries sign a repeated name: name + value for each distinct value, sorted. */
    String signRepeated(String url, Map<String, List<String>> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, values) -> new TreeSet<>(values).forEach(value -> data.append(name).append(value)));
        return hmac(data);
    }

    private String hmac(StringBuilder data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts {@code form} to {@code url}, signed over {@code signedUrl}, with extra headers. */
    HttpResponse<String> post(String url, Map<String, String> form, String signature, Map<String, String> headers) {
        return postBody(url, encode(form), signature, headers);
    }

    /** Posts {@code body} as it is, form-encoded or not. */
    HttpResponse<String> postBody(String url, String body, String signature, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        headers.forEach(request::setHeader);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> postSigned(String url, Map<String, String> form) {
        return post(url, form, sign(url, form), Map.of());
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
