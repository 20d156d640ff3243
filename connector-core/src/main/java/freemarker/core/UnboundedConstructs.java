package freemarker.core;

import dev.twilioconnector.core.template.SmsTemplate;
import freemarker.template.Template;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what in a parsed template could run past the render timeout or fill the heap despite the
 * bounded output: the connector refuses such a template when it is compiled.
 *
 * <p>Part of the Twilio connector, not of FreeMarker: it sits in FreeMarker's package because the parsed
 * tree's parameters are visible only there. A {@code <#list>} loop stops at the render timeout (FreeMarker
 * checks for the interrupt at each round), but the sequence built-ins ({@code ?filter}, {@code ?map},
 * {@code ?seq_contains}, {@code ?join} …) loop inside one call, where no check is made: over
 * {@code 1..2000000000} they held the engine's thread for half a minute, over {@code 1..} for good.
 * Sequences from the process's variables are as long as that data, so what makes up a long sequence
 * or text from nothing is refused: a range anywhere but in {@code <#list>} or as a slice ({@code name[0..9]},
 * bounded by the data), and {@code ?left_pad} / {@code ?right_pad} to a written width past the message
 * limit ({@code ?split} of such a text made a list of a hundred thousand). Beyond that:
 * <ul>
 *   <li>{@code ?eval} and {@code ?interpret} make code at render time, which none of these checks sees;</li>
 *   <li>{@code ?matches}, and the string built-ins given the flag {@code r} (or flags not written out), run a
 *       regular expression inside one call: one that backtracks can take minutes;</li>
 *   <li>{@code <#attempt>} and capturing {@code <#assign x>…</#assign>} buffer output past the bounded writer.</li>
 * </ul>
 */
public final class UnboundedConstructs {

    private static final Set<String> REFUSED_BUILT_INS = Set.of("eval", "interpret", "matches");
    /** The string built-ins that take regular-expression flags, with how many arguments come before the flags. */
    private static final Map<String, Integer> FLAGGED_BUILT_INS = Map.of("replace", 2, "split", 1, "keep_after", 1,
            "keep_after_last", 1, "keep_before", 1, "keep_before_last", 1, "ensure_starts_with", 2);
    private static final Set<String> PADDING_BUILT_INS = Set.of("left_pad", "right_pad");
    /** Twilio's limit for one message: no padding needs to be wider. */
    private static final int MAX_PAD_WIDTH = SmsTemplate.MAX_LENGTH;

    private UnboundedConstructs() {
    }

    /**
     * What the template writes that the connector refuses.
     *
     * @param construct the construct, as the template writes it
     * @param rule      why it is refused, for the problem's message
     */
    public record Finding(String construct, String rule) {
    }

    /** The first refused construct, or empty when there is none. */
    public static Optional<Finding> in(Template template) {
        return find(template.getRootTreeNode(), false);
    }

    private static Optional<Finding> find(TemplateObject node, boolean boundedRange) {
        Optional<Finding> refused = refused(node, boundedRange);
        if (refused.isPresent()) {
            return refused;
        }
        for (int i = 0; i < node.getParameterCount(); i++) {
            if (node.getParameterValue(i) instanceof TemplateObject parameter) {
                boolean listedOrSliceIndex = node instanceof IteratorBlock && i == 0 || node instanceof DynamicKeyName && i == 1;
                Optional<Finding> found = find(parameter, listedOrSliceIndex || boundedRange && node instanceof ParentheticalExpression);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node instanceof TemplateElement element) {
            for (int i = 0; i < element.getChildCount(); i++) {
                Optional<Finding> found = find((TemplateElement) element.getChildAt(i), false);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> refused(TemplateObject node, boolean boundedRange) {
        if (node instanceof Range range && !boundedRange) {
            return Optional.of(new Finding(range.getCanonicalForm(),
                    "a range may only be what <#list> lists (<#list 1..3 as i>) or a slice (name[0..9]): elsewhere a built-in "
                            + "may loop over it where the render timeout cannot stop it"));
        }
        if (node instanceof BuiltIn builtIn && REFUSED_BUILT_INS.contains(snakeCase(builtIn.key))) {
            return Optional.of(new Finding("?" + builtIn.key,
                    "?eval and ?interpret make templates at render time, ?matches runs a regular expression in one call; "
                            + "neither can be kept to the render timeout"));
        }
        if (node instanceof MethodCall call && call.getParameterValue(0) instanceof BuiltIn builtIn) {
            Optional<Finding> argument = refusedArguments(call, snakeCase(builtIn.key));
            if (argument.isPresent()) {
                return argument;
            }
        }
        if (node instanceof AttemptBlock || node instanceof BlockAssignment) {
            return Optional.of(new Finding(((TemplateElement) node).getDescription(),
                    "<#attempt> and capturing <#assign> hold output outside the bounded message text"));
        }
        return Optional.empty();
    }

    /** Regular-expression flags and padding widths, as the call writes them (parameter 0 is the built-in). */
    private static Optional<Finding> refusedArguments(MethodCall call, String builtIn) {
        Integer beforeFlags = FLAGGED_BUILT_INS.get(builtIn);
        if (beforeFlags != null) {
            for (int i = 1 + beforeFlags; i < call.getParameterCount(); i++) {
                Object flags = call.getParameterValue(i);
                if (!(flags instanceof StringLiteral literal && literal.isLiteral() && literal.getAsString().indexOf('r') < 0)) {
                    return Optional.of(new Finding(call.getCanonicalForm(),
                            "the flag r (or flags not written out) makes ?" + builtIn + " run a regular expression in one call, "
                                    + "which cannot be kept to the render timeout"));
                }
            }
        }
        if (PADDING_BUILT_INS.contains(builtIn) && call.getParameterCount() > 1
                && call.getParameterValue(1) instanceof NumberLiteral width && width.getAsNumber().doubleValue() > MAX_PAD_WIDTH) {
            return Optional.of(new Finding(call.getCanonicalForm(),
                    "?" + builtIn + " may pad to " + MAX_PAD_WIDTH + " characters at most, the longest message"));
        }
        return Optional.empty();
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
