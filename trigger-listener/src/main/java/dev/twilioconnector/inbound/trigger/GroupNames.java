package dev.twilioconnector.inbound.trigger;

import java.util.ArrayList;
import java.util.List;

/**
 * The named groups of a regular expression, in the order they open. Java 17's {@code Matcher} cannot
 * list them, so they are read from the pattern text: {@code (?<name>…)}, skipping escaped characters,
 * character classes and {@code \Q…\E} quotes, where the same letters mean something else.
 */
final class GroupNames {

    private GroupNames() {
    }

    static List<String> of(String regex) {
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
