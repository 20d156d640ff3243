package dev.twilioconnector.core.sms;

/**
 * A message Twilio accepted.
 *
 * @param to     the recipient
 * @param sid    the message SID Twilio gave it ({@code SM…})
 * @param status its status at acceptance, usually {@code queued} or {@code accepted}
 */
public record Accepted(String to, String sid, String status) {
}
