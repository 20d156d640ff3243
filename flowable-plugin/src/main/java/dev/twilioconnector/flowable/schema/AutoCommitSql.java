package dev.twilioconnector.flowable.schema;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;

/**
 * Runs the plugin's bookkeeping statements each on a connection of its own, committed at once, so
 * that other nodes see them immediately and no engine transaction can roll them back. Optionally
 * bounded: sending threads must not drain the connection pool they share with the engine.
 */
public final class AutoCommitSql {

    private final DataSource dataSource;
    private final String owner;
    private final Semaphore connections;

    /**
     * @param owner          names the bookkeeping in error messages
     * @param maxConnections how many connections it may hold at once; 0 for no bound
     */
    public AutoCommitSql(DataSource dataSource, String owner, int maxConnections) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.connections = maxConnections > 0 ? new Semaphore(maxConnections, true) : null;
    }

    public <T> T run(String sql, Work<T> work) {
        if (connections != null) {
            connections.acquireUninterruptibly();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return work.run(statement);
            }
        } catch (SQLException e) {
            throw new Failure(owner, e);
        } finally {
            if (connections != null) {
                connections.release();
            }
        }
    }

    /**
     * Runs an {@code INSERT} that claims a primary key: {@code false} when another claim (this node's or
     * another's) already holds it, which the database decides atomically.
     */
    public boolean insertUnlessTaken(String sql, Work<Integer> work) {
        try {
            run(sql, work);
            return true;
        } catch (Failure e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    /** What to do with the prepared statement. */
    @FunctionalInterface
    public interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** The database could not be asked. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String owner, SQLException cause) {
            super(owner + ": " + cause.getMessage(), cause);
        }

        /** The statement met a primary key already taken. */
        public boolean isUniqueViolation() {
            return SqlStates.isUniqueViolation((SQLException) getCause());
        }
    }
}
