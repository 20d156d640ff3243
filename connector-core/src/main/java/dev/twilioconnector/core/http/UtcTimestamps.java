package dev.twilioconnector.core.http;

import com.twilio.http.Request;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts the zone back on the date-times the SDK writes. It formats a {@code ZonedDateTime} as
 * {@code yyyy-MM-dd'T'HH:mm:ss}, dropping the zone: Twilio's API description requires an RFC 3339
 * date-time, and without the zone the value does not say which instant it means. The connector hands
 * the SDK UTC times only, so the zone is {@code Z}.
 */
final class UtcTimestamps {

    private static final Set<String> PARAMETERS = Set.of("SendAt", "DateSent", "DateSent>", "DateSent<");
    private static final Pattern WITHOUT_ZONE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

    private UtcTimestamps() {
    }

    static void complete(Request request) {
        complete(request.getPostParams());
        complete(request.getQueryParams());
    }

    private static void complete(Map<String, List<String>> parameters) {
        for (String name : PARAMETERS) {
            List<String> values = parameters.get(name);
            if (values != null) {
                values.replaceAll(value -> WITHOUT_ZONE.matcher(value).matches() ? value + "Z" : value);
            }
        }
    }
}
