package dev.twilioconnector.core.recipient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twilioconnector.core.sms.Problem;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns whatever a process holds as "smsTo" into checked recipients: a String separated by commas,
 * semicolons, whitespace or newlines; a JSON array as text; a Collection or an array. A recipient
 * given twice is messaged once. Each invalid entry becomes a {@link Problem} of its own, so the valid
 * ones are still sent.
 */
public final class Recipients {

    public static final String NO_RECIPIENTS = "smsTo names no recipient";
    public static final String UNREADABLE_JSON = "smsTo looks like a JSON array but cannot be read: %s";
    public static final String UNSUPPORTED_TYPE =
            "smsTo must be text, a collection, an array or a JSON array of phone numbers, not %s";

    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Recipients() {
    }

    /** The parsed recipients; {@link RecipientList#problems()} names each entry that cannot be messaged. */
    public static RecipientList parse(Object raw) {
        List<String> entries;
        try {
            entries = entries(raw);
        } catch (IllegalArgumentException e) {
            return new RecipientList(List.of(), List.of(Problem.ofWholeSend(e.getMessage())));
        }
        Set<String> valid = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (String entry : entries) {
            PhoneAddress.check(entry).ifPresentOrElse(
                    reason -> problems.add(new Problem(entry, PhoneAddress.INVALID_NUMBER_CODE, null, reason)),
                    () -> valid.add(PhoneAddress.normalise(entry)));
        }
        if (valid.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.ofWholeSend(NO_RECIPIENTS));
        }
        return new RecipientList(List.copyOf(valid), problems);
    }

    private static List<String> entries(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof CharSequence text) {
            String trimmed = text.toString().trim();
            // "{" too: a JSON object is not a list of numbers, and splitting it would report its fragments as numbers
            return trimmed.startsWith("[") || trimmed.startsWith("{") ? fromJson(trimmed) : split(trimmed);
        }
        if (raw instanceof Collection<?> collection) {
            return fromElements(collection);
        }
        if (raw.getClass().isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(raw); i++) {
                elements.add(Array.get(raw, i));
            }
            return fromElements(elements);
        }
        throw new IllegalArgumentException(UNSUPPORTED_TYPE.formatted(raw.getClass().getSimpleName()));
    }

    private static List<String> split(String text) {
        List<String> entries = new ArrayList<>();
        for (String part : SEPARATORS.split(text)) {
            if (!part.isEmpty()) {
                entries.add(part);
            }
        }
        return entries;
    }

    private static List<String> fromElements(Collection<?> elements) {
        List<String> entries = new ArrayList<>();
        for (Object element : elements) {
            if (element != null && !element.toString().isBlank()) {
                entries.add(element.toString().trim());
            }
        }
        return entries;
    }

    private static List<String> fromJson(String text) {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(UNREADABLE_JSON.formatted(e.getOriginalMessage()), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(UNREADABLE_JSON.formatted("it is not an array"));
        }
        List<String> entries = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isValueNode() || element.isNull()) {
                throw new IllegalArgumentException(UNREADABLE_JSON.formatted("every element must be a phone number, found " + element));
            }
            if (!element.asText().isBlank()) {
                entries.add(element.asText().trim());
            }
        }
        return entries;
    }
}
