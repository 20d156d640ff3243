package dev.twilioconnector.inbound.webhook;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The POST body's parameters of one webhook request, every value of a repeated name kept in order:
 * Twilio signs each of them, and a request is checked as it was signed.
 */
public final class WebhookForm {

    private final Map<String, List<String>> values;

    private WebhookForm(Map<String, List<String>> values) {
        this.values = values;
    }

    /** A form with one value per name. */
    public static WebhookForm of(Map<String, String> single) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        single.forEach((name, value) -> values.put(name, List.of(value)));
        return new WebhookForm(values);
    }

    /**
     * The body's parameters of {@code request}. A servlet container merges those of the query string
     * (first) with the body's; the query's are part of the signed URL, not of the parameter list, so
     * each name is skipped as often as the query names it.
     *
     * @throws Unreadable when the container cannot decode the parameters
     */
    public static WebhookForm read(HttpServletRequest request) throws Unreadable {
        Map<String, String[]> merged;
        try {
            merged = request.getParameterMap();
        } catch (RuntimeException e) {
            throw new Unreadable(e);
        }
        Map<String, Integer> fromQuery = queryNameCounts(request.getQueryString());
        Map<String, List<String>> values = new LinkedHashMap<>();
        merged.forEach((name, all) -> {
            int skip = fromQuery.getOrDefault(name, 0);
            if (all.length > skip) {
                values.put(name, List.copyOf(Arrays.asList(all).subList(skip, all.length)));
            }
        });
        return new WebhookForm(values);
    }

    /** Every value of every name, in the order posted. */
    public Map<String, List<String>> values() {
        return values;
    }

    /** The first value of each name, as the message and report readers take them. */
    public Map<String, String> firstValues() {
        Map<String, String> first = new HashMap<>();
        values.forEach((name, all) -> first.put(name, all.get(0)));
        return first;
    }

    private static Map<String, Integer> queryNameCounts(String query) {
        Map<String, Integer> counts = new HashMap<>();
        if (query == null) {
            return counts;
        }
        for (String pair : query.split("&")) {
            counts.merge(decodedName(pair.split("=", 2)[0]), 1, Integer::sum);
        }
        return counts;
    }

    /** A name that does not decode is no parameter the container passed on either: it is counted under its raw text. */
    private static String decodedName(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** The request's parameters could not be decoded. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
