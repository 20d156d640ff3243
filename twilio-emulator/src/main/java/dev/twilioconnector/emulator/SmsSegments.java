package dev.twilioconnector.emulator;

/**
 * How many SMS segments a text takes, as Twilio counts them for {@code num_segments}: GSM-7 texts take
 * 160 septets in one segment or 153 per segment when split; any other character makes the text UCS-2,
 * 70 code units in one segment or 67 per segment.
 */
final class SmsSegments {

    /** The GSM 03.38 basic character set: one septet each. */
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The GSM extension table: an escape and the character, two septets each. */
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    static int of(String body) {
        if (body == null || body.isEmpty()) {
            return 1;
        }
        int septets = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                int units = body.length();
                return units <= 70 ? 1 : (units + 66) / 67;
            }
        }
        return septets <= 160 ? 1 : (septets + 152) / 153;
    }
}
