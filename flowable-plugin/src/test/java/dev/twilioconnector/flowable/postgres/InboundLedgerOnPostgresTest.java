package dev.twilioconnector.flowable.postgres;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger.Claim;
import dev.twilioconnector.flowable.schema.PluginSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    @Test
    void aRepeatWaitingForTheFirstDeliveryCostsThePostgresLogOneErrorAtMost() {
        new PluginSchema(database).migrate();
        ListAppender<ILoggingEvent> serverLog = new ListAppender<>();
        serverLog.start();
        Logger postgresOutput = (Logger) LoggerFactory.getLogger(EmbeddedPostgres.class);
        postgresOutput.addAppender(serverLog);
        try {
            InboundMessageLedger first = ledger();
            InboundMessageLedger repeat = new InboundMessageLedger(database, Clock.systemUTC(), Duration.ofMinutes(2),
                    Duration.ofSeconds(1), Duration.ofDays(7));
            assertThat(first.claim("SMpatient")).isInstanceOf(Claim.Handle.class);

            assertThat(repeat.claim("SMpatient")).as("a second of polling, about 40 looks").isEqualTo(new Claim.Busy());

            // The server's output reaches the log through a pipe and a thread of its own: on a busy machine, late.
            await().atMost(Duration.ofSeconds(10)).until(() -> duplicateKeyErrors(serverLog) >= 1);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> duplicateKeyErrors(serverLog) <= 1);
            assertThat(duplicateKeyErrors(serverLog)).isEqualTo(1);
        } finally {
            postgresOutput.detachAppender(serverLog);
        }
    }

    private static long duplicateKeyErrors(ListAppender<ILoggingEvent> serverLog) {
        return List.copyOf(serverLog.list).stream().filter(line -> line.getFormattedMessage().contains("duplicate key value")).count();
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
