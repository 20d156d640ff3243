package dev.twilioconnector.flowable.schema;

import java.sql.SQLException;

/** Reads SQLSTATE codes the same way on H2 and PostgreSQL. */
public final class SqlStates {

    private SqlStates() {
    }

    /** Class 23, integrity constraint violation: here always a primary key already taken. */
    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (current.getSQLState() != null && current.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
