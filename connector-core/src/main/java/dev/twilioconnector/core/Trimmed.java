package dev.twilioconnector.core;

/** How the typed requests hold text: without the whitespace around it, and {@code null} when nothing is left. */
public final class Trimmed {

    private Trimmed() {
    }

    public static String orNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
