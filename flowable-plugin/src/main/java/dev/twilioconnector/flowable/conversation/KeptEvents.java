package dev.twilioconnector.flowable.conversation;

import dev.twilioconnector.flowable.schema.AutoCommitSql;
import dev.twilioconnector.flowable.schema.PluginTables;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events no waiting instance took when they arrived, in the engine database until they expire: one row per
 * event, and one row per correlation key Flowable matched it by (so that a new wait finds the events it would
 * have matched with one indexed look-up). A kept event is taken by one hand-over at a time ({@code TAKEN_BY_});
 * delivered, it is deleted; not delivered, it is given back. A taker that died is overtaken after
 * {@code takenFor}.
 */
public final class KeptEvents {

    /** One kept event: what it is, who sent it (a message's sender; {@code null} for a report), its payload as JSON. */
    public record Kept(String id, String eventKey, String sender, String payload, Instant receivedAt) {
    }

    private static final String COLUMNS = "K.ID_, K.EVENT_KEY_, K.SENDER_, K.PAYLOAD_, K.RECEIVED_AT_";

    private final AutoCommitSql sql;
    private final String events;
    private final String keys;
    private final Duration takenFor;

    public KeptEvents(DataSource dataSource, PluginTables tables, Duration takenFor) {
        this.sql = new AutoCommitSql(dataSource, "kept events", 0);
        this.events = tables.keptEvent();
        this.keys = tables.keptEventKey();
        this.takenFor = takenFor;
    }

    /** Keeps {@code event} until {@code expiresAt}, findable by each of {@code correlationKeys}; false when it is kept already. */
    public boolean keep(Kept event, List<String> correlationKeys, Instant expiresAt) {
        boolean kept = sql.insertUnlessTaken("INSERT INTO " + events + " (ID_, EVENT_KEY_, SENDER_, PAYLOAD_, RECEIVED_AT_, EXPIRES_AT_) "
                + "VALUES (?, ?, ?, ?, ?, ?)", statement -> {
            statement.setString(1, event.id());
            statement.setString(2, event.eventKey());
            statement.setString(3, event.sender());
            statement.setString(4, event.payload());
            statement.setObject(5, utc(event.receivedAt()));
            statement.setObject(6, utc(expiresAt));
            return statement.executeUpdate();
        });
        if (kept && !correlationKeys.isEmpty()) {
            sql.run("INSERT INTO " + keys + " (CORRELATION_KEY_, EVENT_ID_) VALUES (?, ?)", statement -> {
                for (String key : correlationKeys) {
                    statement.setString(1, key);
                    statement.setString(2, event.id());
                    statement.addBatch();
                }
                return statement.executeBatch().length;
            });
        }
        return kept;
    }

    /**
     * The unexpired events of {@code eventKey} a wait with this correlation key would have matched, oldest first;
     * {@code correlationKey} {@code null}: a wait without correlation parameters, which matches every one.
     */
    public List<Kept> matching(String eventKey, String correlationKey, Instant now) {
        String sql = correlationKey == null
                ? "SELECT " + COLUMNS + " FROM " + events + " K WHERE K.EVENT_KEY_ = ? AND K.EXPIRES_AT_ > ? ORDER BY K.RECEIVED_AT_"
                : "SELECT " + COLUMNS + " FROM " + events + " K JOIN " + keys + " KK ON KK.EVENT_ID_ = K.ID_ WHERE K.EVENT_KEY_ = ? "
                + "AND K.EXPIRES_AT_ > ? AND KK.CORRELATION_KEY_ = ? ORDER BY K.RECEIVED_AT_";
        return this.sql.run(sql, statement -> {
            statement.setString(1, eventKey);
            statement.setObject(2, utc(now));
            if (correlationKey != null) {
                statement.setString(3, correlationKey);
            }
            return read(statement);
        });
    }

    /** Takes the event for one hand-over; false while another holds it (or it is gone). */
    public boolean take(String id, String taker, Instant now) {
        return sql.run("UPDATE " + events + " SET TAKEN_BY_ = ?, TAKEN_AT_ = ? WHERE ID_ = ? AND (TAKEN_BY_ IS NULL OR TAKEN_AT_ < ?)",
                statement -> {
                    statement.setString(1, taker);
                    statement.setObject(2, utc(now));
                    statement.setString(3, id);
                    statement.setObject(4, utc(now.minus(takenFor)));
                    return statement.executeUpdate();
                }) == 1;
    }

    /** The hand-over woke nobody: the event waits for the next one. */
    public void giveBack(String id, String taker) {
        sql.run("UPDATE " + events + " SET TAKEN_BY_ = NULL, TAKEN_AT_ = NULL WHERE ID_ = ? AND TAKEN_BY_ = ?", statement -> {
            statement.setString(1, id);
            statement.setString(2, taker);
            return statement.executeUpdate();
        });
    }

    /** The event reached an instance: it is kept no longer. */
    public void delivered(String id) {
        deleteKeys("EVENT_ID_ = ?", statement -> statement.setString(1, id));
        sql.run("DELETE FROM " + events + " WHERE ID_ = ?", statement -> {
            statement.setString(1, id);
            return statement.executeUpdate();
        });
    }

    /** Deletes what expired before {@code now}; how many events of each key expired. */
    public Map<String, Integer> expire(Instant now) {
        Map<String, Integer> expired = sql.run("SELECT EVENT_KEY_, COUNT(*) FROM " + events + " WHERE EXPIRES_AT_ <= ? GROUP BY EVENT_KEY_",
                statement -> {
                    statement.setObject(1, utc(now));
                    Map<String, Integer> counts = new TreeMap<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            counts.put(rows.getString(1), rows.getInt(2));
                        }
                    }
                    return counts;
                });
        if (!expired.isEmpty()) {
            deleteKeys("EVENT_ID_ IN (SELECT ID_ FROM " + events + " WHERE EXPIRES_AT_ <= ?)", statement -> statement.setObject(1, utc(now)));
            sql.run("DELETE FROM " + events + " WHERE EXPIRES_AT_ <= ?", statement -> {
                statement.setObject(1, utc(now));
                return statement.executeUpdate();
            });
        }
        return expired;
    }

    private void deleteKeys(String where, Parameters parameters) {
        sql.run("DELETE FROM " + keys + " WHERE " + where, statement -> {
            parameters.set(statement);
            return statement.executeUpdate();
        });
    }

    private static List<Kept> read(PreparedStatement statement) throws SQLException {
        List<Kept> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new Kept(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getObject(5, OffsetDateTime.class).toInstant()));
            }
        }
        return found;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }
}
