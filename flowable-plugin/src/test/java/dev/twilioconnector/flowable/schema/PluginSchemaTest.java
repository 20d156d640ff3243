package dev.twilioconnector.flowable.schema;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PluginSchemaTest {

    private final List<JdbcDataSource> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() throws SQLException {
        for (JdbcDataSource database : databases) {
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    @Test
    void migrateCreatesTheLogAndTheInboundMessageTable() throws SQLException {
        DataSource database = newDatabase();
        PluginSchema schema = new PluginSchema(database);
        assertThat(tables(database)).doesNotContain(PluginTables.LOG, PluginTables.INBOUND_MESSAGE);

        schema.migrate();

        assertThat(tables(database)).contains(PluginTables.LOG, PluginTables.INBOUND_MESSAGE);
        assertThat(columns(database, PluginTables.INBOUND_MESSAGE)).containsExactlyInAnyOrder(
                "MESSAGE_SID_", "STATE_", "REPLY_", "RECEIVED_AT_", "CLAIMED_AT_", "ANSWERED_AT_");
        assertThat(schema.version()).isEqualTo(newestVersion()).isPositive();
        assertThat(logRows(database)).isEqualTo(oneRowPerVersion());
    }

    @Test
    void anotherNodeSeesTheVersionTheFirstRecorded() {
        DataSource database = newDatabase();

        new PluginSchema(database).migrate();

        assertThat(new PluginSchema(database).version()).isEqualTo(newestVersion());
    }

    @Test
    void migratingTwiceIsHarmless() throws SQLException {
        DataSource database = newDatabase();
        PluginSchema schema = new PluginSchema(database);
        schema.migrate();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + PluginTables.INBOUND_MESSAGE
                    + " (MESSAGE_SID_, STATE_, RECEIVED_AT_, CLAIMED_AT_) VALUES ('SM1', 'IN_PROGRESS', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }

        schema.migrate();
        new PluginSchema(database).migrate();

        assertThat(schema.version()).isEqualTo(newestVersion());
        assertThat(logRows(database)).isEqualTo(oneRowPerVersion());
        assertThat(count(database, "SELECT COUNT(*) FROM " + PluginTables.INBOUND_MESSAGE))
                .as("rows written between migrations survive").isEqualTo(1);
    }

    @Test
    void twoNodesMigratingAtTheSameMomentBothSucceed() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            // many rounds on fresh databases: a single round rarely hits the unlucky interleaving
            for (int round = 0; round < 200; round++) {
                DataSource database = newDatabase();
                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> migrations = new ArrayList<>();
                for (int node = 0; node < 2; node++) {
                    migrations.add(nodes.submit(() -> {
                        PluginSchema schema = new PluginSchema(database);
                        ready.countDown();
                        go.await();
                        schema.migrate();
                        return null;
                    }));
                }
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                for (Future<?> migration : migrations) {
                    migration.get(30, TimeUnit.SECONDS); // rethrows what a node failed with
                }

                assertThat(new PluginSchema(database).version()).as("round %d", round).isEqualTo(newestVersion());
                assertThat(logRows(database)).as("round %d", round).isEqualTo(oneRowPerVersion());
                assertThat(tables(database)).as("round %d", round).contains(PluginTables.INBOUND_MESSAGE);
            }
        } finally {
            nodes.shutdownNow();
        }
    }

    private DataSource newDatabase() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        databases.add(database);
        return database;
    }

    private static int newestVersion() {
        return PluginSchema.migrations(PluginTables.UNPREFIXED).stream().mapToInt(PluginSchema.Migration::version).max().orElseThrow();
    }

    private static Map<Integer, Integer> oneRowPerVersion() {
        Map<Integer, Integer> expected = new TreeMap<>();
        PluginSchema.migrations(PluginTables.UNPREFIXED).forEach(migration -> expected.put(migration.version(), 1));
        return expected;
    }

    /** Log rows per version. */
    private static Map<Integer, Integer> logRows(DataSource database) throws SQLException {
        Map<Integer, Integer> rows = new TreeMap<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT VERSION_, COUNT(*) FROM " + PluginTables.LOG + " GROUP BY VERSION_")) {
            while (result.next()) {
                rows.put(result.getInt(1), result.getInt(2));
            }
        }
        return rows;
    }

    private static List<String> tables(DataSource database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            while (result.next()) {
                tables.add(result.getString(1));
            }
        }
        return tables;
    }

    private static List<String> columns(DataSource database, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '" + table + "'")) {
            while (result.next()) {
                columns.add(result.getString(1));
            }
        }
        return columns;
    }

    private static int count(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }
}
