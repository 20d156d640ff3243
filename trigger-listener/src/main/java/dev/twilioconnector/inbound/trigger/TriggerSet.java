package dev.twilioconnector.inbound.trigger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The triggers of the trigger file, tried in file order; the first whose pattern matches the whole
 * trimmed body wins. Patterns come from configuration but bodies come from strangers, so each match
 * may take at most {@code matchTimeout}; a match that runs out of time counts as no match.
 */
public final class TriggerSet {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerSet.class);

    private final List<Trigger> triggers;
    private final Duration matchTimeout;

    public TriggerSet(List<Trigger> triggers, Duration matchTimeout) {
        this.triggers = List.copyOf(triggers);
        this.matchTimeout = matchTimeout;
    }

    public static TriggerSet none() {
        return new TriggerSet(List.of(), Duration.ofMillis(250));
    }

    public List<Trigger> triggers() {
        return triggers;
    }

    public Optional<TriggerMatch> match(String body) {
        String text = body == null ? "" : body.trim();
        for (Trigger trigger : triggers) {
            Matcher matcher = trigger.pattern().matcher(new DeadlineText(text, System.nanoTime() + matchTimeout.toNanos()));
            try {
                if (matcher.matches()) {
                    Map<String, String> groups = new LinkedHashMap<>();
                    for (String name : trigger.groupNames()) {
                        groups.put(name, matcher.group(name));
                    }
                    return Optional.of(new TriggerMatch(trigger, groups));
                }
            } catch (DeadlineText.MatchTimedOut e) {
                LOG.warn("Trigger '{}' gave up matching a {}-character message after {} ms; counted as no match",
                        trigger.name(), text.length(), matchTimeout.toMillis());
            } catch (StackOverflowError e) {
                // Java's regex engine recurses per repetition: a long body can exhaust the stack before the deadline.
                LOG.warn("Trigger '{}' ran out of stack matching a {}-character message; counted as no match",
                        trigger.name(), text.length());
            }
        }
        return Optional.empty();
    }
}
