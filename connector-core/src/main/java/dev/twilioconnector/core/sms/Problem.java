package dev.twilioconnector.core.sms;

/**
 * One thing that went wrong in a send, as {@code twilioError} shows it.
 *
 * @param to      the recipient it concerns, or {@code null} when it concerns the whole send (then nothing was sent)
 * @param code    Twilio's error code (e.g. 21211), or {@code null}
 * @param status  the HTTP status Twilio answered with, or {@code null} when no answer was had
 * @param message what is wrong, in words; never a secret
 */
public record Problem(String to, Integer code, Integer status, String message) {

    public static Problem ofWholeSend(String message) {
        return new Problem(null, null, null, message);
    }

    public static Problem ofWholeSend(int code, String message) {
        return new Problem(null, code, null, message);
    }
}
