package dev.twilioconnector.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the emulator received it, and what it answered: for a test's assertions on what the
 * connector sent (method, path, form parameters, credentials), and for {@link RequestMatch}es, which see
 * it before it is answered ({@link #status()} {@value #NOT_ANSWERED} then).
 *
 * @param method     {@code GET}, {@code POST} …
 * @param prefix     what came before Twilio's path, {@code ""} for none: a base URL such as
 *                   {@code http://127.0.0.1:8080/node-a} gives {@code /node-a}
 * @param path       Twilio's path, e.g. {@code /2010-04-01/Accounts/AC…/Messages.json} or
 *                   {@code /v2/Services/VA…/Verifications}, as sent (not decoded)
 * @param rawQuery   the query as sent, {@code null} without one
 * @param query      the query's parameters, decoded, in order
 * @param form       the form parameters of the body, decoded, in order; a repeated name keeps every value
 * @param headers    the headers, names in lower case
 * @param receivedAt when it arrived
 * @param status     the HTTP status answered, {@value #NO_ANSWER} when the connection was dropped instead
 */
public record RecordedRequest(String method, String prefix, String path, String rawQuery, Map<String, List<String>> query,
                              Map<String, List<String>> form, Map<String, List<String>> headers, Instant receivedAt, int status) {

    /** The status of a request not answered yet. */
    public static final int NOT_ANSWERED = 0;
    /** The status of a request whose connection was dropped instead of answered. */
    public static final int NO_ANSWER = -1;

    public RecordedRequest {
        query = ordered(query);
        form = ordered(form);
        headers = ordered(headers);
    }

    /** The first value of a form parameter, else of a query parameter, else {@code null}. */
    public String param(String name) {
        List<String> values = params(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a form parameter, else of a query parameter, in order. */
    public List<String> params(String name) {
        List<String> values = form.get(name);
        if (values == null) {
            values = query.get(name);
        }
        return values == null ? List.of() : values;
    }

    /** The first value of a header, whatever the case of its name, else {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The {@code Authorization} header as sent. */
    public String authorization() {
        return header("Authorization");
    }

    /** The user of Basic authentication (account SID or API key SID), or {@code null}. */
    public String user() {
        String authorization = authorization();
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** The request target as sent: prefix, path and query. */
    public String url() {
        return prefix + path + (rawQuery == null ? "" : "?" + rawQuery);
    }

    /** Whether it asked to create a message ({@code POST …/Messages.json}). */
    public boolean isMessageCreation() {
        return "POST".equals(method) && path.startsWith(TwilioPaths.API) && path.endsWith("/Messages.json");
    }

    private static Map<String, List<String>> ordered(Map<String, List<String>> parameters) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    RecordedRequest answered(int answeredStatus) {
        return new RecordedRequest(method, prefix, path, rawQuery, query, form, headers, receivedAt, answeredStatus);
    }

    @Override
    public String toString() {
        // The Authorization header carries a secret: it stays out of test output and logs.
        return "RecordedRequest[" + method + " " + url() + ", form=" + form.keySet() + ", status=" + status + "]";
    }
}
