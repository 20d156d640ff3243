package dev.twilioconnector.inbound.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The named groups of a regular expression, in the order they open. Java 17's {@code Matcher} cannot
 * list them, so they are read from the pattern text: {@code (?<name>…)}, skipping escaped characters,
 * character classes and {@code \Q…\E} quotes, where the same letters mean something else. What the
 * text suggests is then confirmed by the regex engine itself (a back-reference to a name that is no
 * group does not compile), so a name inside a {@code (?x)} comment is not taken for a group.
 */
final class GroupNames {

    private GroupNames() {
    }

    static List<String> of(String regex) {
        List<String> names = new ArrayList<>();
        for (String candidate : candidates(regex)) {
            if (isGroup(regex, candidate)) {
                names.add(candidate);
            }
        }
        return names;
    }

    private static boolean isGroup(String regex, String name) {
        // \E closes a quote left open at the end; the newline ends a trailing (?x) comment
        String close = endsInsideQuote(regex) ? "\\E\n)" : "\n)";
        try {
            Pattern.compile("(?:" + regex + close + "\\k<" + name + ">");
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static boolean endsInsideQuote(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            if (regex.charAt(i) == '\\') {
                if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    if (end < 0) {
                        return true;
                    }
                    i = end + 1;
                } else {
                    i++;
                }
            }
        }
        return false;
    }

    private static List<String> candidates(String regex) {
        List<String> names = new ArrayList<>();
        int classDepth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? regex.length() : end + 1;
                } else {
                    i++;
                }
            } else if (c == '[') {
                classDepth++;
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
            } else if (classDepth == 0 && regex.startsWith("(?<", i) && i + 3 < regex.length()
                    && regex.charAt(i + 3) != '=' && regex.charAt(i + 3) != '!') {
                int end = regex.indexOf('>', i + 3);
                if (end > i + 3) {
                    names.add(regex.substring(i + 3, end));
                    i = end;
                }
            }
        }
        return names;
    }
}
