package dev.twilioconnector.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one run measures, and at which sizes: the full sizes give the README's figures; {@code --quick} only proves the
 * harness works, in seconds, and its figures mean nothing.
 */
public record Options(boolean quick, List<Db> databases, List<Integer> sections,
                      int overheadWarmup, int overheadInstances, int overheadRepetitions, // 1. engine overhead
                      int fanOutRecipients, int fanOutRepetitions, int sequentialRecipients, // 2. fan-out
                      int inboundRate, int inboundSeconds, int capacitySeconds, int capacityRounds, // 3. inbound
                      int memoryRecipients) { // 4. memory

    public enum Db {
        H2, POSTGRES;

        public String label() {
            return this == H2 ? "H2" : "PostgreSQL";
        }
    }

    /** {@code --quick}, {@code --db=h2|postgres|h2,postgres}, {@code --only=1,3}. */
    public static Options parse(String... args) {
        boolean quick = false;
        List<Db> databases = List.of(Db.H2, Db.POSTGRES);
        List<Integer> sections = List.of(1, 2, 3, 4);
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--db=")) {
                databases = new ArrayList<>();
                for (String name : arg.substring(5).split(",")) {
                    databases.add(switch (name.trim().toLowerCase(Locale.ROOT)) {
                        case "h2" -> Db.H2;
                        case "postgres", "postgresql", "pg" -> Db.POSTGRES;
                        default -> throw new IllegalArgumentException("unknown database '" + name + "' (h2, postgres)");
                    });
                }
            } else if (arg.startsWith("--only=")) {
                sections = new ArrayList<>();
                for (String number : arg.substring(7).split(",")) {
                    sections.add(Integer.parseInt(number.trim()));
                }
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; known: --quick, --db=h2,postgres, --only=1,2,3,4");
            }
        }
        return quick
                ? new Options(true, List.copyOf(databases), List.copyOf(sections), 20, 40, 2, 64, 1, 16, 50, 1, 1, 1, 600)
                : new Options(false, List.copyOf(databases), List.copyOf(sections), 10_000, 2000, 7, 1000, 5, 1000, 200, 15, 4, 9,
                100_000);
    }
}
