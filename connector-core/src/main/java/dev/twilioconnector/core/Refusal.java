package dev.twilioconnector.core;

import dev.twilioconnector.core.recipient.PhoneAddress;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the connector refused a request, or one recipient of it, without asking Twilio. Each refusal has
 * one text, written over names in braces ({@code {Body}}, {@code {request}}) that a {@link Vocabulary}
 * turns into words, and {@code %s} for the values it names; and Twilio's error code where Twilio has
 * one for the same fault.
 */
public enum Refusal {

    /** Credentials missing or half configured; the value says which, from the settings. */
    CREDENTIALS(null, "%s"),

    // Sending a message
    NO_RECIPIENT(null, "{To} names no recipient"),
    /** One recipient; the value says what is wrong with the address. */
    INVALID_RECIPIENT(PhoneAddress.INVALID_NUMBER_CODE, "%s"),
    NO_SENDER(null, "no sender: set {From} on {request}, or TWILIO_FROM (twilio.default-from) "
            + "or TWILIO_MESSAGING_SERVICE_SID (twilio.messaging-service-sid)"),
    INVALID_FROM(21212, "{From} '%s' is neither an E.164 number nor an alphanumeric sender ID"),
    INVALID_MESSAGING_SERVICE(null, "Messaging Service SID '%s' must start with MG"),
    SCHEDULE_WITHOUT_SERVICE(null, "scheduled sending ({SendAt}) needs a Messaging Service: set {MessagingServiceSid} "
            + "on {request} or TWILIO_MESSAGING_SERVICE_SID (twilio.messaging-service-sid)"),
    NO_BODY(null, "{Body} is missing, and {request} has neither media nor a content template to send instead"),
    /** The value is the template's problem: "template has a syntax error …". */
    BODY_TEMPLATE(null, "{Body} %s"),
    /** One recipient: the text rendered for them passed Twilio's limit. */
    BODY_TOO_LONG(21617, "the message is longer than 1600 characters (rendering {Body} stopped there); Twilio accepts at most 1600"),
    /** One recipient: the text rendered for them is blank. */
    EMPTY_BODY(21602, "the message text is empty after rendering {Body}"),
    TOO_MANY_MEDIA(null, "{MediaUrl} names %s media URLs; Twilio accepts at most 10"),
    MEDIA_NOT_HTTP(null, "{MediaUrl} '%s' is not an http(s) URL"),
    CALLBACK_NOT_HTTP(null, "{StatusCallback} '%s' is not an http(s) URL"),
    CONTENT_SID_FORMAT(null, "{ContentSid} '%s' must be a content template SID starting with HX"),
    CONTENT_VARIABLES_WITHOUT_SID(null, "{ContentVariables} is set without {ContentSid}"),
    SEND_AT_RANGE(null, "{SendAt} %s is not between 15 minutes and 35 days from now, as Twilio requires"),

    // Reading messages back
    NO_MESSAGE_SID(null, "{Sid} is missing"),
    INVALID_MESSAGE_SID(null, "{Sid} '%s' is not a message SID (SM or MM and 32 hex digits)"),
    PAGE_SIZE_RANGE(null, "{PageSize} must be a whole number from 1 to 1000, was '%s'"),
    LIMIT_RANGE(null, "{Limit} must be a whole number of at least 1, was '%s'"),
    FROM_NOT_E164(null, "{From} '%s' is not a phone number in E.164 form"),
    TO_NOT_E164(null, "{To} '%s' is not a phone number in E.164 form"),

    // Verify
    NO_SERVICE_SID(null, "{ServiceSid} is missing"),
    INVALID_SERVICE_SID(null, "{ServiceSid} '%s' must be a Verify Service SID starting with VA"),
    NO_TO(null, "{To} is missing"),
    INVALID_CHANNEL(null, "{Channel} '%s' is not one of call, email, sms, whatsapp"),
    TO_NOT_EMAIL(null, "{To} '%s' is not an e-mail address, which the email channel needs"),
    INVALID_LOCALE(null, "{Locale} '%s' is not a language tag such as en or pt-BR"),
    CUSTOM_CODE_FORMAT(null, "{CustomCode} must be 4 to 10 digits"),
    NO_CODE(null, "{Code} is missing"),
    CODE_FORMAT(null, "{Code} must be 4 to 10 digits");

    private static final Pattern NAME = Pattern.compile("\\{(\\w+)}");

    private final Integer code;
    private final String text;

    Refusal(Integer code, String text) {
        this.code = code;
        this.text = text;
    }

    /** Twilio's error code for the same fault, or {@code null}. */
    public Integer code() {
        return code;
    }

    /** A problem of the whole request, with its text in Twilio's words. */
    public TwilioProblem problem(String... values) {
        return problemFor(null, values);
    }

    /** A problem of one recipient, with its text in Twilio's words. */
    public TwilioProblem problemFor(String recipient, String... values) {
        List<String> named = List.of(values);
        return new TwilioProblem(recipient, code, null, text(Vocabulary.TWILIO, named), this, named);
    }

    /** The text in {@code words}, naming {@code values}. */
    public String text(Vocabulary words, List<String> values) {
        Matcher names = NAME.matcher(text);
        StringBuilder worded = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(worded, Matcher.quoteReplacement(words.word(names.group(1))));
        }
        names.appendTail(worded);
        return worded.toString().formatted(values.toArray());
    }
}
