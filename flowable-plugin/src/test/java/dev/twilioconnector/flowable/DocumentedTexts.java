package dev.twilioconnector.flowable;

/** Texts of {@code twilioError} exactly as README's "Errors you will meet" and "The body template" document them. */
public final class DocumentedTexts {

    public static final String BODY_TOO_LONG =
            "the message is longer than 1600 characters (rendering smsBody stopped there); Twilio accepts at most 1600";
    public static final String TOO_DEEP =
            "smsBody template cannot be rendered: macros or functions call each other too deeply (a recursion that does not end?)";
    public static final String OUT_OF_MEMORY = "smsBody template cannot be rendered: it builds a value larger than the memory "
            + "available (e.g. ?left_pad with a huge width, a string doubled in a loop)";

    private DocumentedTexts() {
    }

    /** The render-timeout text for a timeout of {@code millis}. */
    public static String timedOut(long millis) {
        return "smsBody template took longer than " + millis + " ms to render and was stopped (twilio.templates.render-timeout); "
                + "look for a loop or recursion that does not end";
    }
}
