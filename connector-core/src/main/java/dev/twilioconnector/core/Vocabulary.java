package dev.twilioconnector.core;

/**
 * The words a problem's text uses for the parameters of a request and for the request itself. The
 * connector writes its texts in {@link #TWILIO Twilio's words} ({@code To}, {@code Body}, "the request");
 * a caller whose users know other names (the Flowable plugin: the task's fields, "the task") words the
 * same texts in its own with {@link TwilioProblem#in(Vocabulary)}.
 */
@FunctionalInterface
public interface Vocabulary {

    /** The name {@link Refusal}'s texts use for the request itself. */
    String REQUEST = "request";

    /** Twilio's: each parameter as the API spells it, and "the request". */
    Vocabulary TWILIO = name -> REQUEST.equals(name) ? "the request" : name;

    /** The word for {@code name}: a request parameter as Twilio spells it, or {@link #REQUEST}. */
    String word(String name);
}
