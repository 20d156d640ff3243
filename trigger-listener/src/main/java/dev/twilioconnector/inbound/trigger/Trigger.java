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
 * @param toAll      {@code deliver: all}: the message wakes every instance waiting for it, not only the one it answers
 */
public record Trigger(String name, Pattern pattern, List<String> groupNames, SmsTemplate echo, SmsTemplate echoError, boolean toAll) {

    public Trigger {
        groupNames = List.copyOf(groupNames);
    }

    /** A trigger whose message wakes only the instance it answers ({@code deliver: one}). */
    public Trigger(String name, Pattern pattern, List<String> groupNames, SmsTemplate echo, SmsTemplate echoError) {
        this(name, pattern, groupNames, echo, echoError, false);
    }
}
