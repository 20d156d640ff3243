package dev.twilioconnector.flowable.delegate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.sms.MessageOptions;
import dev.twilioconnector.flowable.action.SendSmsFields;
import org.flowable.engine.delegate.DelegateExecution;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A SEND_SMS task's message options as the request takes them: media URLs from text separated by commas or
 * whitespace, a collection or a JSON array; the status callback as a URL; the content template's variables
 * from a map or JSON text; the scheduled time from a date or text with its zone. Whether Twilio would take
 * them is the connector's to say.
 */
final class MessageOptionsInput {

    static final String CONTENT_VARIABLES_NOT_JSON =
            SendSmsFields.CONTENT_VARIABLES + " must be a JSON object of template variables, e.g. {\"1\":\"Ada\"}";

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageOptionsInput() {
    }

    /** @throws InputProblem an option cannot be read as what it stands for */
    static MessageOptions of(TaskInputs inputs, DelegateExecution execution) {
        return new MessageOptions(
                mediaUrls(inputs.value(SendSmsFields.MEDIA_URL, execution)),
                url(inputs.text(SendSmsFields.STATUS_CALLBACK, execution), Refusal.CALLBACK_NOT_HTTP),
                inputs.text(SendSmsFields.CONTENT_SID, execution),
                contentVariables(inputs.value(SendSmsFields.CONTENT_VARIABLES, execution)),
                TimeInput.zonedTime(SendSmsFields.SEND_AT, inputs.value(SendSmsFields.SEND_AT, execution)));
    }

    /**
     * A REPLY's options: its media, nothing else.
     *
     * @throws InputProblem a media URL cannot be read as one
     */
    static MessageOptions media(TaskInputs inputs, DelegateExecution execution) {
        return new MessageOptions(mediaUrls(inputs.value(SendSmsFields.MEDIA_URL, execution)), null, null, null, null);
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
                    throw new InputProblem(Refusal.MEDIA_NOT_HTTP.problem(text));
                }
            } else {
                for (String part : SEPARATORS.split(text)) {
                    if (!part.isEmpty()) {
                        texts.add(part);
                    }
                }
            }
        }
        return texts.stream().map(text -> url(text, Refusal.MEDIA_NOT_HTTP)).toList();
    }

    private static URI url(String text, Refusal notUrl) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InputProblem(notUrl.problem(text.trim()));
        }
    }

    private static Map<String, ?> contentVariables(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> variables = new LinkedHashMap<>();
            map.forEach((name, variable) -> variables.put(String.valueOf(name), variable));
            return variables;
        }
        try {
            JsonNode node = JSON.readTree(value.toString());
            if (node == null || !node.isObject()) {
                throw new InputProblem(CONTENT_VARIABLES_NOT_JSON);
            }
            return JSON.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new InputProblem(CONTENT_VARIABLES_NOT_JSON);
        }
    }
}
