package org.woolly.it;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The deterministic table the planner tests compare with PostgreSQL 15 (the same statements
 * were run there): {@code (a int, b text, c float8)} holding {@code (i, 'v' || i % 10,
 * (i % 37) * 1.5)} for i in 1..1000, then some rows of NULLs.
 */
final class PlannerTestData {
    private PlannerTestData() {}

    static void createTable(Statement statement, String name, int nullRows) throws SQLException {
        statement.execute("CREATE TABLE " + name + " (a int, b text, c float8)");
        StringBuilder insert = new StringBuilder("INSERT INTO " + name + " VALUES ");
        for (int i = 1; i <= 1000; i++) {
            insert.append(i > 1 ? "," : "").append("(").append(i).append(",'v").append(i % 10).append("',")
                    .append((i % 37) * 1.5).append(")");
        }
        statement.execute(insert.toString());
        if (nullRows > 0) {
            statement.execute("INSERT INTO " + name + " VALUES " + String.join(",", Collections.nCopies(nullRows,
                    "(NULL, NULL, NULL)")));
        }
    }

    /** Each row's values joined by {@code |}; NULL as {@code nullText}. */
    static List<String> rows(Statement statement, String sql, String nullText) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    String value = result.getString(i);
                    values.add(value == null ? nullText : value);
                }
                rows.add(columns == 1 && values.getFirst() == null ? null : String.join("|", values));
            }
        }
        return rows;
    }
}
