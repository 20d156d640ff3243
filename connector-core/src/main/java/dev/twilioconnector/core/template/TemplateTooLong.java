package dev.twilioconnector.core.template;

/**
 * The rendered text passed the length the caller allowed. Rendering stopped right there, so the text
 * was never held in full; how long it would have become is unknown.
 */
public final class TemplateTooLong extends TemplateProblem {

    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "the rendered text is longer than %d characters; rendering stopped there";

    private final int maxLength;

    public TemplateTooLong(int maxLength) {
        super(MESSAGE.formatted(maxLength), null);
        this.maxLength = maxLength;
    }

    /** The most characters (Unicode code points) the caller allowed. */
    public int maxLength() {
        return maxLength;
    }
}
