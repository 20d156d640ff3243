package dev.twilioconnector.flowable.conversation;

import dev.twilioconnector.core.sms.Accepted;
import dev.twilioconnector.flowable.schema.AutoCommitSql;
import dev.twilioconnector.flowable.schema.PluginTables;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which process instance texted which phone, and when: one row per message Twilio accepted, written the
 * moment it is accepted (on a connection of its own, committed at once), so that an answer arriving before
 * the sending transaction commits already knows whom it answers.
 */
public final class ConversationLog {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationLog.class);
    /** The log shares the engine's connection pool; sending threads must not drain it. */
    static final int CONNECTIONS = 2;
    /** The key of an answer in a webhook's TwiML: the message it answers, which has one answer at most. */
    static final String WEBHOOK_ANSWER = "answer:";

    private final AutoCommitSql sql;
    private final String table;
    private final Clock clock;

    public ConversationLog(DataSource dataSource, PluginTables tables, Clock clock) {
        this.sql = new AutoCommitSql(dataSource, "conversation log", CONNECTIONS);
        this.table = tables.conversation();
        this.clock = clock;
    }

    /**
     * Records that {@code processInstanceId} texted each recipient of {@code accepted}; a message recorded before is left
     * as it is. The messages are sent whatever happens here: a failure is logged, and answers then fall back to the
     * instance that has waited longest.
     */
    public void texted(String processInstanceId, List<Accepted> accepted) {
        if (processInstanceId == null || accepted.isEmpty()) {
            return;
        }
        try {
            record(processInstanceId, accepted);
        } catch (AutoCommitSql.Failure e) {
            LOG.warn("Could not record that process instance {} texted {} recipient(s): {}", processInstanceId, accepted.size(), e.getMessage());
        }
    }

    /**
     * Records that {@code processInstanceId} answered {@code phone}'s message {@code inboundSid} in the webhook's TwiML: a
     * text to that phone as much as one sent through the API, though it has no SID of its own.
     */
    public void answeredInWebhook(String processInstanceId, String phone, String inboundSid) {
        texted(processInstanceId, List.of(new Accepted(phone, WEBHOOK_ANSWER + inboundSid, null)));
    }

    /**
     * All of a task's messages in one batch on one connection (a task may text thousands); only when that
     * meets a message recorded before (a retried task reports what an earlier attempt sent) one by one.
     */
    private void record(String processInstanceId, List<Accepted> accepted) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        String insert = "INSERT INTO " + table + " (MESSAGE_SID_, PHONE_, PROC_INST_ID_, TEXTED_AT_) VALUES (?, ?, ?, ?)";
        try {
            sql.run(insert, statement -> {
                for (Accepted message : accepted) {
                    bind(statement, message, processInstanceId, now);
                    statement.addBatch();
                }
                return statement.executeBatch().length;
            });
        } catch (AutoCommitSql.Failure e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            for (Accepted message : accepted) {
                sql.insertUnlessTaken(insert, statement -> {
                    bind(statement, message, processInstanceId, now);
                    return statement.executeUpdate();
                });
            }
        }
    }

    private static void bind(PreparedStatement statement, Accepted message, String processInstanceId, OffsetDateTime at)
            throws java.sql.SQLException {
        statement.setString(1, message.sid());
        statement.setString(2, message.to());
        statement.setString(3, processInstanceId);
        statement.setObject(4, at);
    }

    /** When each of {@code processInstanceIds} last texted {@code phone}; an instance that never did is not in the answer. */
    public Map<String, Instant> lastTexted(String phone, Collection<String> processInstanceIds) {
        Map<String, Instant> last = sql.run("SELECT PROC_INST_ID_, MAX(TEXTED_AT_) FROM " + table + " WHERE PHONE_ = ? GROUP BY PROC_INST_ID_",
                statement -> read(statement, phone));
        last.keySet().retainAll(processInstanceIds);
        return last;
    }

    /** When each of {@code processInstanceIds} first texted {@code phone} before {@code before}; one that did not is not in the answer. */
    public Map<String, Instant> textedBefore(String phone, Collection<String> processInstanceIds, Instant before) {
        Map<String, Instant> first = sql.run("SELECT PROC_INST_ID_, MIN(TEXTED_AT_) FROM " + table + " WHERE PHONE_ = ? AND TEXTED_AT_ < ? "
                + "GROUP BY PROC_INST_ID_", statement -> {
            statement.setObject(2, before.atOffset(ZoneOffset.UTC));
            return read(statement, phone);
        });
        first.keySet().retainAll(processInstanceIds);
        return first;
    }

    /** Whether any instance texted {@code phone} before {@code before}. */
    public boolean anyTextedBefore(String phone, Instant before) {
        return sql.run("SELECT 1 FROM " + table + " WHERE PHONE_ = ? AND TEXTED_AT_ < ?", statement -> {
            statement.setString(1, phone);
            statement.setObject(2, before.atOffset(ZoneOffset.UTC));
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }

    private static Map<String, Instant> read(PreparedStatement statement, String phone) throws java.sql.SQLException {
        statement.setString(1, phone);
        Map<String, Instant> last = new HashMap<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                last.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        return last;
    }
}
