package dev.twilioconnector.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The figures of the README's Performance table, one benchmark each, measured in one run on H2 and on PostgreSQL
 * ({@link #COMMAND}). Options: {@code --quick} (tiny sizes, proves the harness only), {@code --db=h2|postgres},
 * {@code --only=1,2,3,4}. Library logs go to {@code benchmarks.log} next to the jar.
 */
public final class Benchmarks {

    /**
     * The heap is fixed and touched up front: otherwise G1 shrinks it at each full GC between batches and grows it again
     * inside the next one, and the kernel zeroing fresh pages made equal batches differ by up to 40 %.
     */
    public static final String JVM_OPTIONS = "-Xms3g -Xmx3g -XX:+AlwaysPreTouch";
    public static final String COMMAND = "./mvnw -B -q -pl benchmarks -am install -DskipTests && java " + JVM_OPTIONS
            + " -jar benchmarks/target/benchmarks.jar";

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("bench.log") == null) {
            Path jar = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            System.setProperty("bench.log", jar.resolveSibling("benchmarks.log").toString());
        }
        System.exit(run(Options.parse(args), System.out) ? 0 : 1);
    }

    /** Runs the chosen benchmarks and prints the report; false when one of them could not run at all. */
    public static boolean run(Options options, PrintStream out) {
        Report report = new Report(out);
        report.line("Twilio connector benchmarks" + (options.quick() ? " (--quick: tiny sizes, the figures mean nothing)" : "") + ", "
                + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + "; JVM " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, arguments " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        if (heap.getInit() != heap.getMax()) {
            report.line("WARNING: the heap is not fixed; run with " + JVM_OPTIONS + ", or G1's resizing makes equal batches differ widely.");
        }
        boolean ok = true;
        try (Databases databases = new Databases()) {
            for (int section : options.sections()) {
                try {
                    switch (section) {
                        case 1 -> new EngineOverheadBenchmark(options, databases, report).run();
                        case 2 -> new FanOutBenchmark(options, databases, report).run();
                        case 3 -> new InboundBenchmark(options, databases, report).run();
                        case 4 -> new MemoryBenchmark(options, databases, report).run();
                        default -> throw new IllegalArgumentException("no benchmark " + section);
                    }
                } catch (RuntimeException e) {
                    ok = false;
                    report.line("  ERROR in benchmark " + section + ": " + e);
                    e.printStackTrace(out);
                    report.summary(section + ". (did not run)", "-", "ERROR: " + e.getMessage(), false);
                }
            }
        } catch (IOException e) {
            report.line("PostgreSQL: " + e.getMessage());
        }
        report.printSummary(COMMAND + (options.quick() ? " --quick" : ""));
        return ok;
    }
}
