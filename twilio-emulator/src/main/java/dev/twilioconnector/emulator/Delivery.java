package dev.twilioconnector.emulator;

/**
 * What becomes of a message on its way to a phone, and so which status reports it gets: delivered
 * ({@code sent}, {@code delivered}), undelivered ({@code sent}, {@code undelivered} with an error code,
 * e.g. 30003 for a phone that is off), failed ({@code failed} with an error code, never sent), or sent
 * with no final word from the carrier ({@code sent} only).
 *
 * @param reachesCarrier whether it is reported {@code sent} first
 * @param finalStatus    the last status reported, {@code null} for none after {@code sent}
 * @param errorCode      Twilio's error code with the final status, else {@code null}
 */
public record Delivery(boolean reachesCarrier, String finalStatus, Integer errorCode) {

    /** Twilio's error for a phone that is off or out of reach. */
    public static final int UNREACHABLE = 30003;

    public static Delivery delivered() {
        return new Delivery(true, Message.DELIVERED, null);
    }

    public static Delivery undelivered(int errorCode) {
        return new Delivery(true, Message.UNDELIVERED, errorCode);
    }

    public static Delivery failed(int errorCode) {
        return new Delivery(false, Message.FAILED, errorCode);
    }

    /** Reported {@code sent}, and then never again: the case a process's timer is for. */
    public static Delivery sentOnly() {
        return new Delivery(true, null, null);
    }
}
