package dev.twilioconnector.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the harness runs end to end with tiny sizes on H2 (--quick). It measures nothing: the
 * figures come only from {@code java -jar benchmarks/target/benchmarks.jar}.
 */
class BenchmarksSmokeTest {

    @Test
    void aQuickRunPrintsEverySectionAndTheSummary() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Options quick = Options.parse("--quick", "--db=h2");

        boolean ok = Benchmarks.run(quick, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).as(report).doesNotContain("ERROR");
        assertThat(ok).as(report).isTrue();
        assertThat(report).contains("== 1. Engine overhead", "== 2. Fan-out", "Throttled:", "== 3. Inbound", "== 4. Memory",
                "== Summary", "| benchmark", "Command: " + Benchmarks.COMMAND);
        assertThat(report).contains("| HTTP floor (req/s)", "| ratio HTTP + hand-over / direct (information)", "CPU per request", "| ratio webhook, thread per connection / direct (information)",
                "| database | process                        | webhook | HTTP + hand-over | webhook, thread per connection | hand-over, thread per connection | reception | event only | direct | HTTP floor |",
                "| H2       | JIT compiling (% of the round) |");
        for (String row : List.of("1. Engine overhead, H2", "2. Fan-out 64 recipients", "2. Fan-out throttled", "3. Inbound @",
                "4. Memory")) {
            assertThat(report).contains("| " + row);
        }
    }

    @Test
    void optionsChooseDatabasesAndSections() {
        Options options = Options.parse("--db=postgres", "--only=2,4");

        assertThat(options.databases()).containsExactly(Options.Db.POSTGRES);
        assertThat(options.sections()).containsExactly(2, 4);
        assertThat(options.fanOutRecipients()).isEqualTo(1000);
        assertThat(options.fanOutParallelism()).isEqualTo(64);
        assertThat(options.memoryRecipients()).isEqualTo(100_000);
    }
}
