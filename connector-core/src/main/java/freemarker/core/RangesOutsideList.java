package freemarker.core;

import freemarker.template.Template;

import java.util.Optional;

/**
 * Finds a range ({@code a..b}, {@code a..}) a template uses anywhere but as what {@code <#list>} lists.
 *
 * <p>Part of the Twilio connector, not of FreeMarker: it sits in FreeMarker's package because the parsed
 * tree's parameters are visible only there. Why it exists: a {@code <#list>} loop can be stopped at the
 * render timeout (FreeMarker checks for the interrupt at each round), but the sequence built-ins
 * ({@code ?filter}, {@code ?map}, {@code ?seq_contains}, {@code ?join} …) run their loop inside one call,
 * where no check is made: over {@code 1..2000000000} they hold the engine's thread for half a minute, over
 * {@code 1..} forever. Sequences that come from the process's variables are as long as that data, so only
 * ranges, the one way a template makes up a long sequence from nothing, are kept to {@code <#list>}.
 */
public final class RangesOutsideList {

    private RangesOutsideList() {
    }

    /** The first such range, as written in the template, or empty when there is none. */
    public static Optional<String> in(Template template) {
        return find(template.getRootTreeNode(), false);
    }

    private static Optional<String> find(TemplateObject node, boolean listed) {
        if (node instanceof Range range && !listed) {
            return Optional.of(range.getCanonicalForm());
        }
        for (int i = 0; i < node.getParameterCount(); i++) {
            if (node.getParameterValue(i) instanceof TemplateObject parameter) {
                boolean whatIsListed = node instanceof IteratorBlock && i == 0;
                Optional<String> found = find(parameter, whatIsListed || listed && node instanceof ParentheticalExpression);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node instanceof TemplateElement element) {
            for (int i = 0; i < element.getChildCount(); i++) {
                Optional<String> found = find((TemplateElement) element.getChildAt(i), false);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
