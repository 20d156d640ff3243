package dev.twilioconnector.emulator;

/**
 * How the application answered a webhook the emulator posted.
 *
 * @param status      the HTTP status
 * @param contentType the answer's {@code Content-Type}, {@code null} without one
 * @param body        the answer's body, {@code ""} for none
 */
public record WebhookAnswer(int status, String contentType, String body) {
}
