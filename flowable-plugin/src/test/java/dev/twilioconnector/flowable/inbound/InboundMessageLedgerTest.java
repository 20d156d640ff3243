package dev.twilioconnector.flowable.inbound;

import dev.twilioconnector.flowable.inbound.InboundMessageLedger.Claim;
import dev.twilioconnector.flowable.schema.PluginSchema;
import dev.twilioconnector.flowable.schema.PluginTables;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InboundMessageLedgerTest {

    /** A winter date: no daylight saving change within a few days, whatever the JVM's zone. */
    private static final Instant START = Instant.parse("2030-01-15T08:00:00Z");
    private static final Duration SHORT_WAIT = Duration.ofMillis(100);
    private static final Duration LONG_WAIT = Duration.ofSeconds(10);
    private static final Duration TAKEOVER = Duration.ofMinutes(2);
    private static final Duration RETENTION = Duration.ofDays(1);

    private JdbcDataSource database;
    private ExecutorService threads;
    private final TestClock clock = new TestClock(START);

    @BeforeEach
    void createTables() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new PluginSchema(database).migrate();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void theFirstDeliveryHandlesTheMessage() throws SQLException {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);

        assertThat(ledger.claim("SM001")).isInstanceOf(Claim.Handle.class);
        assertThat(state("SM001")).isEqualTo(InboundMessageLedger.IN_PROGRESS);
    }

    @Test
    void aRepeatWhileTheFirstIsStillAtWorkIsBusyOnceItsWaitIsOver() {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);
        ledger.claim("SM001");

        long before = System.nanoTime();
        assertThat(ledger.claim("SM001")).isEqualTo(new Claim.Busy());
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(SHORT_WAIT);
    }

    @Test
    void aRepeatAfterTheAnswerGetsTheSameReply() throws SQLException {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);
        Claim.Handle first = handling(ledger.claim("SM001"));

        ledger.answer(first, "hello");

        assertThat(state("SM001")).isEqualTo(InboundMessageLedger.ANSWERED);
        assertThat(ledger.claim("SM001")).isEqualTo(new Claim.Repeat("hello"));
        assertThat(ledger.claim("SM001")).isEqualTo(new Claim.Repeat("hello"));
        assertThat(ledger.claim("SM002")).as("another message is new").isInstanceOf(Claim.Handle.class);
    }

    @Test
    void aMessageAnsweredWithNothingIsRepeatedWithNothing() {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);
        Claim.Handle first = handling(ledger.claim("SM001"));

        ledger.answer(first, null);

        assertThat(ledger.claim("SM001")).isEqualTo(new Claim.Repeat(null));
    }

    @Test
    void anotherLedgerOnTheSameDatabaseSeesTheClaimAndTheAnswer() {
        InboundMessageLedger node1 = ledger(clock, SHORT_WAIT);
        InboundMessageLedger node2 = ledger(clock, SHORT_WAIT);

        Claim.Handle first = handling(node1.claim("SM001"));
        assertThat(node2.claim("SM001")).isEqualTo(new Claim.Busy());
        node1.answer(first, "hello");
        assertThat(node2.claim("SM001")).isEqualTo(new Claim.Repeat("hello"));
    }

    @Test
    void aWaitingRepeatGetsTheReplyAsSoonAsTheFirstDeliveryAnswers() {
        InboundMessageLedger ledger = ledger(clock, Duration.ofSeconds(5));
        Claim.Handle first = handling(ledger.claim("SM001"));

        long before = System.nanoTime();
        CompletableFuture<Claim> repeat = CompletableFuture.supplyAsync(() -> ledger.claim("SM001"), threads);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !repeat.isDone());

        CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> ledger.answer(first, "hello"), threads);

        await().atMost(Duration.ofSeconds(2)).until(repeat::isDone);
        assertThat(answer).succeedsWithin(Duration.ofSeconds(1));
        assertThat(repeat.join()).isEqualTo(new Claim.Repeat("hello"));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("well within waitForAnswer")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aClaimNeverAnsweredIsTakenOverByTheNextDeliveryAfterTakeoverAfter() {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);
        Claim.Handle first = handling(ledger.claim("SM001"));

        clock.advance(TAKEOVER.minusSeconds(30));
        assertThat(ledger.claim("SM001")).as("not yet overdue").isEqualTo(new Claim.Busy());

        clock.advance(Duration.ofSeconds(31));
        Claim.Handle second = handling(ledger.claim("SM001"));
        assertThat(ledger.claim("SM001")).as("the new claim is fresh").isEqualTo(new Claim.Busy());

        ledger.answer(first, "the first delivery, too late");
        assertThat(ledger.claim("SM001")).as("the claim is the second delivery's now").isEqualTo(new Claim.Busy());
        ledger.answer(second, "late but answered");
        assertThat(ledger.claim("SM001")).isEqualTo(new Claim.Repeat("late but answered"));
    }

    @Test
    void aClaimInTheRepeatedHourOfADaylightSavingChangeIsNotTakenOverEarly() throws SQLException {
        // 2030-10-27 01:30Z is 02:30 CET, the second time Berlin's clocks show 02:30 that night
        JdbcDataSource berlin = new JdbcDataSource();
        berlin.setURL("jdbc:h2:mem:ledger-berlin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;TIME ZONE=Europe/Berlin");
        new PluginSchema(berlin).migrate();
        TestClock night = new TestClock(Instant.parse("2030-10-27T01:30:00Z"));
        InboundMessageLedger ledger = new InboundMessageLedger(berlin, night, TAKEOVER, SHORT_WAIT, RETENTION);
        try {
            assertThat(ledger.claim("SM001")).isInstanceOf(Claim.Handle.class);

            night.advance(Duration.ofMinutes(1));

            assertThat(ledger.claim("SM001")).as("claimed a minute ago, takeoverAfter is %s", TAKEOVER).isEqualTo(new Claim.Busy());
        } finally {
            try (Connection connection = berlin.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    @Test
    void onlyOneOfTwoConcurrentRepeatsTakesAnOverdueClaimOver() throws Exception {
        InboundMessageLedger node1 = ledger(clock, SHORT_WAIT);
        InboundMessageLedger node2 = ledger(clock, SHORT_WAIT);
        assertThat(node1.claim("SM001")).isInstanceOf(Claim.Handle.class);
        clock.advance(TAKEOVER.plusSeconds(1));

        List<Claim> claims = claimAllAtOnce(List.of(node1, node2, node1, node2), "SM001");

        assertThat(claims).filteredOn(Claim.Handle.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(Claim.Busy.class::isInstance).hasSize(claims.size() - 1);
    }

    @Test
    void twentyConcurrentDeliveriesAreHandledOnceAndAllGetTheSameReply() throws Exception {
        InboundMessageLedger ledger = ledger(clock, LONG_WAIT);
        CountDownLatch ready = new CountDownLatch(20);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Claim>> deliveries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deliveries.add(CompletableFuture.supplyAsync(() -> {
                ready.countDown();
                awaitQuietly(go);
                return ledger.claim("SM001");
            }, threads));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries.stream().anyMatch(CompletableFuture::isDone));
        // the handler is known; the others keep waiting for its answer
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> deliveries.stream().filter(CompletableFuture::isDone).count() == 1);
        CompletableFuture<Claim> handler = deliveries.stream().filter(CompletableFuture::isDone).findFirst().orElseThrow();
        ledger.answer(handling(handler.join()), "Your reference number is 4711");

        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        List<Claim> claims = deliveries.stream().map(CompletableFuture::join).toList();
        assertThat(claims).filteredOn(Claim.Handle.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(claim -> !(claim instanceof Claim.Handle))
                .hasSize(19)
                .containsOnly(new Claim.Repeat("Your reference number is 4711"));
    }

    @Test
    void aReleasedClaimLetsTheNextDeliveryHandleTheMessage() throws SQLException {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);

        ledger.release(handling(ledger.claim("SM001")));

        assertThat(state("SM001")).as("nothing recorded").isNull();
        assertThat(ledger.claim("SM001")).isInstanceOf(Claim.Handle.class);
    }

    @Test
    void aLateReleaseLeavesTheClaimOfTheDeliveryThatTookOver() throws SQLException {
        InboundMessageLedger node1 = ledger(clock, SHORT_WAIT);
        InboundMessageLedger node2 = ledger(clock, SHORT_WAIT);
        Claim.Handle first = handling(node1.claim("SM001"));
        clock.advance(TAKEOVER.plusSeconds(1));
        Claim.Handle second = handling(node2.claim("SM001"));

        node1.release(first);

        assertThat(state("SM001")).as("still the second delivery's").isEqualTo(InboundMessageLedger.IN_PROGRESS);
        node2.answer(second, "handled once");
        assertThat(node1.claim("SM001")).isEqualTo(new Claim.Repeat("handled once"));
    }

    @Test
    void aReleaseTheDatabaseRefusesIsRetriedUntilItIsDone() throws SQLException {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);
        Claim.Handle first = handling(ledger.claim("SM001"));
        execute("ALTER TABLE " + PluginTables.INBOUND_MESSAGE + " RENAME TO OUT_OF_REACH");

        ledger.release(first);
        execute("ALTER TABLE OUT_OF_REACH RENAME TO " + PluginTables.INBOUND_MESSAGE);

        assertThat(state("SM001")).as("not released yet").isEqualTo(InboundMessageLedger.IN_PROGRESS);
        await().atMost(Duration.ofSeconds(5)).until(() -> state("SM001") == null);
        assertThat(ledger.claim("SM001")).isInstanceOf(Claim.Handle.class);
    }

    @Test
    void twentyConcurrentDeliveriesOfDifferentMessagesAreEachHandled() throws Exception {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Claim>> deliveries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sid = "SM%03d".formatted(i);
            deliveries.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return ledger.claim(sid);
            }, threads));
        }
        go.countDown();

        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(deliveries).extracting(CompletableFuture::join).allSatisfy(claim -> assertThat(claim).isInstanceOf(Claim.Handle.class));
    }

    @Test
    void answeredMessagesOlderThanRetentionAreForgottenOnALaterClaim() throws SQLException {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);
        ledger.answer(handling(ledger.claim("SM-OLD")), "old reply"); // purges (nothing) and sets the hourly mark
        clock.advance(Duration.ofHours(12));
        ledger.answer(handling(ledger.claim("SM-YOUNG")), "young reply");
        ledger.claim("SM-UNANSWERED");                           // old, but never answered

        clock.advance(Duration.ofHours(13));                     // SM-OLD is 25 h old, SM-YOUNG 13 h
        assertThat(ledger.claim("SM-TRIGGER")).isInstanceOf(Claim.Handle.class);

        assertThat(state("SM-OLD")).as("purged").isNull();
        assertThat(state("SM-YOUNG")).isEqualTo(InboundMessageLedger.ANSWERED);
        assertThat(state("SM-UNANSWERED")).as("an unanswered claim is kept").isEqualTo(InboundMessageLedger.IN_PROGRESS);
        assertThat(ledger.claim("SM-OLD")).as("forgotten, so new again").isInstanceOf(Claim.Handle.class);
        assertThat(ledger.claim("SM-YOUNG")).isEqualTo(new Claim.Repeat("young reply"));
    }

    @Test
    void thePurgeRunsAtMostOncePerHour() throws SQLException {
        InboundMessageLedger ledger = ledger(clock, SHORT_WAIT);
        ledger.answer(handling(ledger.claim("SM-A")), "a");        // purge at START
        clock.advance(Duration.ofMinutes(23 * 60 + 30));
        ledger.claim("SM-B");                                    // purge at START+23:30, SM-A still young
        assertThat(state("SM-A")).isEqualTo(InboundMessageLedger.ANSWERED);

        clock.advance(Duration.ofMinutes(45));                   // START+24:15: SM-A too old, but the last purge was 45 min ago
        ledger.claim("SM-C");
        assertThat(state("SM-A")).as("no purge within the hour").isEqualTo(InboundMessageLedger.ANSWERED);
        assertThat(ledger.claim("SM-A")).isEqualTo(new Claim.Repeat("a"));

        clock.advance(Duration.ofMinutes(20));                   // START+24:35: 65 min since the last purge
        ledger.claim("SM-D");
        assertThat(state("SM-A")).as("purged").isNull();
    }

    private InboundMessageLedger ledger(Clock clock, Duration waitForAnswer) {
        return new InboundMessageLedger(database, clock, TAKEOVER, waitForAnswer, RETENTION);
    }

    private List<Claim> claimAllAtOnce(List<InboundMessageLedger> ledgers, String sid) throws Exception {
        CountDownLatch ready = new CountDownLatch(ledgers.size());
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Claim>> claims = new ArrayList<>();
        for (InboundMessageLedger ledger : ledgers) {
            claims.add(CompletableFuture.supplyAsync(() -> {
                ready.countDown();
                awaitQuietly(go);
                return ledger.claim(sid);
            }, threads));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        return claims.stream().map(CompletableFuture::join).toList();
    }

    private static void awaitQuietly(CountDownLatch gate) {
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("start gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stored state of a message, {@code null} when it is not (or no longer) remembered. */
    private String state(String sid) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT STATE_ FROM " + PluginTables.INBOUND_MESSAGE + " WHERE MESSAGE_SID_ = ?")) {
            statement.setString(1, sid);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** The claim, which must make this delivery the message's handler. */
    private static Claim.Handle handling(Claim claim) {
        assertThat(claim).isInstanceOf(Claim.Handle.class);
        return (Claim.Handle) claim;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
