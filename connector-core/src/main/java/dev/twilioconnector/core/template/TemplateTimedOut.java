package dev.twilioconnector.core.template;

import java.time.Duration;

/** Rendering took longer than the render timeout ({@code twilio.templates.render-timeout}) and was stopped. */
public final class TemplateTimedOut extends TemplateProblem {

    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "template took longer than %d ms to render and was stopped "
            + "(twilio.templates.render-timeout); look for a loop or recursion that does not end";

    private final Duration timeout;

    public TemplateTimedOut(Duration timeout) {
        super(MESSAGE.formatted(timeout.toMillis()), null);
        this.timeout = timeout;
    }

    /** The render timeout that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
