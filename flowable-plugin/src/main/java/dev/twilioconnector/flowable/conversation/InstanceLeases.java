package dev.twilioconnector.flowable.conversation;

import dev.twilioconnector.flowable.schema.AutoCommitSql;
import dev.twilioconnector.flowable.schema.PluginTables;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Which process instance an answer is being handed to right now, across nodes: a row per instance, taken
 * by an {@code INSERT} on its primary key (the database decides which of two nodes wins) and deleted once
 * the hand-over has committed or rolled back. A lease older than {@code staleAfter} belongs to a node that
 * died during its hand-over and is taken over.
 */
public final class InstanceLeases {

    private final AutoCommitSql sql;
    private final String table;
    private final Clock clock;
    private final Duration staleAfter;

    public InstanceLeases(DataSource dataSource, PluginTables tables, Clock clock, Duration staleAfter) {
        this.sql = new AutoCommitSql(dataSource, "instance leases", 0);
        this.table = tables.instanceLease();
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** The lease on {@code processInstanceId} for {@code holder}, or empty while another hand-over holds it. */
    public Optional<Lease> take(String processInstanceId, String holder) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        boolean taken = sql.insertUnlessTaken("INSERT INTO " + table + " (PROC_INST_ID_, HOLDER_, LEASED_AT_) VALUES (?, ?, ?)", statement -> {
            statement.setString(1, processInstanceId);
            statement.setString(2, holder);
            statement.setObject(3, now);
            return statement.executeUpdate();
        }) || sql.run("UPDATE " + table + " SET HOLDER_ = ?, LEASED_AT_ = ? WHERE PROC_INST_ID_ = ? AND LEASED_AT_ < ?", statement -> {
            statement.setString(1, holder);
            statement.setObject(2, now);
            statement.setString(3, processInstanceId);
            statement.setObject(4, now.minus(staleAfter));
            return statement.executeUpdate();
        }) == 1;
        return taken ? Optional.of(new Lease(processInstanceId, holder)) : Optional.empty();
    }

    /** One instance held for one hand-over. */
    public final class Lease {
        private final String processInstanceId;
        private final String holder;

        private Lease(String processInstanceId, String holder) {
            this.processInstanceId = processInstanceId;
            this.holder = holder;
        }

        public String processInstanceId() {
            return processInstanceId;
        }

        /** Gives the instance back; a lease taken over by another node meanwhile stays theirs. */
        public void release() {
            sql.run("DELETE FROM " + table + " WHERE PROC_INST_ID_ = ? AND HOLDER_ = ?", statement -> {
                statement.setString(1, processInstanceId);
                statement.setString(2, holder);
                return statement.executeUpdate();
            });
        }
    }
}
