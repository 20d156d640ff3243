package dev.twilioconnector.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer without Twilio's JSON body (a proxy's HTML page, an empty 502) would leave the SDK
 * unable to read it, and the HTTP status would be lost. This gives such an answer a Twilio-shaped
 * body so the status reaches the caller, with a short excerpt of what was said instead.
 */
final class ErrorAnswer {

    static final String NOT_FROM_TWILIO = "HTTP %d without a Twilio error body%s";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 120;

    private ErrorAnswer() {
    }

    static Response readable(Response response) {
        int status = response.getStatusCode();
        if (status < 400) {
            return response;
        }
        String content = response.getContent();
        if (isJsonObject(content)) {
            return new Response(content, status, response.getHeaders());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", NOT_FROM_TWILIO.formatted(status, excerpt(content)));
        try {
            return new Response(JSON.writeValueAsString(body), status, response.getHeaders());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isJsonObject(String content) {
        try {
            return !content.isBlank() && JSON.readTree(content).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String excerpt(String content) {
        String flat = content.replaceAll("\\s+", " ").trim();
        if (flat.isEmpty()) {
            return "";
        }
        return ": " + (flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "…" : flat);
    }
}
