package dev.twilioconnector.core.template;

/** A template that cannot be parsed or rendered; the message says where and why, for a process designer. */
public final class TemplateProblem extends Exception {

    private static final long serialVersionUID = 1L;

    public TemplateProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
