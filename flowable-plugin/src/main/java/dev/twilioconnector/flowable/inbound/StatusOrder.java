package dev.twilioconnector.flowable.inbound;

import dev.twilioconnector.flowable.schema.AutoCommitSql;
import dev.twilioconnector.flowable.schema.PluginTables;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Twilio may post a message's reports out of order: a {@code sent} can arrive after its {@code delivered}.
 * This remembers, per message, the furthest status published, so that a report of an earlier one is not
 * published after it. Statuses of one stage ({@code delivered}, {@code undelivered}, {@code failed}) do not
 * supersede each other; a status Twilio adds later, unknown here, is always published. Two reports of one
 * message racing on two nodes can both be published: their order is not known then either.
 */
public final class StatusOrder {

    private static final Map<String, Integer> STAGES = Map.ofEntries(
            Map.entry("accepted", 0), Map.entry("scheduled", 0), Map.entry("queued", 1), Map.entry("sending", 2),
            Map.entry("sent", 3), Map.entry("delivered", 4), Map.entry("undelivered", 4), Map.entry("failed", 4),
            Map.entry("canceled", 4), Map.entry("partially_delivered", 4), Map.entry("read", 5));
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final AutoCommitSql sql;
    private final String table;
    private final Clock clock;
    private final Duration retention;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    /** @param retention how long a message's furthest status is remembered */
    public StatusOrder(DataSource dataSource, PluginTables tables, Clock clock, Duration retention) {
        this.sql = new AutoCommitSql(dataSource, "message status order", 0);
        this.table = tables.messageStatus();
        this.clock = clock;
        this.retention = retention;
    }

    /** Records {@code status} as the message's furthest; false when a later one was published already. */
    public boolean advance(String messageSid, String status) {
        Integer stage = STAGES.get(status.toLowerCase(Locale.ROOT));
        if (stage == null) {
            return true;
        }
        purgeOccasionally();
        return moveForward(messageSid, status, stage) || first(messageSid, status, stage) || moveForward(messageSid, status, stage);
    }

    private boolean moveForward(String messageSid, String status, int stage) {
        return sql.run("UPDATE " + table + " SET STATUS_ = ?, RANK_ = ?, UPDATED_AT_ = ? WHERE MESSAGE_SID_ = ? AND RANK_ <= ?", statement -> {
            statement.setString(1, status);
            statement.setInt(2, stage);
            statement.setObject(3, now());
            statement.setString(4, messageSid);
            statement.setInt(5, stage);
            return statement.executeUpdate();
        }) == 1;
    }

    private boolean first(String messageSid, String status, int stage) {
        return sql.insertUnlessTaken("INSERT INTO " + table + " (MESSAGE_SID_, STATUS_, RANK_, UPDATED_AT_) VALUES (?, ?, ?, ?)", statement -> {
            statement.setString(1, messageSid);
            statement.setString(2, status);
            statement.setInt(3, stage);
            statement.setObject(4, now());
            return statement.executeUpdate();
        });
    }

    private void purgeOccasionally() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (last.plus(PURGE_EVERY).isAfter(now) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        sql.run("DELETE FROM " + table + " WHERE UPDATED_AT_ < ?", statement -> {
            statement.setObject(1, now.minus(retention).atOffset(ZoneOffset.UTC));
            return statement.executeUpdate();
        });
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
