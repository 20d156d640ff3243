package dev.twilioconnector.inbound.trigger;

import dev.twilioconnector.core.template.SmsTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static dev.twilioconnector.inbound.trigger.TriggerFile.DUPLICATE_NAME;
import static dev.twilioconnector.inbound.trigger.TriggerFile.INVALID_PATTERN;
import static dev.twilioconnector.inbound.trigger.TriggerFile.INVALID_TEMPLATE;
import static dev.twilioconnector.inbound.trigger.TriggerFile.MISSING_NAME;
import static dev.twilioconnector.inbound.trigger.TriggerFile.MISSING_PATTERN;
import static dev.twilioconnector.inbound.trigger.TriggerFile.NOT_A_MAP;
import static dev.twilioconnector.inbound.trigger.TriggerFile.NOT_FOUND;
import static dev.twilioconnector.inbound.trigger.TriggerFile.NOT_TEXT;
import static dev.twilioconnector.inbound.trigger.TriggerFile.NOT_YAML;
import static dev.twilioconnector.inbound.trigger.TriggerFile.NO_TRIGGERS_LIST;
import static dev.twilioconnector.inbound.trigger.TriggerFile.RESERVED_GROUP;
import static dev.twilioconnector.inbound.trigger.TriggerFile.UNKNOWN_KEY;
import static dev.twilioconnector.inbound.trigger.TriggerFile.UNKNOWN_TOP_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TriggerFileTest {

    private static final Duration TIMEOUT = Duration.ofMillis(250);

    @TempDir
    Path dir;

    // --- the contract example, from every kind of location ---

    @Test
    void theContractExampleLoadsFromTheClasspath() {
        assertOrderStatus(load("classpath:triggers/contract.yml"));
    }

    @Test
    void aLeadingSlashAfterClasspathIsAccepted() {
        assertOrderStatus(load("classpath:/triggers/contract.yml"));
    }

    @Test
    void theContractExampleLoadsFromAPlainFilePath() throws IOException {
        Path file = copy("contract.yml");

        assertOrderStatus(load(file.toString()));
    }

    @Test
    void theContractExampleLoadsFromAFileUrl() throws IOException {
        Path file = copy("contract.yml");

        assertThat(file.toUri().toString()).startsWith("file:");
        assertOrderStatus(load(file.toUri().toString()));
    }

    @Test
    void theTriggerCarriesItsNamePatternGroupsAndTemplates() throws Exception {
        TriggerSet set = load("classpath:triggers/contract.yml");

        assertThat(set.triggers()).hasSize(1);
        Trigger trigger = set.triggers().get(0);
        assertThat(trigger.name()).isEqualTo("orderStatus");
        assertThat(trigger.pattern().pattern()).isEqualTo("Order Number (?<orderNumber>.+)");
        assertThat(trigger.groupNames()).containsExactly("orderNumber");
        assertThat(trigger.echo().render(trigger.echo().scope(Map.of("orderNumber", "4711")), "+1"))
                .isEqualTo("Your reference number is 4711");
        assertThat(trigger.echoError().render(trigger.echoError().scope(Map.of()), "+1"))
                .isEqualTo("There was a problem publishing that event.");
    }

    @Test
    void aTriggerWithoutEchoHasNone() throws IOException {
        Path file = write("no-echo.yml", "triggers:\n  - name: silent\n    pattern: 'quiet'\n");

        Trigger trigger = load(file.toString()).triggers().get(0);

        assertThat(trigger.echo()).isNull();
        assertThat(trigger.echoError()).isNull();
    }

    @Test
    void anEmptyTriggersListIsValidAndMatchesNothing() throws IOException {
        Path file = write("empty.yml", "triggers: []\n");

        TriggerSet set = load(file.toString());

        assertThat(set.triggers()).isEmpty();
        assertThat(set.match("Order Number 4711")).isEmpty();
    }

    // --- one problem per file ---

    @Test
    void anInvalidRegexNamesTheTriggerAndThePatternError() {
        InvalidTriggerFile e = invalid("classpath:triggers/invalid-regex.yml");

        String syntaxError = catchThrowableOfType(PatternSyntaxException.class, () -> Pattern.compile("Order (?<orderNumber>\\d+"))
                .getMessage().replace(System.lineSeparator(), " ");
        assertThat(e.problems()).containsExactly(INVALID_PATTERN.formatted("broken", syntaxError));
        assertThat(e.getMessage()).contains("trigger 'broken' has an invalid pattern").contains("Unclosed group");
        assertThat(e.getMessage()).doesNotContain("'fine'");
    }

    @Test
    void aDuplicateNameIsReported() {
        InvalidTriggerFile e = invalid("classpath:triggers/duplicate-name.yml");

        assertThat(e.problems()).containsExactly(DUPLICATE_NAME.formatted("orderStatus"));
        assertThat(e.getMessage()).contains("trigger 'orderStatus' is defined more than once");
    }

    @Test
    void aMissingNameNamesThePosition() {
        InvalidTriggerFile e = invalid("classpath:triggers/missing-name.yml");

        assertThat(e.problems()).containsExactly(MISSING_NAME.formatted("trigger #2"));
        assertThat(e.getMessage()).contains("trigger #2 has no name");
    }

    @Test
    void aBlankNameCountsAsMissing() throws IOException {
        Path file = write("blank-name.yml", "triggers:\n  - name: '  '\n    pattern: 'x'\n");

        assertThat(invalid(file.toString()).problems()).containsExactly(MISSING_NAME.formatted("trigger #1"));
    }

    @Test
    void aMissingPatternIsReported() {
        InvalidTriggerFile e = invalid("classpath:triggers/missing-pattern.yml");

        assertThat(e.problems()).containsExactly(MISSING_PATTERN.formatted("patternless"));
        assertThat(e.getMessage()).contains("trigger 'patternless' has no pattern");
    }

    @Test
    void anUnknownKeyIsReportedWithTheKnownOnes() {
        InvalidTriggerFile e = invalid("classpath:triggers/unknown-key.yml");

        assertThat(e.problems()).containsExactly(UNKNOWN_KEY.formatted("typo", "ehco"));
        assertThat(e.getMessage()).contains("trigger 'typo' has the unknown key 'ehco'").contains("echo, echoError, name, pattern");
    }

    @Test
    void anEchoThatDoesNotParseIsReported() {
        InvalidTriggerFile e = invalid("classpath:triggers/bad-echo.yml");

        assertThat(e.problems()).singleElement().asString()
                .startsWith(INVALID_TEMPLATE.formatted("badEcho", TriggerFile.ECHO, ""))
                .contains("syntax error at line 1");
    }

    @Test
    void anEchoErrorThatDoesNotParseIsReported() {
        InvalidTriggerFile e = invalid("classpath:triggers/bad-echo-error.yml");

        assertThat(e.problems()).singleElement().asString()
                .startsWith(INVALID_TEMPLATE.formatted("badEchoError", TriggerFile.ECHO_ERROR, ""))
                .contains("syntax error");
    }

    @Test
    void aGroupNamedLikeAReservedVariableIsRefused() {
        InvalidTriggerFile e = invalid("classpath:triggers/reserved-group.yml");

        assertThat(TriggerFile.RESERVED).contains("from");
        assertThat(e.problems()).containsExactly(RESERVED_GROUP.formatted("forward", "from", "from"));
        assertThat(e.getMessage()).contains("trigger 'forward' names a group 'from'");
    }

    @Test
    void everyReservedNameIsRefusedAsAGroup() throws IOException {
        for (String reserved : TriggerFile.RESERVED) {
            Path file = write("reserved-" + reserved + ".yml",
                    "triggers:\n  - name: t\n    pattern: '(?<" + reserved + ">.+)'\n");

            assertThat(invalid(file.toString()).problems()).containsExactly(RESERVED_GROUP.formatted("t", reserved, reserved));
        }
    }

    @Test
    void aPatternThatIsNotTextIsReported() {
        InvalidTriggerFile e = invalid("classpath:triggers/non-text-pattern.yml");

        assertThat(e.problems()).containsExactly(
                NOT_TEXT.formatted("numeric", TriggerFile.PATTERN),
                NOT_TEXT.formatted("listed", TriggerFile.PATTERN));
    }

    @Test
    void anEntryThatIsNotAMapNamesThePosition() {
        InvalidTriggerFile e = invalid("classpath:triggers/entry-not-a-map.yml");

        assertThat(e.problems()).containsExactly(NOT_A_MAP.formatted("trigger #1"));
    }

    @Test
    void aFileWithoutTriggersListIsRefused() {
        assertThat(invalid("classpath:triggers/no-triggers-list.yml").problems()).containsExactly(NO_TRIGGERS_LIST);
        assertThat(invalid("classpath:triggers/triggers-not-a-list.yml").problems()).containsExactly(NO_TRIGGERS_LIST);
    }

    @Test
    void anEmptyFileHasNoTriggersList() throws IOException {
        Path file = write("empty-file.yml", "");

        assertThat(invalid(file.toString()).problems()).containsExactly(NO_TRIGGERS_LIST);
    }

    @Test
    void anUnknownTopLevelKeyIsReported() {
        InvalidTriggerFile e = invalid("classpath:triggers/unknown-top-key.yml");

        assertThat(e.problems()).containsExactly(UNKNOWN_TOP_KEY.formatted("settings"));
    }

    @Test
    void aFileThatIsNotYamlIsReported() {
        String location = "classpath:triggers/not-yaml.yml";

        InvalidTriggerFile e = invalid(location);

        assertThat(e.problems()).singleElement().asString().startsWith(NOT_YAML.formatted(location, ""));
        assertThat(e.getMessage()).contains(location);
    }

    @Test
    void aMissingClasspathResourceIsReported() {
        String location = "classpath:triggers/does-not-exist.yml";

        InvalidTriggerFile e = invalid(location);

        assertThat(e.problems()).containsExactly(NOT_FOUND.formatted(location));
        assertThat(e.getMessage()).contains("does not exist");
    }

    @Test
    void aMissingFileIsReported() {
        String path = dir.resolve("nope.yml").toString();
        String url = dir.resolve("nope.yml").toUri().toString();

        assertThat(invalid(path).problems()).containsExactly(NOT_FOUND.formatted(path));
        assertThat(invalid(url).problems()).containsExactly(NOT_FOUND.formatted(url));
    }

    // --- everything at once ---

    @Test
    void severalProblemsAreAllReportedAtOnce() {
        String location = "classpath:triggers/several-problems.yml";

        InvalidTriggerFile e = invalid(location);

        String unclosed = catchThrowableOfType(PatternSyntaxException.class, () -> Pattern.compile("(unclosed"))
                .getMessage().replace(System.lineSeparator(), " ");
        assertThat(e.problems()).hasSize(8);
        assertThat(e.problems()).contains(
                UNKNOWN_TOP_KEY.formatted("extra"),
                INVALID_PATTERN.formatted("broken", unclosed),
                MISSING_NAME.formatted("trigger #2"),
                MISSING_PATTERN.formatted("patternless"),
                UNKNOWN_KEY.formatted("typo", "ehco"),
                DUPLICATE_NAME.formatted("broken"),
                RESERVED_GROUP.formatted("reserved", "to", "to"));
        assertThat(e.problems()).anySatisfy(problem ->
                assertThat(problem).startsWith(INVALID_TEMPLATE.formatted("badEcho", TriggerFile.ECHO, "")));
        assertThat(e.getMessage()).startsWith("Trigger file " + location + " is invalid:");
        for (String problem : e.problems()) {
            assertThat(e.getMessage()).contains("\n  - " + problem);
        }
    }

    @Test
    void theProblemsCannotBeChangedFromOutside() {
        InvalidTriggerFile e = invalid("classpath:triggers/several-problems.yml");

        assertThat(catchThrowableOfType(UnsupportedOperationException.class, () -> e.problems().clear())).isNotNull();
    }

    // --- helpers ---

    private static void assertOrderStatus(TriggerSet set) {
        assertThat(set.triggers()).extracting(Trigger::name).containsExactly("orderStatus");
        Optional<TriggerMatch> match = set.match("Order Number 4711");
        assertThat(match).isPresent();
        assertThat(match.get().trigger().name()).isEqualTo("orderStatus");
        assertThat(match.get().groups()).containsExactly(Map.entry("orderNumber", "4711"));
    }

    @Test
    void anEmptyPatternIsAMissingPattern() {
        assertThat(invalid("classpath:triggers/empty-pattern.yml").problems())
                .containsExactly(TriggerFile.MISSING_PATTERN.formatted("empty"));
    }

    @Test
    void aKeyGivenTwiceInOneTriggerIsRefused() {
        assertThat(invalid("classpath:triggers/duplicate-key.yml").problems()).singleElement().asString()
                .contains("not valid YAML").contains("duplicate key pattern");
    }

    @Test
    void aRelativeFileLocationIsReadFromTheWorkingDirectory() throws IOException {
        Path file = Files.createTempFile(Path.of("target"), "relative triggers", ".yml");
        try {
            Files.copy(copy("contract.yml"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertOrderStatus(load("file:./target/" + file.getFileName()));
            assertOrderStatus(load("file:" + file.toAbsolutePath()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static TriggerSet load(String location) {
        return TriggerFile.load(location, new SmsTemplates(), TIMEOUT);
    }

    private static InvalidTriggerFile invalid(String location) {
        InvalidTriggerFile e = catchThrowableOfType(InvalidTriggerFile.class, () -> load(location));
        assertThat(e).as("loading %s fails with InvalidTriggerFile", location).isNotNull();
        assertThat(e.problems()).isNotEmpty();
        assertThat(e.getMessage()).contains(location);
        return e;
    }

    private Path copy(String resource) throws IOException {
        Path file = dir.resolve("copy-of-" + resource);
        try (InputStream in = TriggerFileTest.class.getResourceAsStream("/triggers/" + resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
