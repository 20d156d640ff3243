package dev.twilioconnector.contract;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as it went over the wire to Prism, and Prism's answer.
 *
 * @param method        {@code GET}, {@code POST}, …
 * @param url           path and raw query, exactly as sent
 * @param form          the form body, repeated keys kept in order; empty for a GET
 * @param authorization the {@code Authorization} header
 * @param status        Prism's HTTP status: 422 for a request that breaks Twilio's schema (it never reached Twilio),
 *                      500 for an answer of Twilio's that breaks it, else Twilio's own
 * @param answer        Prism's body: Twilio's answer, or the problem Prism found
 * @param violations    Prism's {@value #VIOLATIONS} header: what it found wrong but let pass (warnings), else {@code null}
 */
record Exchange(String method, String url, Map<String, List<String>> form, String authorization, int status, String answer,
                String violations) {

    /** The header in which Prism lists what it found wrong with a request or an answer. */
    static final String VIOLATIONS = "sl-violations";

    /** The URL without its query. */
    String path() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The form in wire order, for replaying an adapted copy of it. */
    static String encode(Map<String, List<String>> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((key, values) -> values.forEach(value -> pairs.add(
                URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return String.join("&", pairs);
    }

    static Map<String, List<String>> decode(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.computeIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public String toString() {
        return method + " " + url + (form.isEmpty() ? "" : " " + form) + " -> " + status + " " + answer
                + (violations == null ? "" : " " + VIOLATIONS + ": " + violations);
    }
}
