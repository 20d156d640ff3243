package dev.twilioconnector.emulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded}, both ways: Twilio's API takes its parameters so (and its
 * query strings), and Twilio's webhooks post theirs so. Names keep their first-seen order and a
 * repeated name ({@code MediaUrl}) keeps every value in order.
 */
final class FormCodec {

    private FormCodec() {
    }

    static Map<String, List<String>> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> form = new LinkedHashMap<>();
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            if (end > start) {
                String pair = encoded.substring(start, end);
                int eq = pair.indexOf('=');
                String name = decodePart(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decodePart(pair.substring(eq + 1));
                form.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        form.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(form);
    }

    static String encode(Map<String, ? extends List<String>> form) {
        StringBuilder out = new StringBuilder();
        form.forEach((name, values) -> values.forEach(value -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encodePart(name)).append('=').append(encodePart(value == null ? "" : value));
        }));
        return out.toString();
    }

    static String encodePart(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decodePart(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // A stray '%' is taken literally rather than refusing the whole request, as lenient servers do.
            return text;
        }
    }
}
