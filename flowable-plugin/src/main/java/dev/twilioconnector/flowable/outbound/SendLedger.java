package dev.twilioconnector.flowable.outbound;

import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.sms.Accepted;
import dev.twilioconnector.core.sms.DeliveryJournal;
import dev.twilioconnector.core.sms.DeliveryJournal.Prior;
import dev.twilioconnector.flowable.schema.PluginTables;
import dev.twilioconnector.flowable.schema.AutoCommitSql;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What became of each recipient of each SEND_SMS task execution, in the engine database, written
 * outside the engine's transaction (on a connection of its own, committed at once) so that it
 * survives the rollback of a failed job and is seen by every node.
 *
 * <p>A recipient's row goes {@code SENDING} (claimed, request about to leave) → {@code SENT} (Twilio
 * accepted), {@code REFUSED} (Twilio said no: may be sent again) or {@code UNKNOWN} (no or a 5xx
 * answer: may have been accepted). A later execution of the same task sends only where there is no
 * row or a {@code REFUSED} one; {@code SENT} is reported as accepted, {@code SENDING} and
 * {@code UNKNOWN} as uncertain, never sent again.
 */
public final class SendLedger {

    static final String SENDING = "SENDING";
    static final String SENT = "SENT";
    static final String REFUSED = "REFUSED";
    static final String UNKNOWN = "UNKNOWN";
    public static final String INTERRUPTED =
            "an earlier attempt of this task was interrupted while sending to this recipient; Twilio may have accepted it, "
                    + "so it was not sent again";
    public static final String EARLIER_UNCERTAIN = "an earlier attempt of this task got no clear answer for this recipient (%s); "
            + "it was not sent again";

    private final String table;
    /**
     * The ledger shares the engine's connection pool with the engine itself. Sending threads must not
     * drain it: a pool that runs dry makes the engine wait, and Flowable's own pool even reclaims a
     * connection checked out too long, which can be the engine transaction's own.
     */
    static final int CONNECTIONS = 2;

    private final AutoCommitSql sql;
    private final Clock clock;

    /** @param dataSource connections outside any engine transaction; see {@link DataSources#outsideTransactions} */
    public SendLedger(DataSource dataSource, Clock clock) {
        this(dataSource, PluginTables.UNPREFIXED, clock);
    }

    /**
     * @param dataSource connections outside any engine transaction; see {@link DataSources#outsideTransactions}
     * @param tables     where the plugin's tables are (the engine's table prefix)
     */
    public SendLedger(DataSource dataSource, PluginTables tables, Clock clock) {
        this.sql = new AutoCommitSql(dataSource, "send ledger", CONNECTIONS);
        this.table = tables.sendLedger();
        this.clock = clock;
    }

    /** The journal of one task execution, identified by {@code taskKey}. */
    public DeliveryJournal journal(String taskKey) {
        return new TaskJournal(taskKey);
    }

    private final class TaskJournal implements DeliveryJournal {
        private final String taskKey;

        TaskJournal(String taskKey) {
            this.taskKey = taskKey;
        }

        @Override
        public Prior before(String recipient) {
            if (claim(taskKey, recipient)) {
                return new Prior.Send();
            }
            Row row = read(taskKey, recipient);
            if (row == null) {
                return before(recipient);
            }
            return switch (row.state()) {
                case SENT -> new Prior.AlreadyAccepted(new Accepted(recipient, row.sid(), row.status()));
                case REFUSED -> reclaim(taskKey, recipient) ? new Prior.Send() : before(recipient);
                case UNKNOWN -> new Prior.Uncertain(new TwilioProblem(recipient, row.code(), row.httpStatus(),
                        EARLIER_UNCERTAIN.formatted(row.message())));
                default -> new Prior.Uncertain(new TwilioProblem(recipient, null, null, INTERRUPTED));
            };
        }

        @Override
        public void accepted(Accepted accepted) {
            record(taskKey, accepted.to(), SENT, accepted.sid(), accepted.status(), null);
        }

        @Override
        public void notAccepted(TwilioProblem problem, boolean mayHaveBeenAccepted) {
            record(taskKey, problem.recipient(), mayHaveBeenAccepted ? UNKNOWN : REFUSED, null, null, problem);
        }
    }

    private boolean claim(String taskKey, String recipient) {
        return sql.insertUnlessTaken("INSERT INTO " + table + " (TASK_KEY_, RECIPIENT_, STATE_, UPDATED_AT_) VALUES (?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, taskKey);
                    statement.setString(2, recipient);
                    statement.setString(3, SENDING);
                    statement.setObject(4, now());
                    return statement.executeUpdate();
                });
    }

    private boolean reclaim(String taskKey, String recipient) {
        return sql.run("UPDATE " + table + " SET STATE_ = ?, UPDATED_AT_ = ? WHERE TASK_KEY_ = ? AND RECIPIENT_ = ? AND STATE_ = ?",
                statement -> {
                    statement.setString(1, SENDING);
                    statement.setObject(2, now());
                    statement.setString(3, taskKey);
                    statement.setString(4, recipient);
                    statement.setString(5, REFUSED);
                    return statement.executeUpdate();
                }) == 1;
    }

    private void record(String taskKey, String recipient, String state, String sid, String status, TwilioProblem problem) {
        sql.run("UPDATE " + table + " SET STATE_ = ?, MESSAGE_SID_ = ?, STATUS_ = ?, CODE_ = ?, HTTP_STATUS_ = ?, MESSAGE_ = ?, UPDATED_AT_ = ? "
                + "WHERE TASK_KEY_ = ? AND RECIPIENT_ = ?", statement -> {
            statement.setString(1, state);
            statement.setString(2, sid);
            statement.setString(3, status);
            setInteger(statement, 4, problem == null ? null : problem.code());
            setInteger(statement, 5, problem == null ? null : problem.status());
            statement.setString(6, problem == null ? null : truncate(problem.message()));
            statement.setObject(7, now());
            statement.setString(8, taskKey);
            statement.setString(9, recipient);
            return statement.executeUpdate();
        });
    }

    private Row read(String taskKey, String recipient) {
        return sql.run("SELECT STATE_, MESSAGE_SID_, STATUS_, CODE_, HTTP_STATUS_, MESSAGE_ FROM " + table
                + " WHERE TASK_KEY_ = ? AND RECIPIENT_ = ?", statement -> {
            statement.setString(1, taskKey);
            statement.setString(2, recipient);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new Row(rows.getString(1), rows.getString(2), rows.getString(3),
                        (Integer) rows.getObject(4), (Integer) rows.getObject(5), rows.getString(6));
            }
        });
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 4000 ? message : message.substring(0, 4000);
    }

    private record Row(String state, String sid, String status, Integer code, Integer httpStatus, String message) {
    }
}
