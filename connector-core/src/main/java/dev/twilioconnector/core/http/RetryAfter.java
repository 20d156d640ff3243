package dev.twilioconnector.core.http;

import com.twilio.http.Response;
import org.apache.hc.core5.http.Header;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header of a response, in delay-seconds or HTTP-date form. */
final class RetryAfter {

    private RetryAfter() {
    }

    static Duration of(Response response) {
        Header[] headers = response.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Header header : headers) {
            if ("Retry-After".equalsIgnoreCase(header.getName()) && header.getValue() != null) {
                return parse(header.getValue().trim(), Instant.now());
            }
        }
        return null;
    }

    static Duration parse(String value, Instant now) {
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(now, at);
                return delay.isNegative() ? Duration.ZERO : delay;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
