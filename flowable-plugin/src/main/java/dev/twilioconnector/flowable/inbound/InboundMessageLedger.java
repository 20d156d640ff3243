package dev.twilioconnector.flowable.inbound;

import dev.twilioconnector.flowable.schema.PluginTables;
import dev.twilioconnector.flowable.schema.AutoCommitSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers every inbound {@code MessageSid} in the engine database, so that a message Twilio
 * delivers twice (a retry, another node, a restart in between) is handled once and the repeat gets
 * the first reply. The primary key decides who handles a message, whichever node or thread asks.
 *
 * <p>A claim whose handler died (no answer after {@code takeoverAfter}) is taken over by the next
 * delivery, so a crash does not swallow the message; a handler that could not hand the message over
 * {@link #release releases} its claim.
 */
public final class InboundMessageLedger implements AutoCloseable {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String ANSWERED = "ANSWERED";
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private final String table;
    private static final Duration RELEASE_RETRY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(InboundMessageLedger.class);

    private final AutoCommitSql sql;
    private final Clock clock;
    private final Duration takeoverAfter;
    private final Duration waitForAnswer;
    private final Duration retention;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);
    /** Claims this node could not release yet, with the time after which another delivery takes them over anyway. */
    private final Map<Claim.Handle, Instant> unreleased = new ConcurrentHashMap<>();
    private final ReentrantLock releasing = new ReentrantLock();
    private final ScheduledExecutorService releaseRetries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "twilio-inbound-release");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean retryScheduled = new AtomicBoolean();

    /**
     * @param takeoverAfter how long a claim may stay unanswered before another delivery takes it over
     * @param waitForAnswer how long a repeat waits for the first delivery's reply
     * @param retention     how long a handled message is remembered
     */
    public InboundMessageLedger(DataSource dataSource, Clock clock, Duration takeoverAfter, Duration waitForAnswer, Duration retention) {
        this(dataSource, PluginTables.UNPREFIXED, clock, takeoverAfter, waitForAnswer, retention);
    }

    /** @param tables where the plugin's tables are (the engine's table prefix) */
    public InboundMessageLedger(DataSource dataSource, PluginTables tables, Clock clock, Duration takeoverAfter,
                                Duration waitForAnswer, Duration retention) {
        this.sql = new AutoCommitSql(dataSource, "inbound message ledger", 0);
        this.table = tables.inboundMessage();
        this.clock = clock;
        this.takeoverAfter = takeoverAfter;
        this.waitForAnswer = waitForAnswer;
        this.retention = retention;
    }

    /** What the caller is to do with a delivery of {@code messageSid}. */
    public sealed interface Claim {
        /**
         * This delivery handles the message and must {@link #answer} or {@link #release} it.
         *
         * @param claimedAt when this delivery claimed it: a later delivery that takes the message over claims
         *                  it at another time, so this names the claim, and only its holder may answer or
         *                  release the message, whichever node it runs on
         */
        record Handle(String messageSid, Instant claimedAt) implements Claim {
        }

        /** The message was handled before; {@code reply} is what it was answered ({@code null}: nothing). */
        record Repeat(String reply) implements Claim {
        }

        /** Another delivery is handling it right now and did not answer in time. */
        record Busy() implements Claim {
        }
    }

    public Claim claim(String messageSid) {
        retryReleases();
        purgeOccasionally();
        Instant deadline = clock.instant().plus(waitForAnswer);
        boolean tryInsert = true;
        while (true) {
            Claim.Handle handle = new Claim.Handle(messageSid, now());
            if (tryInsert && insert(handle)) {
                return handle;
            }
            // While it waits, a repeat only reads: a failed insert is an error line in the server's log.
            Row row = read(messageSid);
            tryInsert = row == null;
            if (row == null) {
                continue; // released or purged between insert and read: try to claim again
            }
            if (ANSWERED.equals(row.state())) {
                return new Claim.Repeat(row.reply());
            }
            if (row.claimedAt().plus(takeoverAfter).isBefore(clock.instant()) && takeOver(handle, row.claimedAt())) {
                LOG.warn("Inbound message {} was claimed at {} and never answered; handling it now", messageSid, row.claimedAt());
                return handle;
            }
            if (clock.instant().isAfter(deadline)) {
                return new Claim.Busy();
            }
            pause();
        }
    }

    /**
     * Records the reply to a message this delivery handled; {@code null} when nothing was replied. A claim
     * another delivery has taken over meanwhile stays theirs.
     */
    public void answer(Claim.Handle claim, String reply) {
        int answered = sql.run("UPDATE " + table + " SET STATE_ = ?, REPLY_ = ?, ANSWERED_AT_ = ? WHERE MESSAGE_SID_ = ? AND CLAIMED_AT_ = ?",
                statement -> {
                    statement.setString(1, ANSWERED);
                    statement.setString(2, reply);
                    statement.setObject(3, utc(clock.instant()));
                    statement.setString(4, claim.messageSid());
                    statement.setObject(5, utc(claim.claimedAt()));
                    return statement.executeUpdate();
                });
        if (answered == 0) {
            LOG.warn("Inbound message {} was handled here after another delivery had taken it over; its reply is not recorded",
                    claim.messageSid());
        }
    }

    /**
     * Gives up this delivery's claim on a message it could not hand over, so that its next delivery
     * handles it as new; never throws. When the database does not answer, the release is retried every
     * {@link #RELEASE_RETRY} until it is done or the claim is open to takeover anyway.
     */
    public void release(Claim.Handle claim) {
        unreleased.put(claim, clock.instant().plus(takeoverAfter));
        Optional<AutoCommitSql.Failure> failure = retryReleases();
        if (failure.isPresent() && unreleased.containsKey(claim)) {
            LOG.warn("The claim on inbound message {} cannot be released yet ({}); retrying every {}", claim.messageSid(),
                    failure.get().getMessage(), RELEASE_RETRY);
        }
        scheduleRetry();
    }

    /** Stops retrying releases; a claim not released by then is taken over after {@code takeoverAfter}. */
    @Override
    public void close() {
        releaseRetries.shutdownNow();
    }

    private void scheduleRetry() {
        if (!unreleased.isEmpty() && retryScheduled.compareAndSet(false, true)) {
            try {
                releaseRetries.schedule(() -> {
                    retryScheduled.set(false);
                    retryReleases();
                    scheduleRetry();
                }, RELEASE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                retryScheduled.set(false);
            }
        }
    }

    /**
     * Releases what could not be released before, until the database fails again. A thread that finds
     * another one at it goes on: that one does the work.
     */
    private Optional<AutoCommitSql.Failure> retryReleases() {
        if (unreleased.isEmpty() || !releasing.tryLock()) {
            return Optional.empty();
        }
        try {
            Instant now = clock.instant();
            for (Map.Entry<Claim.Handle, Instant> pending : unreleased.entrySet()) {
                if (pending.getValue().isBefore(now)) {
                    unreleased.remove(pending.getKey());
                    continue;
                }
                delete(pending.getKey());
                unreleased.remove(pending.getKey());
            }
            return Optional.empty();
        } catch (AutoCommitSql.Failure e) {
            return Optional.of(e);
        } finally {
            releasing.unlock();
        }
    }

    private void delete(Claim.Handle claim) {
        sql.run("DELETE FROM " + table + " WHERE MESSAGE_SID_ = ? AND STATE_ = ? AND CLAIMED_AT_ = ?", statement -> {
            statement.setString(1, claim.messageSid());
            statement.setString(2, IN_PROGRESS);
            statement.setObject(3, utc(claim.claimedAt()));
            return statement.executeUpdate();
        });
    }

    private boolean insert(Claim.Handle claim) {
        OffsetDateTime claimedAt = utc(claim.claimedAt());
        return sql.insertUnlessTaken("INSERT INTO " + table + " (MESSAGE_SID_, STATE_, RECEIVED_AT_, CLAIMED_AT_) VALUES (?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, claim.messageSid());
                    statement.setString(2, IN_PROGRESS);
                    statement.setObject(3, claimedAt);
                    statement.setObject(4, claimedAt);
                    return statement.executeUpdate();
                });
    }

    private Row read(String messageSid) {
        return sql.run("SELECT STATE_, REPLY_, CLAIMED_AT_ FROM " + table + " WHERE MESSAGE_SID_ = ?", statement -> {
            statement.setString(1, messageSid);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Row(rows.getString(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class).toInstant()) : null;
            }
        });
    }

    private boolean takeOver(Claim.Handle claim, Instant claimedAt) {
        return sql.run("UPDATE " + table + " SET CLAIMED_AT_ = ? WHERE MESSAGE_SID_ = ? AND STATE_ = ? AND CLAIMED_AT_ = ?", statement -> {
            statement.setObject(1, utc(claim.claimedAt()));
            statement.setString(2, claim.messageSid());
            statement.setString(3, IN_PROGRESS);
            statement.setObject(4, utc(claimedAt));
            return statement.executeUpdate();
        }) == 1;
    }

    private void purgeOccasionally() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (last.plus(PURGE_EVERY).isAfter(now) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        int purged = sql.run("DELETE FROM " + table + " WHERE STATE_ = ? AND RECEIVED_AT_ < ?", statement -> {
            statement.setString(1, ANSWERED);
            statement.setObject(2, utc(now.minus(retention)));
            return statement.executeUpdate();
        });
        if (purged > 0) {
            LOG.debug("Forgot {} inbound messages older than {}", purged, retention);
        }
    }

    /** In milliseconds: every database keeps those exactly, so a claim's time compares equal to itself. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Times are stored with their offset (UTC), so no JVM or session time zone can shift them. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another delivery's reply", e);
        }
    }

    private record Row(String state, String reply, Instant claimedAt) {
    }
}
