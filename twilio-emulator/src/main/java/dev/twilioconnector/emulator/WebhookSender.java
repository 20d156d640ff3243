package dev.twilioconnector.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Posts webhooks as Twilio does: the parameters form-encoded in a POST, signed with
 * {@code X-Twilio-Signature} ({@link WebhookSignature}) keyed with one account's auth token. The
 * emulator's phones and status reports post through it; a test can post hand-made webhooks with it.
 */
public final class WebhookSender {

    /** Twilio waits 15 seconds; a test application on its first request can be slower than that. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String authToken;

    /** Signs with {@code authToken}, the auth token of the account the webhook is for. */
    public WebhookSender(String authToken) {
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("an auth token is needed to sign webhooks");
        }
        this.authToken = authToken;
    }

    /** Posts {@code form} to {@code url}, signed over that URL. */
    public WebhookAnswer post(String url, Map<String, String> form) {
        return post(url, url, form);
    }

    /**
     * Posts {@code form} to {@code url}, signed over {@code signedUrl}: the public URL Twilio would have
     * called, where the application checks signatures against it (behind a proxy, say).
     */
    public WebhookAnswer post(String url, String signedUrl, Map<String, String> form) {
        return postRepeated(url, signedUrl, single(form));
    }

    /** Like {@link #post(String, String, Map)}, for a form whose names may repeat. */
    public WebhookAnswer postRepeated(String url, String signedUrl, Map<String, List<String>> form) {
        try {
            return postAsync(url, signedUrl, form).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("the webhook at " + url + " could not be reached: " + io, io);
            }
            throw e;
        }
    }

    CompletableFuture<WebhookAnswer> postAsync(String url, String signedUrl, Map<String, List<String>> form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("User-Agent", "TwilioProxy/1.1 (twilio-connector emulator)")
                .header(WebhookSignature.HEADER, WebhookSignature.signRepeated(authToken, signedUrl, form))
                .POST(HttpRequest.BodyPublishers.ofString(FormCodec.encode(form), StandardCharsets.UTF_8))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new WebhookAnswer(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null), response.body()));
    }

    static Map<String, List<String>> single(Map<String, String> form) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        form.forEach((name, value) -> values.put(name, List.of(value == null ? "" : value)));
        return values;
    }

    @Override
    public String toString() {
        return "WebhookSender[signing with an auth token]";
    }
}
