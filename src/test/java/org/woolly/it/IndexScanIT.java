package org.woolly.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index scans as a user sees them: EXPLAIN shows PostgreSQL 15's plan and figures for the same
 * data (taken from a PostgreSQL 15 server), the rows are those a sequential scan returns, and
 * only the row versions the statement's snapshot sees come back.
 */
class IndexScanIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static void createTable(Statement statement, String name) throws SQLException {
        PlannerTestData.createTable(statement, name, 0);
        statement.execute("CREATE INDEX " + name + "_a_idx ON " + name + " (a)");
        statement.execute("ANALYZE " + name);
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        return PlannerTestData.rows(statement, sql, null);
    }

    @Test
    void explainShowsPostgresIndexScans() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            createTable(statement, "ix");
            assertThat(rows(statement, "EXPLAIN SELECT * FROM ix WHERE a = 5")).containsExactly(
                    "Index Scan using ix_a_idx on ix  (cost=0.28..8.29 rows=1 width=15)",
                    "  Index Cond: (a = 5)");
            assertThat(rows(statement, "EXPLAIN SELECT * FROM ix WHERE a < 3")).containsExactly(
                    "Index Scan using ix_a_idx on ix  (cost=0.28..8.31 rows=2 width=15)",
                    "  Index Cond: (a < 3)");
            assertThat(rows(statement, "EXPLAIN SELECT * FROM ix WHERE a > 10 AND a < 13 AND b = 'v1'"))
                    .containsExactly(
                            "Index Scan using ix_a_idx on ix  (cost=0.28..8.32 rows=1 width=15)",
                            "  Index Cond: ((a > 10) AND (a < 13))",
                            "  Filter: (b = 'v1'::text)");
            // most of the table: the sequential scan is cheaper
            assertThat(rows(statement, "EXPLAIN SELECT * FROM ix WHERE a < 500").getFirst()).startsWith("Seq Scan on ix");
            statement.execute("SET enable_indexscan = off");
            // the bitmap scan is not switched off (PostgreSQL 15 shows these figures too)
            assertThat(rows(statement, "EXPLAIN SELECT * FROM ix WHERE a = 5")).containsExactly(
                    "Bitmap Heap Scan on ix  (cost=4.28..8.30 rows=1 width=15)",
                    "  Recheck Cond: (a = 5)",
                    "  ->  Bitmap Index Scan on ix_a_idx  (cost=0.00..4.28 rows=1 width=0)",
                    "        Index Cond: (a = 5)");
            statement.execute("SET enable_bitmapscan = off");
            assertThat(rows(statement, "EXPLAIN SELECT * FROM ix WHERE a = 5").getFirst()).startsWith("Seq Scan on ix");
            statement.execute("RESET enable_bitmapscan");
            statement.execute("RESET enable_indexscan");
            statement.execute("SET enable_seqscan = off");
            assertThat(rows(statement, "EXPLAIN SELECT * FROM ix WHERE a < 500").getFirst())
                    .startsWith("Index Scan using ix_a_idx on ix");
        }
    }

    @Test
    void aPrimaryKeyLookupUsesItsIndexBeforeAnyAnalyze() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE acc (aid int PRIMARY KEY, bal int)");
            StringBuilder insert = new StringBuilder("INSERT INTO acc VALUES ");
            for (int i = 1; i <= 3000; i++) {
                insert.append(i > 1 ? "," : "").append("(").append(i).append(",").append(i * 7 % 100).append(")");
            }
            statement.execute(insert.toString());
            // PostgreSQL 15 prints the same for the same never-analyzed table
            assertThat(rows(statement, "EXPLAIN SELECT bal FROM acc WHERE aid = 42")).containsExactly(
                    "Index Scan using acc_pkey on acc  (cost=0.28..8.30 rows=1 width=4)",
                    "  Index Cond: (aid = 42)");
            assertThat(rows(statement, "SELECT bal FROM acc WHERE aid = 42")).containsExactly("94");
        }
    }

    @Test
    void indexScansReturnTheRowsOfASequentialScan() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            createTable(statement, "iy");
            assertThat(rows(statement, "SELECT a, b, c FROM iy WHERE a = 5")).containsExactly("5|v5|7.5");
            assertThat(rows(statement, "SELECT a FROM iy WHERE a <= 3 ORDER BY a")).containsExactly("1", "2", "3");
            assertThat(rows(statement, "SELECT a FROM iy WHERE 998 < a ORDER BY a")).containsExactly("999", "1000");
            assertThat(rows(statement, "SELECT a FROM iy WHERE a > 10 AND a < 13 AND b = 'v1'")).containsExactly("11");
            assertThat(rows(statement, "SELECT a FROM iy WHERE a = 5000")).isEmpty();
            try (PreparedStatement lookup = connection.prepareStatement("SELECT b FROM iy WHERE a = ?")) {
                for (int key : new int[] {1, 77, 1000}) {
                    lookup.setInt(1, key);
                    try (ResultSet result = lookup.executeQuery()) {
                        assertThat(result.next()).isTrue();
                        assertThat(result.getString(1)).isEqualTo("v" + key % 10);
                        assertThat(result.next()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void orderByLimitReadsTheIndexInsteadOfSorting() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            createTable(statement, "io");
            statement.execute("INSERT INTO io VALUES (NULL, 'null key', 0)");
            List<String> plan = rows(statement, "EXPLAIN SELECT * FROM io WHERE a > 100 ORDER BY a LIMIT 5");
            assertThat(plan).hasSize(3);
            assertThat(plan.get(0)).startsWith("Limit  (cost=0.28..");
            assertThat(plan.get(1)).startsWith("  ->  Index Scan using io_a_idx on io  (cost=0.28..");
            assertThat(plan.get(2)).isEqualTo("        Index Cond: (a > 100)");
            assertThat(rows(statement, "SELECT a FROM io WHERE a > 100 ORDER BY a LIMIT 3"))
                    .containsExactly("101", "102", "103");
            assertThat(rows(statement, "SELECT a, b FROM io WHERE b = 'v1' ORDER BY a LIMIT 2"))
                    .containsExactly("1|v1", "11|v1");
            // NULLS LAST is the B-tree's order too
            List<String> all = rows(statement, "SELECT a FROM io ORDER BY a");
            assertThat(all).hasSize(1001);
            assertThat(all.getFirst()).isEqualTo("1");
            assertThat(all.getLast()).isNull();
            // descending order (nulls first) is the index read backward
            assertThat(rows(statement, "EXPLAIN SELECT * FROM io ORDER BY a DESC LIMIT 5").get(1))
                    .startsWith("  ->  Index Scan Backward using io_a_idx on io");
            assertThat(rows(statement, "EXPLAIN SELECT * FROM io ORDER BY a DESC NULLS LAST LIMIT 5").get(1))
                    .contains("Sort");
            assertThat(rows(statement, "SELECT a FROM io ORDER BY a DESC LIMIT 2")).containsExactly(null, "1000");
        }
    }

    @Test
    void updateAndDeleteFindTheirRowsThroughTheIndex() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            createTable(statement, "iu");
            assertThat(rows(statement, "EXPLAIN UPDATE iu SET b = 'x' WHERE a = 5")).containsExactly(
                    "Update on iu  (cost=0.28..8.29 rows=0 width=0)",
                    "  ->  Index Scan using iu_a_idx on iu  (cost=0.28..8.29 rows=1 width=15)",
                    "        Index Cond: (a = 5)");
            assertThat(statement.executeUpdate("UPDATE iu SET b = 'x' WHERE a = 5")).isEqualTo(1);
            // the new versions the update adds to the index are not updated again
            assertThat(statement.executeUpdate("UPDATE iu SET a = a + 2000 WHERE a < 3")).isEqualTo(2);
            assertThat(rows(statement, "SELECT a, b FROM iu WHERE a = 5")).containsExactly("5|x");
            assertThat(rows(statement, "SELECT a FROM iu WHERE a > 1999 ORDER BY a")).containsExactly("2001", "2002");
            assertThat(rows(statement, "SELECT a FROM iu WHERE a < 3")).isEmpty();
            assertThat(statement.executeUpdate("DELETE FROM iu WHERE a = 6")).isEqualTo(1);
            assertThat(rows(statement, "SELECT count(*) FROM iu WHERE a = 6")).containsExactly("0");
            assertThat(rows(statement, "SELECT count(*) FROM iu")).containsExactly("999");
        }
    }

    @Test
    void onlyRowVersionsTheSnapshotSeesAreReturned() throws Exception {
        try (Connection connection = server.connect(); Connection other = server.connect();
             Statement statement = connection.createStatement(); Statement otherStatement = other.createStatement()) {
            createTable(statement, "iz");
            statement.execute("UPDATE iz SET b = 'changed' WHERE a = 7");
            statement.execute("DELETE FROM iz WHERE a = 8");
            assertThat(rows(statement, "SELECT a, b FROM iz WHERE a >= 7 AND a <= 8")).containsExactly("7|changed");
            other.setAutoCommit(false);
            otherStatement.execute("INSERT INTO iz VALUES (8, 'uncommitted', 0)");
            otherStatement.execute("UPDATE iz SET b = 'pending' WHERE a = 7");
            assertThat(rows(statement, "SELECT a, b FROM iz WHERE a >= 7 AND a <= 8")).containsExactly("7|changed");
            assertThat(rows(otherStatement, "SELECT a, b FROM iz WHERE a >= 7 AND a <= 8 ORDER BY a"))
                    .containsExactly("7|pending", "8|uncommitted");
            other.rollback();
            assertThat(rows(statement, "SELECT a, b FROM iz WHERE a >= 7 AND a <= 8")).containsExactly("7|changed");
        }
    }
}
