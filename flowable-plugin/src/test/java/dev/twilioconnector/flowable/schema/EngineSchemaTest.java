package dev.twilioconnector.flowable.schema;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.Accepted;
import dev.twilioconnector.core.sms.DeliveryJournal;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plugin's tables follow the engine's {@code databaseSchemaUpdate} and table prefix, as Flowable's own do. */
class EngineSchemaTest {

    @Test
    void withSchemaUpdateFalseAStartWithoutThePluginsTablesFailsNamingTheMissingTable() {
        String url = "jdbc:h2:mem:schema-false;DB_CLOSE_DELAY=-1";
        engine(url, AbstractEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, false).close();

        assertThatThrownBy(() -> engine(url, AbstractEngineConfiguration.DB_SCHEMA_UPDATE_FALSE, true))
                .hasMessageContaining("The Twilio connector's table " + PluginTables.LOG + " is missing")
                .hasMessageContaining("databaseSchemaUpdate is false");
        assertThat(tables(url, "PUBLIC")).noneMatch(table -> table.startsWith("TWILIO_"));
    }

    @Test
    void withSchemaUpdateFalseAStartFindsTablesCreatedBefore() {
        String url = "jdbc:h2:mem:schema-false-ready;DB_CLOSE_DELAY=-1";
        engine(url, AbstractEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true).close();

        engine(url, AbstractEngineConfiguration.DB_SCHEMA_UPDATE_FALSE, true).close();

        assertThat(tables(url, "PUBLIC")).contains(PluginTables.LOG, PluginTables.INBOUND_MESSAGE, PluginTables.SEND_LEDGER);
    }

    @Test
    void withCreateDropTheTablesGoWithTheEngine() {
        String url = "jdbc:h2:mem:schema-create-drop;DB_CLOSE_DELAY=-1";
        ProcessEngine engine = engine(url, AbstractEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP, true);
        assertThat(tables(url, "PUBLIC")).contains(PluginTables.LOG, PluginTables.INBOUND_MESSAGE, PluginTables.SEND_LEDGER);

        engine.close();

        assertThat(tables(url, "PUBLIC")).noneMatch(table -> table.startsWith("TWILIO_"));
    }

    @Test
    void withATablePrefixThePluginReadsAndWritesItsTablesThere() {
        String database = "jdbc:h2:mem:schema-prefixed;DB_CLOSE_DELAY=-1";
        // The engine's and the plugin's tables created in schema FLW, by a connection whose own schema that is.
        engine(database + ";INIT=CREATE SCHEMA IF NOT EXISTS FLW\\;SET SCHEMA FLW",
                AbstractEngineConfiguration.DB_SCHEMA_UPDATE_TRUE, true).close();
        assertThat(tables(database, "FLW")).contains(PluginTables.LOG, PluginTables.INBOUND_MESSAGE, PluginTables.SEND_LEDGER);

        StandaloneInMemProcessEngineConfiguration configuration = configuration(database, AbstractEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
        configuration.setDatabaseTablePrefix("FLW.");
        configuration.setTablePrefixIsSchema(true);
        configuration.setDatabaseSchema("FLW");
        TwilioConnectorConfigurator configurator = new TwilioConnectorConfigurator(TwilioSettings.from(name -> null));
        configuration.addConfigurator(configurator);
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            DeliveryJournal journal = configurator.sendLedger().journal("task-1");
            assertThat(journal.before("+15551230001")).isEqualTo(new DeliveryJournal.Prior.Send());
            journal.accepted(new Accepted("+15551230001", "SM1", "queued"));

            assertThat(configurator.sendLedger().journal("task-1").before("+15551230001"))
                    .isEqualTo(new DeliveryJournal.Prior.AlreadyAccepted(new Accepted("+15551230001", "SM1", "queued")));
            assertThat(rows(database, "SELECT MESSAGE_SID_ FROM FLW." + PluginTables.SEND_LEDGER)).containsExactly("SM1");
            assertThat(tables(database, "PUBLIC")).noneMatch(table -> table.startsWith("TWILIO_"));
        } finally {
            engine.close();
        }
    }

    private static ProcessEngine engine(String url, String schemaUpdate, boolean withConnector) {
        StandaloneInMemProcessEngineConfiguration configuration = configuration(url, schemaUpdate);
        if (withConnector) {
            configuration.addConfigurator(new TwilioConnectorConfigurator(TwilioSettings.from(name -> null)));
        }
        return configuration.buildProcessEngine();
    }

    private static StandaloneInMemProcessEngineConfiguration configuration(String url, String schemaUpdate) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl(url);
        configuration.setDatabaseSchemaUpdate(schemaUpdate);
        configuration.setAsyncExecutorActivate(false);
        configuration.setEngineName(url);
        return configuration;
    }

    private static List<String> tables(String url, String schema) {
        return rows(url, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = '" + schema + "'");
    }

    private static List<String> rows(String url, String query) {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
