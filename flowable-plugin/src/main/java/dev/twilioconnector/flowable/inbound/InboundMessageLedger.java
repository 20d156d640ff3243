package dev.twilioconnector.flowable.inbound;

import dev.twilioconnector.flowable.schema.PluginSchema;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers every inbound {@code MessageSid} in the engine database, so that a message Twilio
 * delivers twice (a retry, another node, a restart in between) is handled once and the repeat gets
 * the first reply. The primary key decides who handles a message, whichever node or thread asks.
 *
 * <p>A claim whose handler died (no answer after {@code takeoverAfter}) is taken over by the next
 * delivery, so a crash does not swallow the message; a handler that could not hand the message over
 * {@link #release releases} its claim.
 */
public final class InboundMessageLedger {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String ANSWERED = "ANSWERED";
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final String TABLE = PluginSchema.INBOUND_MESSAGE_TABLE;
    private static final Duration RELEASE_RETRY = Duration.ofSeconds(1);
    private static final ScheduledExecutorService RELEASES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "twilio-inbound-release");
        thread.setDaemon(true);
        return thread;
    });
    private static final Logger LOG = LoggerFactory.getLogger(InboundMessageLedger.class);

    private final AutoCommitSql sql;
    private final Clock clock;
    private final Duration takeoverAfter;
    private final Duration waitForAnswer;
    private final Duration retention;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);
    private final Set<String> unreleased = ConcurrentHashMap.newKeySet();

    /**
     * @param takeoverAfter how long a claim may stay unanswered before another delivery takes it over
     * @param waitForAnswer how long a repeat waits for the first delivery's reply
     * @param retention     how long a handled message is remembered
     */
    public InboundMessageLedger(DataSource dataSource, Clock clock, Duration takeoverAfter, Duration waitForAnswer, Duration retention) {
        this.sql = new AutoCommitSql(dataSource, "inbound message ledger", 0);
        this.clock = clock;
        this.takeoverAfter = takeoverAfter;
        this.waitForAnswer = waitForAnswer;
        this.retention = retention;
    }

    /** What the caller is to do with a delivery of {@code messageSid}. */
    public sealed interface Claim {
        /** This delivery handles the message and must {@link #answer} it. */
        record Handle() implements Claim {
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
            if (tryInsert && insert(messageSid)) {
                return new Claim.Handle();
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
            if (row.claimedAt().plus(takeoverAfter).isBefore(clock.instant()) && takeOver(messageSid, row.claimedAt())) {
                LOG.warn("Inbound message {} was claimed at {} and never answered; handling it now", messageSid, row.claimedAt());
                return new Claim.Handle();
            }
            if (clock.instant().isAfter(deadline)) {
                return new Claim.Busy();
            }
            pause();
        }
    }

    /** Records the reply to a message this delivery handled; {@code null} when nothing was replied. */
    public void answer(String messageSid, String reply) {
        sql.run("UPDATE " + TABLE + " SET STATE_ = ?, REPLY_ = ?, ANSWERED_AT_ = ? WHERE MESSAGE_SID_ = ?", statement -> {
            statement.setString(1, ANSWERED);
            statement.setString(2, reply);
            statement.setObject(3, utc(clock.instant()));
            statement.setString(4, messageSid);
            return statement.executeUpdate();
        });
    }

    /**
     * Gives up this delivery's claim on a message it could not hand over, so that its next delivery
     * handles it as new. When the database does not answer, the release is retried before every later
     * claim and every {@link #RELEASE_RETRY} until it is done; never throws.
     */
    public void release(String messageSid) {
        unreleased.add(messageSid);
        retryUntilReleased(messageSid);
    }

    private void retryUntilReleased(String messageSid) {
        Optional<AutoCommitSql.Failure> failure = retryReleases();
        if (unreleased.contains(messageSid)) {
            LOG.warn("The claim on inbound message {} cannot be released yet ({}); retrying every {}", messageSid,
                    failure.map(RuntimeException::getMessage).orElse("another release is under way"), RELEASE_RETRY);
            RELEASES.schedule(() -> retryUntilReleased(messageSid), RELEASE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Releases what could not be released before, until the database fails again. One thread at a
     * time: a second DELETE of the same message, late, would remove the claim of its next delivery.
     */
    private Optional<AutoCommitSql.Failure> retryReleases() {
        if (unreleased.isEmpty()) {
            return Optional.empty();
        }
        synchronized (unreleased) {
            return releaseAll();
        }
    }

    private Optional<AutoCommitSql.Failure> releaseAll() {
        for (String messageSid : unreleased) {
            try {
                sql.run("DELETE FROM " + TABLE + " WHERE MESSAGE_SID_ = ? AND STATE_ = ?", statement -> {
                    statement.setString(1, messageSid);
                    statement.setString(2, IN_PROGRESS);
                    return statement.executeUpdate();
                });
                unreleased.remove(messageSid);
            } catch (AutoCommitSql.Failure e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private boolean insert(String messageSid) {
        OffsetDateTime now = utc(clock.instant());
        try {
            sql.run("INSERT INTO " + TABLE + " (MESSAGE_SID_, STATE_, RECEIVED_AT_, CLAIMED_AT_) VALUES (?, ?, ?, ?)", statement -> {
                statement.setString(1, messageSid);
                statement.setString(2, IN_PROGRESS);
                statement.setObject(3, now);
                statement.setObject(4, now);
                return statement.executeUpdate();
            });
            return true;
        } catch (AutoCommitSql.Failure e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    private Row read(String messageSid) {
        return sql.run("SELECT STATE_, REPLY_, CLAIMED_AT_ FROM " + TABLE + " WHERE MESSAGE_SID_ = ?", statement -> {
            statement.setString(1, messageSid);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Row(rows.getString(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class).toInstant()) : null;
            }
        });
    }

    private boolean takeOver(String messageSid, Instant claimedAt) {
        return sql.run("UPDATE " + TABLE + " SET CLAIMED_AT_ = ? WHERE MESSAGE_SID_ = ? AND STATE_ = ? AND CLAIMED_AT_ = ?", statement -> {
            statement.setObject(1, utc(clock.instant()));
            statement.setString(2, messageSid);
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
        int purged = sql.run("DELETE FROM " + TABLE + " WHERE STATE_ = ? AND RECEIVED_AT_ < ?", statement -> {
            statement.setString(1, ANSWERED);
            statement.setObject(2, utc(now.minus(retention)));
            return statement.executeUpdate();
        });
        if (purged > 0) {
            LOG.debug("Forgot {} inbound messages older than {}", purged, retention);
        }
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
