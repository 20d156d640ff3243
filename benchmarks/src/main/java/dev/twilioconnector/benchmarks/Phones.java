package dev.twilioconnector.benchmarks;

import java.util.StringJoiner;

/** Distinct valid E.164 test numbers: +1555 followed by seven digits. */
public final class Phones {

    private Phones() {
    }

    public static String number(long n) {
        return String.format("+1555%07d", n % 10_000_000L);
    }

    /** {@code count} numbers from {@code first} on, comma-separated, as a task's {@code smsTo}. */
    public static String list(long first, int count) {
        StringJoiner joined = new StringJoiner(",");
        for (int i = 0; i < count; i++) {
            joined.add(number(first + i));
        }
        return joined.toString();
    }
}
