package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServerCpuTest {

    @Test
    void countsThePostgresServersCpuTimeAndNothingForH2() throws Exception {
        try (Databases databases = new Databases()) {
            assertThat(ServerCpu.of(databases.fresh(Options.Db.H2, "cpu"))).isNull();

            Database postgres = databases.fresh(Options.Db.POSTGRES, "cpu");
            ServerCpu server = ServerCpu.of(postgres);
            if (!Files.isDirectory(Path.of("/proc/self"))) {
                assertThat(server).as("no /proc: nothing to read").isNull();
                return;
            }
            assertThat(server).isNotNull();
            long before = server.nanos();
            long backend;
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                 Statement statement = connection.createStatement()) {
                try (ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
                    assertThat(pid.next()).isTrue();
                    backend = pid.getLong(1);
                }
                try (ResultSet sum = statement.executeQuery("select sum(sqrt(x)) from generate_series(1, 20000000) as x")) {
                    assertThat(sum.next()).isTrue();
                }
            }
            // That backend ends with its connection; once the postmaster has reaped it (gone from /proc), its time is in the
            // postmaster's total of ended children, which is what must count it.
            Path backendProcess = Path.of("/proc", Long.toString(backend));
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(backendProcess));
            assertThat(server.nanos() - before).isGreaterThan(100_000_000L);
        }
    }
}
