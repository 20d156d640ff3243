package dev.twilioconnector.core.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and checks a task's message options as a process holds them, before any request: media URLs
 * (text separated by commas or whitespace, a collection, a JSON array), the status callback, the
 * content template and its variables (a map or JSON text), and the scheduled time (ISO-8601 with its
 * zone, or a date).
 */
public final class MessageOptionsParser {

    public static final int MAX_MEDIA = 10;
    /** Twilio schedules from 15 minutes to 35 days ahead. */
    public static final Duration EARLIEST_SCHEDULE = Duration.ofMinutes(15);
    public static final Duration LATEST_SCHEDULE = Duration.ofDays(35);

    public static final String TOO_MANY_MEDIA = "smsMediaUrl names %d media URLs; Twilio accepts at most " + MAX_MEDIA;
    public static final String MEDIA_NOT_URL = "smsMediaUrl '%s' is not an http(s) URL";
    public static final String CALLBACK_NOT_URL = "smsStatusCallback '%s' is not an http(s) URL";
    public static final String CONTENT_SID_FORMAT = "smsContentSid '%s' must be a content template SID starting with HX";
    public static final String CONTENT_VARIABLES_NOT_JSON = "smsContentVariables must be a JSON object of template variables, e.g. {\"1\":\"Ada\"}";
    public static final String CONTENT_VARIABLES_WITHOUT_SID = "smsContentVariables is set without smsContentSid";
    public static final String SEND_AT_FORMAT = "smsSendAt '%s' is not a time with its zone, e.g. 2026-12-24T09:00:00Z";
    public static final String SEND_AT_RANGE = "smsSendAt %s is not between 15 minutes and 35 days from now, as Twilio requires";

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public MessageOptionsParser(Clock clock) {
        this.clock = clock;
    }

    /** The options, or the first problem found (a problem of the whole send: nothing is sent). */
    public Parsed parse(Object media, Object statusCallback, Object contentSid, Object contentVariables, Object sendAt) {
        try {
            List<URI> urls = mediaUrls(media);
            URI callback = statusCallback == null || statusCallback.toString().isBlank()
                    ? null : httpUrl(statusCallback.toString().trim(), CALLBACK_NOT_URL);
            String content = contentSid(contentSid);
            String variables = contentVariables(contentVariables);
            if (variables != null && content == null) {
                throw new Invalid(CONTENT_VARIABLES_WITHOUT_SID);
            }
            return new Parsed(new MessageOptions(urls, callback, content, variables, sendAt(sendAt)), null);
        } catch (Invalid e) {
            return new Parsed(null, Problem.ofWholeSend(e.getMessage()));
        }
    }

    /** @param options the options when {@code problem} is {@code null} */
    public record Parsed(MessageOptions options, Problem problem) {
    }

    private static List<URI> mediaUrls(Object media) {
        List<String> texts = new ArrayList<>();
        if (media instanceof Collection<?> collection) {
            collection.stream().filter(element -> element != null && !element.toString().isBlank())
                    .forEach(element -> texts.add(element.toString().trim()));
        } else if (media != null && !media.toString().isBlank()) {
            String text = media.toString().trim();
            if (text.startsWith("[")) {
                try {
                    JSON.readTree(text).forEach(element -> texts.add(element.asText().trim()));
                } catch (JsonProcessingException e) {
                    throw new Invalid(MEDIA_NOT_URL.formatted(text));
                }
            } else {
                for (String part : SEPARATORS.split(text)) {
                    if (!part.isEmpty()) {
                        texts.add(part);
                    }
                }
            }
        }
        if (texts.size() > MAX_MEDIA) {
            throw new Invalid(TOO_MANY_MEDIA.formatted(texts.size()));
        }
        List<URI> urls = new ArrayList<>();
        for (String text : texts) {
            urls.add(httpUrl(text, MEDIA_NOT_URL));
        }
        return urls;
    }

    private static URI httpUrl(String text, String problem) {
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new Invalid(problem.formatted(text));
    }

    private static String contentSid(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String sid = value.toString().trim();
        if (!sid.startsWith("HX")) {
            throw new Invalid(CONTENT_SID_FORMAT.formatted(sid));
        }
        return sid;
    }

    private static String contentVariables(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            if (value instanceof Map<?, ?> map) {
                return JSON.writeValueAsString(map);
            }
            JsonNode node = JSON.readTree(value.toString());
            if (node == null || !node.isObject()) {
                throw new Invalid(CONTENT_VARIABLES_NOT_JSON);
            }
            return node.toString();
        } catch (JsonProcessingException e) {
            throw new Invalid(CONTENT_VARIABLES_NOT_JSON);
        }
    }

    private Instant sendAt(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        Instant at;
        if (value instanceof Instant instant) {
            at = instant;
        } else if (value instanceof Date date) {
            at = date.toInstant();
        } else if (value instanceof OffsetDateTime offset) {
            at = offset.toInstant();
        } else if (value instanceof ZonedDateTime zoned) {
            at = zoned.toInstant();
        } else {
            try {
                at = OffsetDateTime.parse(value.toString().trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new Invalid(SEND_AT_FORMAT.formatted(value));
            }
        }
        Instant now = clock.instant();
        if (at.isBefore(now.plus(EARLIEST_SCHEDULE)) || at.isAfter(now.plus(LATEST_SCHEDULE))) {
            throw new Invalid(SEND_AT_RANGE.formatted(at));
        }
        return at;
    }

    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
