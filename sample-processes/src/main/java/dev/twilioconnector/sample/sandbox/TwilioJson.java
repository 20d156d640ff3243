package dev.twilioconnector.sample.sandbox;

import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Twilio's JSON shapes, field for field: the Message resource, list pages and errors. Written with a
 * mapper of its own so application-wide JSON settings (such as leaving out {@code null}s) cannot
 * change what the Twilio SDK reads.
 */
final class TwilioJson {

    static final String API_VERSION = "2010-04-01";
    static final String MORE_INFO = "https://www.twilio.com/docs/errors/";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How Twilio writes dates in its 2010-04-01 API: RFC 2822, e.g. {@code Sat, 22 Nov 2026 10:00:00 +0000}. */
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** The GSM 03.38 basic character set: one septet each. */
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The GSM extension table: an escape and the character, two septets each. */
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private TwilioJson() {
    }

    static String accountUri(String accountSid) {
        return "/" + API_VERSION + "/Accounts/" + accountSid;
    }

    static String messageUri(String accountSid, String sid) {
        return accountUri(accountSid) + "/Messages/" + sid + ".json";
    }

    static Map<String, Object> message(SandboxMessage message, String accountSid, String messagingServiceSid) {
        String date = rfc2822(message.createdAt());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", accountSid);
        json.put("api_version", API_VERSION);
        json.put("body", message.body());
        json.put("date_created", date);
        json.put("date_sent", message.isInbound() ? date : null);
        json.put("date_updated", date);
        json.put("direction", message.direction());
        json.put("error_code", null);
        json.put("error_message", null);
        json.put("from", message.from());
        json.put("messaging_service_sid", messagingServiceSid);
        json.put("num_media", String.valueOf(message.mediaUrls().size()));
        json.put("num_segments", String.valueOf(segments(message.body())));
        json.put("price", null);
        json.put("price_unit", "USD");
        json.put("sid", message.sid());
        json.put("status", message.status());
        json.put("subresource_uris", Map.of("media", accountUri(accountSid) + "/Messages/" + message.sid() + "/Media.json"));
        json.put("to", message.to());
        json.put("uri", messageUri(accountSid, message.sid()));
        return json;
    }

    static Map<String, Object> error(int status, int code, String text) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", text);
        json.put("more_info", MORE_INFO + code);
        json.put("status", status);
        return json;
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    static String rfc2822(Instant instant) {
        return RFC_2822.format(instant);
    }

    /**
     * How many SMS segments a text takes: GSM-7 texts 160 septets in one segment or 153 per segment
     * when split; any other character makes it UCS-2, 70 code units in one segment or 67 per segment.
     */
    static int segments(String body) {
        if (body == null || body.isEmpty()) {
            return 1;
        }
        int septets = 0;
        for (int i = 0; i < body.length() && septets >= 0; i++) {
            char c = body.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                septets = -1;
            }
        }
        if (septets >= 0) {
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = body.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
