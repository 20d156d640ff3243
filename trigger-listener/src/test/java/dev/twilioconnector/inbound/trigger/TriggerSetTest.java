package dev.twilioconnector.inbound.trigger;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TriggerSetTest {

    /** The production default of {@code twilio.triggers.match-timeout}. */
    private static final Duration MATCH_TIMEOUT = Duration.ofMillis(250);
    /** Twilio's longest inbound body: 1,599 a's and a final "!" that makes every a+ pattern backtrack. */
    private static final String HOSTILE = "a".repeat(1599) + "!";

    @Test
    void triggersAreTriedInFileOrderAndTheFirstMatchWins() {
        Trigger general = trigger("general", "Order .*");
        Trigger specific = trigger("specific", "Order Number (?<n>\\d+)");

        assertThat(name(set(general, specific).match("Order Number 4711"))).contains("general");
        assertThat(name(set(specific, general).match("Order Number 4711"))).contains("specific");
        assertThat(name(set(specific, general).match("Order something else"))).contains("general");
    }

    @Test
    void theWholeBodyMustMatch() {
        TriggerSet set = set(trigger("order", "Order Number (?<n>\\d+)"));

        assertThat(set.match("Order Number 4711 please")).isEmpty();
        assertThat(set.match("Re: Order Number 4711")).isEmpty();
        assertThat(set.match("Order Number 4711")).map(m -> m.groups().get("n")).contains("4711");
    }

    @Test
    void leadingAndTrailingWhitespaceIsTrimmed() {
        TriggerSet set = set(trigger("order", "Order Number (?<n>\\d+)"));

        Optional<TriggerMatch> match = set.match("  \t Order Number 4711 \r\n");

        assertThat(match).isPresent();
        assertThat(match.get().groups()).containsExactly(Map.entry("n", "4711"));
    }

    @Test
    void aGreedyGroupDoesNotCatchTheTrailingWhitespace() {
        TriggerSet set = set(trigger("order", "Order Number (?<orderNumber>.+)"));

        assertThat(set.match("Order Number 4711   ")).map(m -> m.groups().get("orderNumber")).contains("4711");
    }

    @Test
    void patternsAreCaseSensitiveUnlessTheySayOtherwise() {
        TriggerSet sensitive = set(trigger("confirm", "(?<answer>yes|no)"));
        TriggerSet insensitive = set(trigger("confirm", "(?i)(?<answer>yes|no)"));

        assertThat(sensitive.match("YES")).isEmpty();
        assertThat(insensitive.match("YES")).map(m -> m.groups().get("answer")).contains("YES");
        assertThat(insensitive.match("No")).map(m -> m.groups().get("answer")).contains("No");
        assertThat(insensitive.match("maybe")).isEmpty();
    }

    @Test
    void anUnmatchedOptionalGroupIsPresentWithValueNull() {
        TriggerSet set = set(trigger("order", "Order (?<number>\\d+)(?: for (?<customer>\\w+))?"));

        TriggerMatch match = set.match("Order 12").orElseThrow();

        assertThat(match.groups()).containsOnlyKeys("number", "customer");
        assertThat(match.groups()).containsEntry("number", "12").containsEntry("customer", null);
        assertThat(match.groups().get("customer")).isNull();
        assertThat(match.groups().values()).doesNotContain("null");
        assertThat(set.match("Order 12 for alice").orElseThrow().groups()).containsEntry("customer", "alice");
    }

    @Test
    void groupsComeInPatternOrderAndCannotBeChanged() {
        TriggerSet set = set(trigger("t", "(?<z>\\d)(?<a>\\d)(?<m>\\d)"));

        TriggerMatch match = set.match("123").orElseThrow();

        assertThat(match.groups().keySet()).containsExactly("z", "a", "m");
        assertThat(match.groups().values()).containsExactly("1", "2", "3");
        assertThatThrownBy(() -> match.groups().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noMatchingTriggerGivesNothing() {
        TriggerSet set = set(trigger("order", "Order Number (?<n>\\d+)"), trigger("confirm", "(?i)yes|no"));

        assertThat(set.match("Hello there")).isEmpty();
        assertThat(set.match("")).isEmpty();
        assertThat(set.match(null)).isEmpty();
        assertThat(TriggerSet.none().match("Order Number 4711")).isEmpty();
        assertThat(TriggerSet.none().triggers()).isEmpty();
    }

    @Test
    void aNullBodyIsMatchedAsEmptyText() {
        TriggerSet set = set(trigger("empty", "\\s*"));

        assertThat(name(set.match(null))).contains("empty");
        assertThat(name(set.match("   "))).contains("empty");
    }

    // --- REDOS: patterns come from the file, bodies from strangers ---

    @Test
    void aNestedQuantifierAgainstAHostileBodyGivesUpInTime() {
        TriggerSet set = set(trigger("evil", "(a+)+$"));

        Optional<TriggerMatch> match = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> set.match(HOSTILE));

        assertThat(match).isEmpty();
    }

    @Test
    void theTriggerAfterACatastrophicOneStillGetsItsChance() {
        TriggerSet set = set(trigger("evil", "(a+)+$"), trigger("shout", "a+!"));

        Optional<TriggerMatch> match = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> set.match(HOSTILE));

        assertThat(name(match)).contains("shout");
    }

    @Test
    void anExponentialPatternIsCutOffByTheDeadline() {
        // (x+x+)+y is exponential even with the JDK's loop memoisation: without the deadline this runs for ages
        TriggerSet set = set(trigger("evil", "(x+x+)+y"), trigger("shout", "x+!"));
        String hostile = "x".repeat(1599) + "!";

        Optional<TriggerMatch> match = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> set.match(hostile));

        assertThat(name(match)).contains("shout");
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(1), () -> set(trigger("evil", "(x+x+)+y")).match(hostile))).isEmpty();
    }

    @Test
    void severalCatastrophicPatternsInARowEachGetTheirOwnDeadline() {
        TriggerSet set = new TriggerSet(Arrays.asList(
                trigger("evil1", "(x+x+)+y"),
                trigger("evil2", "(.*x){12}y"),
                trigger("fine", "(?<all>x+)!")), Duration.ofMillis(150));
        String hostile = "x".repeat(1599) + "!";

        Optional<TriggerMatch> match = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> set.match(hostile));

        assertThat(name(match)).contains("fine");
        assertThat(match.get().groups().get("all")).hasSize(1599);
    }

    @Test
    void aNormalBodyStillMatchesACatastrophicPatternQuickly() {
        TriggerSet set = set(trigger("evil", "(?<letters>(a+)+)$"));

        Optional<TriggerMatch> match = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> set.match("aaaa"));

        assertThat(match).map(m -> m.groups().get("letters")).contains("aaaa");
    }

    @Test
    void runningOutOfStackCountsAsNoMatchAndTheNextTriggerStillRuns() throws Exception {
        TriggerSet set = set(trigger("recursive", "(a|aa)+b"), trigger("shout", "a+!"));
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread smallStack = new Thread(null, () -> {
            try {
                outcome.set(name(set.match(HOSTILE)));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", 256 * 1024);
        smallStack.start();
        smallStack.join(5000);

        assertThat(outcome.get()).isEqualTo(Optional.of("shout"));
    }

    // --- helpers ---

    private static Trigger trigger(String name, String regex) {
        return new Trigger(name, Pattern.compile(regex), GroupNames.of(regex), null, null);
    }

    private static TriggerSet set(Trigger... triggers) {
        return new TriggerSet(Arrays.asList(triggers), MATCH_TIMEOUT);
    }

    private static Optional<String> name(Optional<TriggerMatch> match) {
        return match.map(m -> m.trigger().name());
    }
}
