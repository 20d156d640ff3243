package dev.twilioconnector.flowable.delegate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twilioconnector.flowable.action.SendSmsFields;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns whatever a process holds as {@code smsTo} into the list of addresses a send takes: a String
 * separated by commas, semicolons, whitespace or newlines; a JSON array as text; a Collection or an
 * array. Whether each address can be messaged is the connector's to say.
 */
final class RecipientInput {

    static final String UNREADABLE_JSON = SendSmsFields.TO + " looks like a JSON array but cannot be read: %s";
    static final String UNSUPPORTED_TYPE =
            SendSmsFields.TO + " must be text, a collection, an array or a JSON array of phone numbers, not %s";

    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecipientInput() {
    }

    /**
     * @param raw the input as plain values ({@link PlainValues})
     * @throws InputProblem it is neither text, nor a collection or array, nor a readable JSON array
     */
    static List<String> addresses(Object raw) {
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
        throw new InputProblem(UNSUPPORTED_TYPE.formatted(raw.getClass().getSimpleName()));
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
            throw new InputProblem(UNREADABLE_JSON.formatted(e.getOriginalMessage()));
        }
        if (array == null || !array.isArray()) {
            throw new InputProblem(UNREADABLE_JSON.formatted("it is not an array"));
        }
        List<String> entries = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isValueNode() || element.isNull()) {
                throw new InputProblem(UNREADABLE_JSON.formatted("every element must be a phone number, found " + element));
            }
            if (!element.asText().isBlank()) {
                entries.add(element.asText().trim());
            }
        }
        return entries;
    }
}
