package dev.twilioconnector.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the harness runs end to end with tiny sizes on H2 (--quick) and prints every figure of the README's
 * Performance table. It measures nothing: the figures come only from {@code java -jar benchmarks/target/benchmarks.jar}.
 */
class BenchmarksSmokeTest {

    @Test
    void aQuickRunPrintsEveryFigureOfThePerformanceTable() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        boolean ok = Benchmarks.run(Options.parse("--quick", "--db=h2"), new PrintStream(printed, true, StandardCharsets.UTF_8));

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).as(report).doesNotContain("ERROR");
        assertThat(ok).as(report).isTrue();
        assertThat(report).contains("== Summary", "| benchmark", "Command: " + Benchmarks.COMMAND + " --quick");
        for (String figure : List.of("1. Engine overhead, H2", "2. Fan-out, 64 recipients, H2", "2. Fan-out against 429 above 10 in flight, H2",
                "3. Inbound @ 50 req/s, H2", "3. Inbound capacity vs a hand-written webhook", "4. Memory, one SEND_SMS task to 600 recipients, H2")) {
            assertThat(report).contains("| " + figure);
        }
        assertThat(report).contains("| database | no-op (inst/s) | bare SDK (inst/s) | SEND_SMS (inst/s) | SEND_SMS / no-op | bare SDK / no-op |",
                "| database | webhook (req/s) | hand-written (req/s) | ratio | rounds' ratios |", "H2 rounds (webhook / hand-written req/s = ratio): ");
    }

    @Test
    void optionsChooseDatabasesSectionsAndSizes() {
        Options options = Options.parse("--db=postgres", "--only=2,4");

        assertThat(options.databases()).containsExactly(Options.Db.POSTGRES);
        assertThat(options.sections()).containsExactly(2, 4);
        assertThat(options.fanOutRecipients()).isEqualTo(1000);
        assertThat(options.inboundRate()).isEqualTo(200);
        assertThat(options.memoryRecipients()).isEqualTo(100_000);
        assertThat(Options.parse("--quick").databases()).containsExactly(Options.Db.H2, Options.Db.POSTGRES);
    }
}
