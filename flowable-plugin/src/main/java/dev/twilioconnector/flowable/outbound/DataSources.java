package dev.twilioconnector.flowable.outbound;

import javax.sql.DataSource;

/**
 * The plugin's own bookkeeping must commit at once, whatever the engine's transaction does later. In a
 * Spring application the engine's data source hands out the transaction's connection (Spring's
 * {@code TransactionAwareDataSourceProxy}); this reaches past it to the pool underneath.
 */
public final class DataSources {

    private static final String TRANSACTION_AWARE = "org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy";

    private DataSources() {
    }

    public static DataSource outsideTransactions(DataSource dataSource) {
        DataSource current = dataSource;
        while (current != null && isTransactionAware(current)) {
            current = ((org.springframework.jdbc.datasource.DelegatingDataSource) current).getTargetDataSource();
        }
        return current;
    }

    private static boolean isTransactionAware(DataSource dataSource) {
        for (Class<?> type = dataSource.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(TRANSACTION_AWARE)) {
                return true;
            }
        }
        return false;
    }
}
