package dev.twilioconnector.flowable.schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The plugin's own tables, next to Flowable's in the engine database (H2 and PostgreSQL). Each
 * {@link Migration} runs once and is recorded in {@value #LOG_TABLE}; every statement is idempotent,
 * so nodes starting together against one database cannot trip over each other.
 */
public final class PluginSchema {

    public static final String LOG_TABLE = "TWILIO_SCHEMA_LOG";
    public static final String INBOUND_MESSAGE_TABLE = "TWILIO_INBOUND_MESSAGE";
    public static final String SEND_LEDGER_TABLE = "TWILIO_SEND_LEDGER";

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "inbound message deduplication", List.of(
                    "CREATE TABLE IF NOT EXISTS " + INBOUND_MESSAGE_TABLE + " ("
                            + "MESSAGE_SID_ VARCHAR(64) NOT NULL PRIMARY KEY, "
                            + "STATE_ VARCHAR(16) NOT NULL, "
                            + "REPLY_ VARCHAR(4000), "
                            + "RECEIVED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "CLAIMED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "ANSWERED_AT_ TIMESTAMP WITH TIME ZONE)",
                    "CREATE INDEX IF NOT EXISTS TWILIO_IDX_INBOUND_RECEIVED ON " + INBOUND_MESSAGE_TABLE + " (RECEIVED_AT_)")),
            new Migration(2, "outbound send ledger", List.of(
                    "CREATE TABLE IF NOT EXISTS " + SEND_LEDGER_TABLE + " ("
                            + "TASK_KEY_ VARCHAR(255) NOT NULL, "
                            + "RECIPIENT_ VARCHAR(64) NOT NULL, "
                            + "STATE_ VARCHAR(16) NOT NULL, "
                            + "MESSAGE_SID_ VARCHAR(64), "
                            + "STATUS_ VARCHAR(32), "
                            + "CODE_ INTEGER, "
                            + "HTTP_STATUS_ INTEGER, "
                            + "MESSAGE_ VARCHAR(4000), "
                            + "UPDATED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "PRIMARY KEY (TASK_KEY_, RECIPIENT_))",
                    "CREATE INDEX IF NOT EXISTS TWILIO_IDX_SEND_UPDATED ON " + SEND_LEDGER_TABLE + " (UPDATED_AT_)")));

    /** The version {@link #migrate()} brings the tables to. */
    public static final int LATEST_VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private static final Logger LOG = LoggerFactory.getLogger(PluginSchema.class);
    private static final int CONCURRENT_ATTEMPTS = 5;

    private final DataSource dataSource;

    public PluginSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Brings the plugin's tables to the newest version. */
    public void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + LOG_TABLE
                        + " (VERSION_ INTEGER NOT NULL PRIMARY KEY, DESCRIPTION_ VARCHAR(255) NOT NULL, APPLIED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            for (Migration migration : MIGRATIONS) {
                if (!applied(connection).contains(migration.version())) {
                    applyRacingOtherNodes(connection, migration);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The Twilio connector cannot create or update its tables: " + e.getMessage(), e);
        }
    }

    /** The newest version recorded in the database. */
    public int version() {
        try (Connection connection = dataSource.getConnection()) {
            return applied(connection).stream().mapToInt(Integer::intValue).max().orElse(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Integer> applied(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT VERSION_ FROM " + LOG_TABLE)) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    /**
     * {@code IF NOT EXISTS} is not atomic on H2 or PostgreSQL: two nodes creating the same object at the
     * same moment can see one of them fail although the object then exists. Such a failure is retried
     * (the statements are idempotent) unless another node has recorded the migration meanwhile.
     */
    private static void applyRacingOtherNodes(Connection connection, Migration migration) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                apply(connection, migration);
                return;
            } catch (SQLException e) {
                if (applied(connection).contains(migration.version())) {
                    return;
                }
                if (attempt >= CONCURRENT_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Schema migration {} met a concurrent one ({}); trying again", migration.version(), e.getMessage());
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while migrating the Twilio connector's tables", e);
        }
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO " + LOG_TABLE + " (VERSION_, DESCRIPTION_, APPLIED_AT_) VALUES (?, ?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            record.executeUpdate();
            LOG.info("Twilio connector schema migrated to version {} ({})", migration.version(), migration.description());
        } catch (SQLException e) {
            if (!SqlStates.isUniqueViolation(e)) {
                throw e;
            }
            // another node recorded the same migration first; its statements are idempotent
        }
    }

    /** One step of the schema: statements that may run more than once without harm. */
    record Migration(int version, String description, List<String> statements) {
    }
}
