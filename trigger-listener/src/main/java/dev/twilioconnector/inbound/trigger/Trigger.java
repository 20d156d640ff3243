package dev.twilioconnector.inbound.trigger;

import dev.twilioconnector.core.template.SmsTemplate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of the trigger file.
 *
 * @param name       what {@code SMS_RECEIVED} carries as {@code trigger}, and processes correlate on
 * @param pattern    matched against the whole trimmed message body
 * @param groupNames the pattern's named groups, in order
 * @param echo       the reply after the event was handed to the engine, or {@code null} for none
 * @param echoError  the reply when that failed, or {@code null} for none
 */
public record Trigger(String name, Pattern pattern, List<String> groupNames, SmsTemplate echo, SmsTemplate echoError) {

    public Trigger {
        groupNames = List.copyOf(groupNames);
    }
}
