package dev.twilioconnector.flowable.inbound;

/**
 * The {@code SMS_OPT_OUT} event as processes see it: a person texted one of Twilio's opt-out keywords, which
 * Twilio has answered itself. {@code from} and {@code optOutType} are correlation parameters, so a process can
 * start on anyone's {@code STOP}, or wait for its own customer's.
 */
public final class SmsOptOutEvent {

    public static final String EVENT_KEY = "SMS_OPT_OUT";
    public static final String CHANNEL_KEY = "twilioSmsOptOut";

    public static final String FROM = "from";
    public static final String TO = "to";
    /** {@code STOP}, {@code START} or {@code HELP}, as Twilio sent it. */
    public static final String OPT_OUT_TYPE = "optOutType";
    public static final String MESSAGE_SID = "messageSid";

    private SmsOptOutEvent() {
    }
}
