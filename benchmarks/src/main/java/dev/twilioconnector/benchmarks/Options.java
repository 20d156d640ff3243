package dev.twilioconnector.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sizes of one run. {@link #fullSizes()} is what the README's figures come from; {@link #quickSizes()}
 * (flag {@code --quick}) only proves the harness works, in seconds, and its figures mean nothing.
 *
 * @param databases      which databases to run on, in order
 * @param sections       which benchmarks to run (1 to 4)
 */
public record Options(
        boolean quick,
        List<Db> databases,
        List<Integer> sections,
        // 1. engine overhead
        int overheadWarmup,
        int overheadInstances,
        int overheadRepetitions,
        // 2. fan-out
        int fanOutRecipients,
        int fanOutParallelism,
        int fanOutLatencyMillis,
        int fanOutRepetitions,
        int sequentialRecipients,
        int throttleLimit,
        // 3. inbound
        int inboundRate,
        int inboundWarmupSeconds,
        int inboundSeconds,
        int inboundClientThreads,
        int capacityClients,
        int capacitySeconds,
        int capacityRounds,
        // 4. memory
        int memoryRecipients,
        List<Integer> memoryCheckpoints) {

    public enum Db {
        H2("H2"), POSTGRES("PostgreSQL");

        private final String label;

        Db(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Options fullSizes() {
        return new Options(false, List.of(Db.H2, Db.POSTGRES), List.of(1, 2, 3, 4),
                10000, 2000, 7,
                1000, 64, 100, 5, 1000, 10,
                200, 5, 15, 64, 16, 4, 5,
                100_000, List.of(10_000, 50_000, 100_000));
    }

    public static Options quickSizes() {
        return new Options(true, List.of(Db.H2, Db.POSTGRES), List.of(1, 2, 3, 4),
                20, 40, 2,
                64, 16, 20, 1, 16, 4,
                50, 1, 1, 8, 4, 1, 1,
                600, List.of(200, 400, 600));
    }

    /** {@code --quick}, {@code --db=h2|postgres|h2,postgres}, {@code --only=1,3}. */
    public static Options parse(String... args) {
        Options options = fullSizes();
        List<Db> databases = null;
        List<Integer> sections = null;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                options = quickSizes();
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
        return options.with(databases, sections);
    }

    Options with(List<Db> databases, List<Integer> sections) {
        return new Options(quick, databases == null ? this.databases : List.copyOf(databases),
                sections == null ? this.sections : List.copyOf(sections),
                overheadWarmup, overheadInstances, overheadRepetitions,
                fanOutRecipients, fanOutParallelism, fanOutLatencyMillis, fanOutRepetitions, sequentialRecipients, throttleLimit,
                inboundRate, inboundWarmupSeconds, inboundSeconds, inboundClientThreads, capacityClients, capacitySeconds, capacityRounds,
                memoryRecipients, memoryCheckpoints);
    }
}
