package dev.twilioconnector.core.template;

import freemarker.core.InvalidReferenceException;
import freemarker.template.ObjectWrapper;
import freemarker.template.SimpleScalar;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * One compiled message template; safe to render from several threads at once.
 *
 * <p>Every rendering is bounded twice, on the caller's thread: the text may grow to the length the
 * caller names and no further (the writer refuses the next character and the template stops there),
 * and the rendering may take the render timeout and no longer (a watchdog interrupts the thread and
 * FreeMarker's loop, macro and function checks stop it; the interrupt is cleared before the call
 * returns). A template that recurses without end or builds a string larger than memory ends in a
 * {@link TemplateProblem} too, leaving the thread and the JVM usable.
 */
public final class SmsTemplate {

    /** Twilio's limit for one message body, in characters (Unicode code points). */
    public static final int MAX_LENGTH = 1600;

    public static final String MISSING_VARIABLE =
            "template refers to '%s', which is missing or null (line %d, column %d); "
                    + "write ${%s!\"\"} where a value may be absent";
    public static final String RENDER_ERROR = "template cannot be rendered: %s";
    public static final String TOO_DEEP = RENDER_ERROR.formatted(
            "macros or functions call each other too deeply (a recursion that does not end?)");
    public static final String OUT_OF_MEMORY = RENDER_ERROR.formatted(
            "it builds a value larger than the memory available (e.g. ?left_pad with a huge width, a string doubled in a loop)");
    public static final String INTERRUPTED = RENDER_ERROR.formatted("the thread rendering it was interrupted");
    public static final String RECIPIENT = "recipient";

    private static final Logger LOG = LoggerFactory.getLogger(SmsTemplate.class);

    private final Template template;
    private final ObjectWrapper wrapper;
    private final Duration renderTimeout;

    SmsTemplate(Template template, ObjectWrapper wrapper, Duration renderTimeout) {
        this.template = template;
        this.wrapper = wrapper;
        this.renderTimeout = renderTimeout;
    }

    /** Prepares {@code variables} once, for rendering to many recipients. */
    public Scope scope(Map<String, ?> variables) throws TemplateProblem {
        try {
            return new Scope((TemplateHashModel) wrapper.wrap(variables == null ? Map.of() : variables));
        } catch (TemplateModelException e) {
            throw new TemplateProblem(RENDER_ERROR.formatted(e.getMessage()), e);
        }
    }

    /**
     * The text for one recipient, at most {@link #MAX_LENGTH} characters: {@code render(scope, recipient, MAX_LENGTH)}.
     *
     * @throws TemplateTooLong   the text is longer than {@link #MAX_LENGTH} characters
     * @throws TemplateTimedOut  rendering took longer than the render timeout
     * @throws TemplateProblem   any other rendering problem (missing variable, wrong type, …)
     */
    public String render(Scope scope, String recipient) throws TemplateProblem {
        return render(scope, recipient, MAX_LENGTH);
    }

    /**
     * The text for one recipient, who is visible to the template as {@code ${recipient}}.
     *
     * @param maxLength the most characters (Unicode code points) the text may have; rendering stops at the next one
     * @throws TemplateTooLong   the text is longer than {@code maxLength} characters
     * @throws TemplateTimedOut  rendering took longer than the render timeout
     * @throws TemplateProblem   any other rendering problem (missing variable, wrong type, …)
     */
    public String render(Scope scope, String recipient, int maxLength) throws TemplateProblem {
        Rendered rendered = renderAtMost(scope, recipient, maxLength);
        if (rendered.cut()) {
            throw new TemplateTooLong(maxLength);
        }
        return rendered.text();
    }

    /**
     * The text for one recipient, cut after {@code maxLength} characters (never inside a surrogate pair):
     * for replies that are shortened rather than refused. Rendering stops at the cut, so no more than
     * {@code maxLength} characters are ever held.
     *
     * @throws TemplateTimedOut  rendering took longer than the render timeout
     * @throws TemplateProblem   any other rendering problem (missing variable, wrong type, …)
     */
    public Rendered renderAtMost(Scope scope, String recipient, int maxLength) throws TemplateProblem {
        BoundedWriter out = new BoundedWriter(maxLength);
        Throwable failure = null;
        boolean timedOut;
        boolean interrupted;
        // An interrupt the caller already had is put aside, so FreeMarker's checks do not take it for the
        // deadline, and handed back afterwards.
        boolean interruptedBefore = Thread.interrupted();
        try {
            RenderWatchdog.Watch watch = RenderWatchdog.watch(renderTimeout);
            try {
                template.process(new RecipientModel(scope.variables, recipient), out);
            } catch (TemplateException | IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
                failure = e;
            } finally {
                timedOut = watch.stop();
            }
            interrupted = Thread.currentThread().isInterrupted();
        } finally {
            if (interruptedBefore) {
                Thread.currentThread().interrupt();
            }
        }
        if (out.overflowed()) {
            return new Rendered(out.text(), true);
        }
        if (timedOut) {
            // Also when the template ended just as the deadline passed, or ended late because the time went into a
            // built-in FreeMarker cannot interrupt (?filter, ?join … over a huge sequence): past the deadline is too late.
            LOG.warn("A template took longer than {} ms to render and was stopped", renderTimeout.toMillis());
            throw new TemplateTimedOut(renderTimeout);
        }
        if (failure == null) {
            return new Rendered(out.text(), false);
        }
        throw problemOf(failure, interrupted);
    }

    /** The longest one rendering may take. */
    public Duration renderTimeout() {
        return renderTimeout;
    }

    private static TemplateProblem problemOf(Throwable failure, boolean interrupted) {
        if (failure instanceof InvalidReferenceException e) {
            String blamed = e.getBlamedExpressionString() == null ? "a value" : e.getBlamedExpressionString();
            return new TemplateProblem(MISSING_VARIABLE.formatted(blamed, e.getLineNumber(), e.getColumnNumber(), blamed), e);
        }
        if (failure instanceof TemplateException e) {
            return new TemplateProblem(RENDER_ERROR.formatted(e.getMessageWithoutStackTop()), e);
        }
        if (failure instanceof StackOverflowError) {
            return new TemplateProblem(TOO_DEEP, null);
        }
        if (failure instanceof OutOfMemoryError) {
            LOG.warn("A template needed more memory than there is and was stopped");
            return new TemplateProblem(OUT_OF_MEMORY, null);
        }
        if (interrupted && failure instanceof RuntimeException) {
            // Someone else interrupted the thread (the caller's interrupt stays set) and FreeMarker stopped.
            return new TemplateProblem(INTERRUPTED, failure);
        }
        return new TemplateProblem(RENDER_ERROR.formatted(failure.getMessage()), failure);
    }

    /**
     * A rendered text.
     *
     * @param text the text, at most the requested number of characters
     * @param cut  whether the template would have written more: {@code text} is then its beginning
     */
    public record Rendered(String text, boolean cut) {
    }

    /** The variables of one send, wrapped once. */
    public static final class Scope {
        private final TemplateHashModel variables;

        private Scope(TemplateHashModel variables) {
            this.variables = variables;
        }
    }

    private record RecipientModel(TemplateHashModel variables, String recipient) implements TemplateHashModel {

        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            return RECIPIENT.equals(key) ? new SimpleScalar(recipient) : variables.get(key);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }
}
