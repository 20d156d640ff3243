package dev.twilioconnector.flowable.postgres;

import dev.twilioconnector.flowable.inbound.InboundMessageLedger;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger.Claim;
import dev.twilioconnector.flowable.schema.PluginSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The plugin's schema and inbound deduplication on a real PostgreSQL: what holds on H2 must hold where
 * clusters run, across restarts and across nodes sharing the database.
 */
class InboundLedgerOnPostgresTest {

    private static EmbeddedPostgres postgres;
    private static DataSource database;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void twoNodesMigratingAtOnceLeaveOneSchema() throws Exception {
        List<Integer> versions = runTogether(2, node -> {
            new PluginSchema(database).migrate();
            return new PluginSchema(database).version();
        });

        assertThat(versions).containsOnly(PluginSchema.LATEST_VERSION);
        new PluginSchema(database).migrate();
        assertThat(new PluginSchema(database).version()).isEqualTo(PluginSchema.LATEST_VERSION);
    }

    @Test
    void aMessageHandledBeforeARestartIsRecognisedAfterIt() {
        new PluginSchema(database).migrate();
        InboundMessageLedger beforeRestart = ledger();
        Claim claim = beforeRestart.claim("SMrestart");
        assertThat(claim).isInstanceOf(Claim.Handle.class);
        beforeRestart.answer((Claim.Handle) claim, "Your reference number is 4711");

        new PluginSchema(database).migrate();
        InboundMessageLedger afterRestart = ledger();

        assertThat(afterRestart.claim("SMrestart")).isEqualTo(new Claim.Repeat("Your reference number is 4711"));
    }

    @Test
    void twentyDeliveriesSpreadOverTwoNodesAreHandledOnce() throws Exception {
        new PluginSchema(database).migrate();
        List<InboundMessageLedger> nodes = List.of(ledger(), ledger());

        List<Claim> claims = runTogether(20, delivery -> {
            InboundMessageLedger node = nodes.get(delivery % 2);
            Claim claim = node.claim("SMcluster");
            if (claim instanceof Claim.Handle handle) {
                node.answer(handle, "first reply");
            }
            return claim;
        });

        assertThat(claims).filteredOn(Claim.Handle.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(claim -> !(claim instanceof Claim.Handle)).hasSize(19)
                .containsOnly(new Claim.Repeat("first reply"));
    }

    /**
     * Each refused INSERT is an error in the server's log and a rolled-back transaction in its statistics, which
     * are read here: the server's own count, rather than its log output, which reaches a test late or not at all.
     */
    @Test
    void aRepeatWaitingForTheFirstDeliveryCostsThePostgresLogOneErrorAtMost() {
        new PluginSchema(database).migrate();
        InboundMessageLedger first = ledger();
        InboundMessageLedger repeat = new InboundMessageLedger(database, Clock.systemUTC(), Duration.ofMinutes(2),
                Duration.ofSeconds(1), Duration.ofDays(7));
        assertThat(first.claim("SMpatient")).isInstanceOf(Claim.Handle.class);
        long before = settledRollbacks();

        assertThat(repeat.claim("SMpatient")).as("a second of polling, about 40 looks").isEqualTo(new Claim.Busy());

        assertThat(settledRollbacks() - before).isEqualTo(1);
    }

    /** The database's rolled-back transactions, once the count stopped moving: a backend reports it as it ends. */
    private static long settledRollbacks() {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> last.getAndSet(rollbacks()) == last.get());
        return last.get();
    }

    private static long rollbacks() throws SQLException {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static InboundMessageLedger ledger() {
        return new InboundMessageLedger(database, Clock.systemUTC(), Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofDays(7));
    }

    private interface Work<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> runTogether(int count, Work<T> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return work.run(index);
                };
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
