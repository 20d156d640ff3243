package dev.twilioconnector.benchmarks;

import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

/** Valid E.164 test numbers, +1555 followed by seven digits, distinct over a run: each use reserves its own. */
public final class Phones {

    private static final AtomicLong NEXT = new AtomicLong(1_000_000);

    private Phones() {
    }

    /** The first of {@code count} numbers nothing else in this run uses. */
    public static long reserve(int count) {
        return NEXT.getAndAdd(count);
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
