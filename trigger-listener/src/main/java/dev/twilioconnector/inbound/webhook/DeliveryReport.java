package dev.twilioconnector.inbound.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One delivery report as Twilio posts it to the status callback of an outbound message.
 *
 * @param messageSid the message it is about ({@code SM…})
 * @param status     where the message got to: {@code queued}, {@code sent}, {@code delivered}, {@code undelivered},
 *                   {@code failed}, {@code read} …, in lower case
 * @param errorCode  Twilio's error code when the message failed (e.g. {@code 30003}), else {@code null}
 * @param to         the recipient
 * @param from       the sender
 */
public record DeliveryReport(String messageSid, String status, Integer errorCode, String to, String from) {

    private static final Pattern STATUS = Pattern.compile("[a-z_-]{1,20}");

    /** Reads Twilio's form parameters ({@code MessageSid}, {@code MessageStatus}, {@code ErrorCode}, {@code To}, {@code From}). */
    public static DeliveryReport of(Map<String, String> form) {
        String sid = first(form.get("MessageSid"), form.get("SmsSid"));
        String status = first(form.get("MessageStatus"), form.get("SmsStatus"));
        return new DeliveryReport(sid, status == null ? null : status.trim().toLowerCase(Locale.ROOT),
                errorCode(form.get("ErrorCode")), form.get("To"), form.get("From"));
    }

    /** What names this report among all reports: a message reaches each status once. */
    public String key() {
        return messageSid + ":" + status;
    }

    /** Whether both SID and status are there and can be Twilio's: the SID as {@link InboundSms#isWellFormedSid}, the status a short word. */
    public boolean isWellFormed() {
        return InboundSms.isWellFormedSid(messageSid) && status != null && STATUS.matcher(status).matches();
    }

    private static String first(String value, String fallback) {
        return value != null && !value.isBlank() ? value.trim() : fallback;
    }

    private static Integer errorCode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
