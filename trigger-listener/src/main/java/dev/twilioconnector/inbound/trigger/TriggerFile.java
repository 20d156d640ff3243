package dev.twilioconnector.inbound.trigger;

import dev.twilioconnector.core.template.SmsTemplate;
import dev.twilioconnector.core.template.SmsTemplates;
import dev.twilioconnector.core.template.TemplateProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the trigger file (YAML) and checks every trigger before the application takes a message:
 * names present and unique, a valid pattern, echo templates that parse, no unknown keys. All problems
 * are reported at once, each naming its trigger.
 *
 * <pre>
 * triggers:
 *   - name: orderStatus
 *     pattern: 'Order Number (?&lt;orderNumber&gt;.+)'
 *     echo: 'Your reference number is ${orderNumber}'
 *     echoError: 'There was a problem publishing that event.'
 *     deliver: one    # or all: wake every waiting instance, not only the one the message answers
 * </pre>
 */
public final class TriggerFile {

    public static final String NAME = "name";
    public static final String PATTERN = "pattern";
    public static final String ECHO = "echo";
    public static final String ECHO_ERROR = "echoError";
    public static final String DELIVER = "deliver";
    public static final Set<String> KEYS = Set.of(NAME, PATTERN, ECHO, ECHO_ERROR, DELIVER);
    public static final String DELIVER_ONE = "one";
    public static final String DELIVER_ALL = "all";
    /** Names the echo templates see besides the groups; a group may not take one of them. */
    public static final Set<String> RESERVED = Set.of("from", "to", "originalMessage");

    public static final String NOT_FOUND = "Trigger file %s does not exist";
    public static final String NOT_YAML = "Trigger file %s is not valid YAML: %s";
    public static final String NO_TRIGGERS_LIST = "the file must have a 'triggers' list at its top";
    public static final String UNKNOWN_TOP_KEY = "unknown top-level key '%s' (only 'triggers' is known)";
    public static final String NOT_A_MAP = "%s must be a map with name, pattern, echo, echoError and deliver";
    public static final String MISSING_NAME = "%s has no name";
    public static final String DUPLICATE_NAME = "trigger '%s' is defined more than once";
    public static final String UNKNOWN_KEY = "trigger '%s' has the unknown key '%s' (known: deliver, echo, echoError, name, pattern)";
    public static final String INVALID_DELIVER = "trigger '%s': deliver must be 'one' or 'all', not '%s'";
    public static final String NOT_TEXT = "trigger '%s': %s must be text";
    public static final String MISSING_PATTERN = "trigger '%s' has no pattern";
    public static final String INVALID_PATTERN = "trigger '%s' has an invalid pattern: %s";
    public static final String RESERVED_GROUP = "trigger '%s' names a group '%s', which the echo already uses for the message's %s";
    public static final String INVALID_TEMPLATE = "trigger '%s' has an %s template that does not parse: %s";

    private TriggerFile() {
    }

    /**
     * @param location a file path, {@code file:} URL or {@code classpath:} location
     */
    public static TriggerSet load(String location, SmsTemplates templates, Duration matchTimeout) {
        Object document;
        try (Reader reader = new InputStreamReader(open(location), StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (YAMLException e) {
            throw new InvalidTriggerFile(location, List.of(NOT_YAML.formatted(location, e.getMessage())));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidTriggerFile(location, List.of(NOT_FOUND.formatted(location)));
        }
        List<String> problems = new ArrayList<>();
        List<Trigger> triggers = parse(document, templates, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTriggerFile(location, problems);
        }
        return new TriggerSet(triggers, matchTimeout);
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new NoSuchFileException(location);
            }
            return in;
        }
        return Files.newInputStream(path(location));
    }

    /** {@code file:///abs}, {@code file:/abs}, {@code file:./relative} and plain paths, spaces allowed. */
    private static Path path(String location) {
        if (!location.startsWith("file:")) {
            return Path.of(location);
        }
        String rest = location.substring("file:".length());
        return rest.startsWith("//") ? Path.of(java.net.URI.create(location)) : Path.of(rest);
    }

    private static List<Trigger> parse(Object document, SmsTemplates templates, List<String> problems) {
        if (!(document instanceof Map<?, ?> top) || !(top.get("triggers") instanceof List<?> entries)) {
            problems.add(NO_TRIGGERS_LIST);
            return List.of();
        }
        top.keySet().stream().filter(key -> !"triggers".equals(key))
                .forEach(key -> problems.add(UNKNOWN_TOP_KEY.formatted(key)));
        List<Trigger> triggers = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String position = "trigger #" + (i + 1);
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                problems.add(NOT_A_MAP.formatted(position));
                continue;
            }
            Object rawName = entry.get(NAME);
            if (rawName == null || rawName.toString().isBlank()) {
                problems.add(MISSING_NAME.formatted(position));
                continue;
            }
            String name = rawName.toString().trim();
            if (seen.put(name, i) != null) {
                problems.add(DUPLICATE_NAME.formatted(name));
                continue;
            }
            Trigger trigger = parseTrigger(name, entry, templates, problems);
            if (trigger != null) {
                triggers.add(trigger);
            }
        }
        return triggers;
    }

    private static Trigger parseTrigger(String name, Map<?, ?> entry, SmsTemplates templates, List<String> problems) {
        int before = problems.size();
        entry.keySet().stream().map(String::valueOf).filter(key -> !KEYS.contains(key)).sorted()
                .forEach(key -> problems.add(UNKNOWN_KEY.formatted(name, key)));
        for (String key : List.of(PATTERN, ECHO, ECHO_ERROR)) {
            if (entry.get(key) != null && !(entry.get(key) instanceof String)) {
                problems.add(NOT_TEXT.formatted(name, key));
            }
        }
        Pattern pattern = null;
        List<String> groups = List.of();
        if (!(entry.get(PATTERN) instanceof String regex) || regex.isEmpty()) {
            if (entry.get(PATTERN) == null || "".equals(entry.get(PATTERN))) {
                problems.add(MISSING_PATTERN.formatted(name));
            }
        } else {
            try {
                pattern = Pattern.compile(regex);
                groups = GroupNames.of(regex);
                groups.stream().filter(RESERVED::contains)
                        .forEach(group -> problems.add(RESERVED_GROUP.formatted(name, group, group)));
            } catch (PatternSyntaxException e) {
                problems.add(INVALID_PATTERN.formatted(name, e.getMessage().replace(System.lineSeparator(), " ")));
            }
        }
        SmsTemplate echo = template(name, ECHO, entry, templates, problems);
        SmsTemplate echoError = template(name, ECHO_ERROR, entry, templates, problems);
        Object deliver = entry.get(DELIVER);
        if (deliver != null && !DELIVER_ONE.equals(deliver) && !DELIVER_ALL.equals(deliver)) {
            problems.add(INVALID_DELIVER.formatted(name, deliver));
        }
        return problems.size() == before ? new Trigger(name, pattern, groups, echo, echoError, DELIVER_ALL.equals(deliver)) : null;
    }

    private static SmsTemplate template(String name, String key, Map<?, ?> entry, SmsTemplates templates, List<String> problems) {
        if (!(entry.get(key) instanceof String source) || source.isEmpty()) {
            return null;
        }
        try {
            return templates.compile(source);
        } catch (TemplateProblem e) {
            problems.add(INVALID_TEMPLATE.formatted(name, key, e.getMessage()));
            return null;
        }
    }
}
