package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.flowable.schema.PluginTables;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What finished work leaves in the engine database: Flowable's history ({@code ACT_HI_*}) and the inbound message
 * ledger. Benchmark 3 empties it before each measured round, so that every round starts from the same database: H2 keeps
 * its data in the JVM's heap, and left to grow over the run it slowed every round down after the one before.
 */
public final class FinishedWork {

    private final DataSource dataSource;
    private final List<String> tables;

    private FinishedWork(DataSource dataSource, List<String> tables) {
        this.dataSource = dataSource;
        this.tables = tables;
    }

    /** The history and ledger tables of the database behind {@code dataSource}, found by name. */
    public static FinishedWork in(DataSource dataSource) {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet found = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (found.next()) {
                String name = found.getString("TABLE_NAME");
                String upper = name.toUpperCase(Locale.ROOT);
                if (upper.equals(PluginTables.INBOUND_MESSAGE) || upper.startsWith("ACT_HI_")) {
                    tables.add(name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the engine's tables", e);
        }
        if (tables.stream().noneMatch(table -> table.equalsIgnoreCase(PluginTables.INBOUND_MESSAGE))) {
            throw new IllegalStateException("the inbound message ledger's table " + PluginTables.INBOUND_MESSAGE + " is not in " + tables);
        }
        return new FinishedWork(dataSource, List.copyOf(tables));
    }

    /** Empties the tables; only between rounds, with nothing under way. */
    public void clear() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("TRUNCATE TABLE " + table);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty " + tables, e);
        }
    }
}
