package dev.twilioconnector.flowable.delegate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** Times as a process holds them (a {@link Date}, a {@code java.time} value, ISO-8601 text) as the instants requests take. */
final class TimeInput {

    static final String NOT_A_DATE = "%s '%s' is not a date (2026-11-22) or a time with its zone (2026-11-22T09:00:00Z)";
    static final String NOT_A_ZONED_TIME = "%s '%s' is not a time with its zone, e.g. 2026-12-24T09:00:00Z";

    private TimeInput() {
    }

    /**
     * A filter's time: a date stands for its start in UTC.
     *
     * @throws InputProblem {@code value} is neither
     */
    static Instant dateOrTime(String field, Object value) {
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value != null && !(value instanceof CharSequence)) {
            return time(field, value, NOT_A_DATE);
        }
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputProblem(NOT_A_DATE.formatted(field, text));
        }
    }

    /**
     * A moment, which text must give with its zone.
     *
     * @throws InputProblem {@code value} is none
     */
    static Instant zonedTime(String field, Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (!(value instanceof CharSequence)) {
            return time(field, value, NOT_A_ZONED_TIME);
        }
        try {
            return OffsetDateTime.parse(value.toString().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputProblem(NOT_A_ZONED_TIME.formatted(field, value));
        }
    }

    private static Instant time(String field, Object value, String problem) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        throw new InputProblem(problem.formatted(field, value));
    }
}
