package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.flowable.schema.PluginTables;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinishedWorkTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    FinishedWorkTest() {
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void emptiesTheHistoryAndTheInboundLedgerAndNothingElse() throws SQLException {
        for (String table : new String[] {"ACT_HI_PROCINST", "ACT_HI_VARINST", PluginTables.INBOUND_MESSAGE, "ACT_RU_EXECUTION",
                "ACT_RE_PROCDEF", PluginTables.SEND_LEDGER}) {
            execute("CREATE TABLE " + table + " (ID_ VARCHAR(64))", "INSERT INTO " + table + " VALUES ('one')",
                    "INSERT INTO " + table + " VALUES ('two')");
        }
        FinishedWork finished = FinishedWork.in(dataSource);

        finished.clear();

        assertThat(rows("ACT_HI_PROCINST")).isZero();
        assertThat(rows("ACT_HI_VARINST")).isZero();
        assertThat(rows(PluginTables.INBOUND_MESSAGE)).isZero();
        assertThat(rows("ACT_RU_EXECUTION")).isEqualTo(2);
        assertThat(rows("ACT_RE_PROCDEF")).isEqualTo(2);
        assertThat(rows(PluginTables.SEND_LEDGER)).isEqualTo(2);
    }

    @Test
    void refusesADatabaseWithoutTheInboundLedger() throws SQLException {
        execute("CREATE TABLE ACT_HI_PROCINST (ID_ VARCHAR(64))");

        assertThatThrownBy(() -> FinishedWork.in(dataSource))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PluginTables.INBOUND_MESSAGE);
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private int rows(String table) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            count.next();
            return count.getInt(1);
        }
    }
}
