package dev.twilioconnector.core.verify;

/**
 * A verification Twilio Verify started.
 *
 * @param sid     its SID ({@code VE…})
 * @param to      where the code went
 * @param channel how it went ({@code sms}, {@code call}, {@code email}, {@code whatsapp})
 * @param status  {@code pending} until the code is checked
 */
public record Verification(String sid, String to, String channel, String status) {
}
