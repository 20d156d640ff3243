package dev.twilioconnector.emulator;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Twilio-style identifiers: a two-letter prefix naming the kind of resource and 32 lowercase hex
 * digits. Random, not secure: they name things, they guard nothing (tokens come from
 * {@link Account#random()}, which uses a secure source).
 */
public final class Sids {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern ANY = Pattern.compile("^[A-Z]{2}[0-9a-fA-F]{32}$");

    private Sids() {
    }

    /** A message SID, {@code SM…}. */
    public static String message() {
        return next("SM");
    }

    /** An account SID, {@code AC…}. */
    public static String account() {
        return next("AC");
    }

    /** An API key SID, {@code SK…}. */
    public static String apiKey() {
        return next("SK");
    }

    /** A Verify service SID, {@code VA…}. */
    public static String verifyService() {
        return next("VA");
    }

    /** A verification SID, {@code VE…}. */
    public static String verification() {
        return next("VE");
    }

    /** Whether {@code sid} has the shape of a SID of the kind {@code prefix} ({@code SM}, {@code VA} …). */
    public static boolean isSid(String sid, String prefix) {
        return sid != null && sid.startsWith(prefix) && ANY.matcher(sid).matches();
    }

    private static String next(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return prefix + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }
}
