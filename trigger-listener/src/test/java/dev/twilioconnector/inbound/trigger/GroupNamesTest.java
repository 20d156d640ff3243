package dev.twilioconnector.inbound.trigger;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupNamesTest {

    @Test
    void aNameInsideACommentIsNoGroup() {
        String regex = "(?x) Order \\s (?<n>\\d+)  # e.g. (?<example>4711)";

        assertThat(GroupNames.of(regex)).containsExactly("n");
        Matcher matcher = Pattern.compile(regex).matcher("Order 12");
        assertThat(matcher.matches()).isTrue();
        assertThat(matcher.group("n")).isEqualTo("12");
    }

    @Test
    void namedGroupsInTheOrderTheyOpen() {
        assertThat(GroupNames.of("(?<first>\\w+) (?<second>\\d+)-(?<third>.)")).containsExactly("first", "second", "third");
    }

    @Test
    void aPatternWithoutNamedGroupsHasNone() {
        assertThat(GroupNames.of("Order Number (\\d+)(?:x)?")).isEmpty();
        assertThat(GroupNames.of("")).isEmpty();
    }

    @Test
    void nestedGroupsAreListedOuterFirst() {
        String regex = "(?<outer>a(?<inner>b(?<innermost>c))d)(?<last>e)";

        assertThat(GroupNames.of(regex)).containsExactly("outer", "inner", "innermost", "last");
        assertEveryNameIsAGroupOf(regex, "abcde");
    }

    @Test
    void anEscapedParenthesisOpensNoGroup() {
        // \(?<x>\) is an optional literal '(' followed by the literal text "<x>)"
        String regex = "\\(?<x>\\)(?<real>\\d)";

        assertThat(GroupNames.of(regex)).containsExactly("real");
        assertThat(Pattern.compile(regex).matcher("(<x>)7").matches()).isTrue();
        assertEveryNameIsAGroupOf(regex, "<x>)7");
    }

    @Test
    void anEscapedBackslashDoesNotEscapeTheGroupAfterIt() {
        // \\ is a literal backslash; the '(' after it opens a real group
        String regex = "\\\\(?<after>\\d)";

        assertThat(GroupNames.of(regex)).containsExactly("after");
        assertEveryNameIsAGroupOf(regex, "\\5");
    }

    @Test
    void aCharacterClassOpensNoGroup() {
        String regex = "[(?<x>]+(?<y>\\d)";

        assertThat(GroupNames.of(regex)).containsExactly("y");
        assertThat(Pattern.compile(regex).matcher("(?<x>1").matches()).isTrue();
        assertEveryNameIsAGroupOf(regex, "x1");
    }

    @Test
    void nestedCharacterClassesAndAnEscapedBracketInsideOne() {
        String regex = "[a[(?<x>]\\](?<y>]+(?<z>\\d)";

        assertThat(GroupNames.of(regex)).containsExactly("z");
        assertEveryNameIsAGroupOf(regex, "a]9");
    }

    @Test
    void quotedTextOpensNoGroup() {
        String regex = "\\Q(?<x>)\\E(?<y>.)";

        assertThat(GroupNames.of(regex)).containsExactly("y");
        assertThat(Pattern.compile(regex).matcher("(?<x>)!").matches()).isTrue();
        assertEveryNameIsAGroupOf(regex, "(?<x>)!");
    }

    @Test
    void quotedTextWithoutEndRunsToTheEnd() {
        String regex = "(?<before>a)\\Q(?<x>)";

        assertThat(GroupNames.of(regex)).containsExactly("before");
        assertEveryNameIsAGroupOf(regex, "a(?<x>)");
    }

    @Test
    void lookbehindsAreNoNamedGroups() {
        String regex = "(?<=a)(?<y>b)(?<!c)";

        assertThat(GroupNames.of(regex)).containsExactly("y");
        assertThat(GroupNames.of("(?<=x)")).isEmpty();
        assertThat(GroupNames.of("(?<!x)")).isEmpty();
        assertThat(GroupNames.of("a(?<=a)(?<!b)")).isEmpty();
    }

    @Test
    void namedGroupsInsideLookarounds() {
        String regex = "(?=(?<ahead>\\d))(?<all>\\d+)(?<=(?<behind>\\d))";

        assertThat(GroupNames.of(regex)).containsExactly("ahead", "all", "behind");
        assertEveryNameIsAGroupOf(regex, "123");
    }

    @Test
    void theContractPatterns() {
        assertThat(GroupNames.of("Order Number (?<orderNumber>.+)")).containsExactly("orderNumber");
        assertThat(GroupNames.of("(?i)(?<answer>yes|no)")).containsExactly("answer");
        assertEveryNameIsAGroupOf("(?<a1>[a-z]+)\\s(?<B2>\\d{2,4})", "abc 123");
    }

    @Test
    void theCheckBelowRefusesANameThePatternDoesNotHave() {
        Matcher matcher = Pattern.compile("(?<a>x)").matcher("x");
        assertThat(matcher.matches()).isTrue();
        assertThatThrownBy(() -> matcher.group("b")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertEveryNameIsAGroupOf(String regex, String input) {
        Matcher matcher = Pattern.compile(regex).matcher(input);
        assertThat(matcher.find()).as("%s finds something in %s", regex, input).isTrue();
        for (String name : GroupNames.of(regex)) {
            // group(name) throws IllegalArgumentException for a name the pattern does not have
            assertThat(matcher.start(name)).as("start of %s", name).isGreaterThanOrEqualTo(-1);
        }
    }
}
