package dev.twilioconnector.inbound.trigger;

import java.util.Collections;
import java.util.Map;

/**
 * A message body matched by a trigger.
 *
 * @param trigger the trigger that matched first
 * @param groups  every named group of its pattern, in order: the matched text, or {@code null} for an
 *                optional group that did not take part
 */
public record TriggerMatch(Trigger trigger, Map<String, String> groups) {

    public TriggerMatch {
        groups = Collections.unmodifiableMap(groups);
    }
}
