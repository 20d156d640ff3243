package dev.twilioconnector.core.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a duration as people write it in environment variables: {@code 500ms}, {@code 10s}, {@code 2m}, {@code PT5S}, or bare milliseconds. */
final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private DurationText() {
    }

    static Duration parse(String name, String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE.matcher(trimmed);
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                String unit = simple.group(2) == null ? "ms" : simple.group(2);
                return switch (unit) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofMillis(amount);
                };
            }
            return Duration.parse(text.trim());
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // NumberFormatException and ArithmeticException: more than a Duration holds, e.g. 99999999999999999999s
            throw new IllegalArgumentException(name + " is not a duration: '" + text + "' (write e.g. 500ms, 10s or PT10S)", e);
        }
    }
}
