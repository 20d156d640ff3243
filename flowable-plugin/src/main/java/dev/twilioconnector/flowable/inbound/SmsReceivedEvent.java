package dev.twilioconnector.flowable.inbound;

/**
 * The {@code SMS_RECEIVED} event as processes see it: its key, the inbound channel it arrives on,
 * and its payload fields. {@code trigger}, {@code from} and {@code to} are correlation parameters.
 */
public final class SmsReceivedEvent {

    public static final String EVENT_KEY = "SMS_RECEIVED";
    public static final String CHANNEL_KEY = "twilioSmsReceived";

    public static final String TRIGGER = "trigger";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String ORIGINAL_MESSAGE = "originalMessage";
    public static final String MATCH_GROUPS = "matchGroups";
    public static final String MESSAGE_SID = "messageSid";
    public static final String MEDIA_URLS = "mediaUrls";

    private SmsReceivedEvent() {
    }
}
