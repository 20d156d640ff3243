package dev.twilioconnector.flowable.inbound;

/**
 * The {@code SMS_STATUS} event as processes see it: one delivery report of one outbound message.
 * {@code messageSid}, {@code to} and {@code status} are correlation parameters, so a process can wait
 * for its own message, or for its own message reaching one status ({@code delivered}).
 */
public final class SmsStatusEvent {

    public static final String EVENT_KEY = "SMS_STATUS";
    public static final String CHANNEL_KEY = "twilioSmsStatus";

    public static final String MESSAGE_SID = "messageSid";
    public static final String TO = "to";
    public static final String STATUS = "status";
    /** Twilio's error code (e.g. 30003 for an unreachable handset); absent when there is none. */
    public static final String ERROR_CODE = "errorCode";
    public static final String FROM = "from";

    private SmsStatusEvent() {
    }
}
