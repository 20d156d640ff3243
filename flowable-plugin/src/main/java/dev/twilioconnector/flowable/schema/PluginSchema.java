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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The plugin's own tables, next to Flowable's in the engine database (H2 and PostgreSQL), named after the
 * engine's table prefix ({@link PluginTables}). Each {@link Migration} runs once and is recorded in
 * {@value PluginTables#LOG}; every statement is idempotent,
 * so nodes starting together against one database cannot trip over each other.
 */
public final class PluginSchema {

    /** The steps that bring the tables named by {@code tables} to the newest version, oldest first. */
    static List<Migration> migrations(PluginTables tables) {
        return List.of(
                new Migration(1, "inbound message deduplication", List.of(
                        "CREATE TABLE IF NOT EXISTS " + tables.inboundMessage() + " ("
                                + "MESSAGE_SID_ VARCHAR(64) NOT NULL PRIMARY KEY, "
                                + "STATE_ VARCHAR(16) NOT NULL, "
                                + "REPLY_ VARCHAR(4000), "
                                + "RECEIVED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL, "
                                + "CLAIMED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL, "
                                + "ANSWERED_AT_ TIMESTAMP WITH TIME ZONE)",
                        // an index lives in its table's schema: its name takes no prefix
                        "CREATE INDEX IF NOT EXISTS TWILIO_IDX_INBOUND_RECEIVED ON " + tables.inboundMessage() + " (RECEIVED_AT_)")),
                new Migration(2, "outbound send ledger", List.of(
                        "CREATE TABLE IF NOT EXISTS " + tables.sendLedger() + " ("
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
                        "CREATE INDEX IF NOT EXISTS TWILIO_IDX_SEND_UPDATED ON " + tables.sendLedger() + " (UPDATED_AT_)")),
                new Migration(3, "conversations", List.of(
                        "CREATE TABLE IF NOT EXISTS " + tables.conversation() + " ("
                                + "MESSAGE_SID_ VARCHAR(64) NOT NULL PRIMARY KEY, "
                                + "PHONE_ VARCHAR(64) NOT NULL, "
                                + "PROC_INST_ID_ VARCHAR(64) NOT NULL, "
                                + "TEXTED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL)",
                        "CREATE INDEX IF NOT EXISTS TWILIO_IDX_CONVERSATION_PHONE ON " + tables.conversation() + " (PHONE_)",
                        "CREATE TABLE IF NOT EXISTS " + tables.instanceLease() + " ("
                                + "PROC_INST_ID_ VARCHAR(64) NOT NULL PRIMARY KEY, "
                                + "HOLDER_ VARCHAR(64) NOT NULL, "
                                + "LEASED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL)")),
                new Migration(4, "kept events and message status order", List.of(
                        "CREATE TABLE IF NOT EXISTS " + tables.keptEvent() + " ("
                                + "ID_ VARCHAR(100) NOT NULL PRIMARY KEY, "
                                + "EVENT_KEY_ VARCHAR(64) NOT NULL, "
                                + "SENDER_ VARCHAR(64), "
                                + "PAYLOAD_ VARCHAR(16000) NOT NULL, "
                                + "RECEIVED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL, "
                                + "EXPIRES_AT_ TIMESTAMP WITH TIME ZONE NOT NULL, "
                                + "TAKEN_BY_ VARCHAR(64), "
                                + "TAKEN_AT_ TIMESTAMP WITH TIME ZONE)",
                        "CREATE INDEX IF NOT EXISTS TWILIO_IDX_KEPT_EXPIRES ON " + tables.keptEvent() + " (EXPIRES_AT_)",
                        "CREATE TABLE IF NOT EXISTS " + tables.keptEventKey() + " ("
                                + "CORRELATION_KEY_ VARCHAR(255) NOT NULL, "
                                + "EVENT_ID_ VARCHAR(100) NOT NULL, "
                                + "PRIMARY KEY (CORRELATION_KEY_, EVENT_ID_))",
                        "CREATE INDEX IF NOT EXISTS TWILIO_IDX_KEPT_KEY_EVENT ON " + tables.keptEventKey() + " (EVENT_ID_)",
                        "CREATE TABLE IF NOT EXISTS " + tables.messageStatus() + " ("
                                + "MESSAGE_SID_ VARCHAR(64) NOT NULL PRIMARY KEY, "
                                + "STATUS_ VARCHAR(32) NOT NULL, "
                                + "RANK_ INTEGER NOT NULL, "
                                + "UPDATED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL)")));
    }

    /** The version {@link #migrate()} brings the tables to. */
    public static final int LATEST_VERSION = migrations(PluginTables.UNPREFIXED).size();

    private static final Logger LOG = LoggerFactory.getLogger(PluginSchema.class);
    private static final int CONCURRENT_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final PluginTables tables;

    public PluginSchema(DataSource dataSource) {
        this(dataSource, PluginTables.UNPREFIXED);
    }

    public PluginSchema(DataSource dataSource, PluginTables tables) {
        this.dataSource = dataSource;
        this.tables = tables;
    }

    /** Brings the plugin's tables to the newest version. */
    public void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + tables.log()
                        + " (VERSION_ INTEGER NOT NULL PRIMARY KEY, DESCRIPTION_ VARCHAR(255) NOT NULL, APPLIED_AT_ TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            for (Migration migration : migrations(tables)) {
                if (!applied(connection).contains(migration.version())) {
                    applyRacingOtherNodes(connection, migration);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The Twilio connector cannot create or update its tables: " + e.getMessage(), e);
        }
    }

    /**
     * Does to the plugin's tables what the engine's {@code databaseSchemaUpdate} does to Flowable's at start-up:
     * {@code true} and {@code create} create or update them, {@code drop-create} drops them first,
     * {@code create-drop} creates them (and {@link #onEngineClosed} drops them), {@code false} only checks them.
     */
    public void onEngineBuilt(String databaseSchemaUpdate) {
        switch (mode(databaseSchemaUpdate)) {
            case "false" -> check();
            case "drop-create" -> {
                drop();
                migrate();
            }
            default -> migrate();
        }
    }

    /** Drops the tables when the engine's {@code databaseSchemaUpdate} is {@code create-drop}, as the engine does with its own. */
    public void onEngineClosed(String databaseSchemaUpdate) {
        if ("create-drop".equals(mode(databaseSchemaUpdate))) {
            drop();
        }
    }

    /** Fails, naming what is missing, unless every table is there at the newest version. */
    public void check() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (String table : tables.all()) {
                if (!exists(connection, table)) {
                    throw new IllegalStateException("The Twilio connector's table " + table + " is missing and databaseSchemaUpdate "
                            + "is false, so it is not created: create it (run once with databaseSchemaUpdate=true, or the "
                            + "statements in " + PluginSchema.class.getName() + ")");
                }
            }
            int version = applied(connection).stream().mapToInt(Integer::intValue).max().orElse(0);
            if (version < LATEST_VERSION) {
                throw new IllegalStateException("The Twilio connector's tables are at version " + version + " of " + LATEST_VERSION
                        + " (" + tables.log() + ") and databaseSchemaUpdate is false, so they are not updated: "
                        + "run once with databaseSchemaUpdate=true");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The Twilio connector cannot check its tables: " + e.getMessage(), e);
        }
    }

    /** Drops the plugin's tables and what they hold. */
    public void drop() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            List<String> dependentsFirst = new ArrayList<>(tables.all());
            Collections.reverse(dependentsFirst);
            for (String table : dependentsFirst) {
                if (exists(connection, table)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("DROP TABLE " + table);
                    }
                }
            }
            LOG.info("Twilio connector tables dropped");
        } catch (SQLException e) {
            throw new IllegalStateException("The Twilio connector cannot drop its tables: " + e.getMessage(), e);
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

    private Set<Integer> applied(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT VERSION_ FROM " + tables.log())) {
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
    private void applyRacingOtherNodes(Connection connection, Migration migration) throws SQLException {
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

    /** Asked with a statement rather than the driver's metadata, so that a prefix naming a schema resolves as in every other statement. */
    private static boolean exists(Connection connection, String table) {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String mode(String databaseSchemaUpdate) {
        return databaseSchemaUpdate == null ? "true" : databaseSchemaUpdate.trim().toLowerCase(Locale.ROOT);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while migrating the Twilio connector's tables", e);
        }
    }

    private void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO " + tables.log() + " (VERSION_, DESCRIPTION_, APPLIED_AT_) VALUES (?, ?, ?)")) {
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
