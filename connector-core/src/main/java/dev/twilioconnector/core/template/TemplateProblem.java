package dev.twilioconnector.core.template;

/**
 * A template that cannot be parsed or rendered; the message says where and why, for a process designer.
 * Two kinds of problem have their own type, for callers that treat them apart: {@link TemplateTooLong}
 * (the text passed the length the caller allowed) and {@link TemplateTimedOut} (rendering took longer
 * than the render timeout).
 */
public class TemplateProblem extends Exception {

    private static final long serialVersionUID = 1L;

    public TemplateProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
