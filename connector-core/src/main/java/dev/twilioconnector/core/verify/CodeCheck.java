package dev.twilioconnector.core.verify;

/**
 * What Twilio Verify said of a code.
 *
 * @param sid    the verification's SID ({@code VE…})
 * @param to     where the code went
 * @param status {@code approved} for the right code, else still {@code pending} (or {@code canceled})
 * @param valid  Twilio's {@code valid} flag
 */
public record CodeCheck(String sid, String to, String status, boolean valid) {

    /** Whether the code was the one sent. */
    public boolean approved() {
        return "approved".equals(status);
    }
}
