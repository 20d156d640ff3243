package dev.twilioconnector.inbound.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Requests to the webhooks that Twilio would not send as they are (unsigned, wrongly signed, behind a proxy's
 * {@code X-Forwarded-*} headers, not a form, a GET), written by hand. Twilio-shaped webhooks go through the
 * emulator's {@code WebhookSender}; a signature wanted here comes from its {@code WebhookSignature}.
 */
final class HandMadeRequests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HandMadeRequests() {
    }

    /** Posts {@code form} form-encoded, with {@code signature} as {@code X-Twilio-Signature} unless it is {@code null}. */
    static HttpResponse<String> postForm(String url, Map<String, String> form, String signature, Map<String, String> headers)
            throws IOException, InterruptedException {
        return post(url, encode(form), signature, headers);
    }

    /** Posts {@code body} as it is, declared form-encoded unless {@code headers} say otherwise. */
    static HttpResponse<String> post(String url, String body, String signature, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        headers.forEach(request::setHeader);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encode(Map<String, String> form) {
        Map<String, List<String>> single = new LinkedHashMap<>();
        form.forEach((name, value) -> single.put(name, List.of(value)));
        return encodeRepeated(single);
    }

    /** A form whose names may repeat, each value in order. */
    static String encodeRepeated(Map<String, List<String>> form) {
        return form.entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(value -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                        + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }
}
