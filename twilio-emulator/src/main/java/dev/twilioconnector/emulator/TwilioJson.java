package dev.twilioconnector.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Twilio's JSON, field for field as its OpenAPI description has it: the Message resource, errors, and
 * Verify's Verification and VerificationCheck. The 2010-04-01 API writes dates as RFC 2822, Verify v2
 * as ISO 8601.
 */
final class TwilioJson {

    static final String MORE_INFO = "https://www.twilio.com/docs/errors/";

    /** E.g. {@code Sat, 22 Nov 2026 10:00:00 +0000}. */
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private TwilioJson() {
    }

    static Map<String, Object> message(Message message) {
        Map<String, Object> json = new LinkedHashMap<>(32);
        json.put("account_sid", message.accountSid());
        json.put("api_version", TwilioPaths.API_VERSION);
        json.put("body", message.body());
        json.put("date_created", rfc2822(message.dateCreated()));
        json.put("date_sent", message.dateSent() == null ? null : rfc2822(message.dateSent()));
        json.put("date_updated", rfc2822(message.dateUpdated()));
        json.put("direction", message.direction());
        json.put("error_code", message.errorCode());
        json.put("error_message", null);
        json.put("from", message.from());
        json.put("messaging_service_sid", message.messagingServiceSid());
        json.put("num_media", String.valueOf(message.mediaUrls().size()));
        json.put("num_segments", String.valueOf(SmsSegments.of(message.body())));
        json.put("price", null);
        json.put("price_unit", "USD");
        json.put("sid", message.sid());
        json.put("status", message.status());
        json.put("subresource_uris", Map.of("media",
                TwilioPaths.accountUri(message.accountSid()) + "/Messages/" + message.sid() + "/Media.json"));
        json.put("to", message.to());
        json.put("uri", TwilioPaths.messageUri(message.accountSid(), message.sid()));
        return json;
    }

    static String error(int status, int code, String text) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", text);
        json.put("more_info", MORE_INFO + code);
        json.put("status", status);
        return Json.write(json);
    }

    static String rfc2822(Instant instant) {
        return RFC_2822.format(instant);
    }

    static String iso8601(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
