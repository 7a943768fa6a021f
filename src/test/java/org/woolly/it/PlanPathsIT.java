package org.woolly.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans that use indexes where PostgreSQL 15 does, on the same schema and data (the plan shapes
 * and conditions below are PostgreSQL 15's for these statements): a nested loop whose inner
 * index scan is keyed by the outer row, min/max read from an end of an index, ORDER BY ... DESC
 * LIMIT as a backward index scan, and a top-N heapsort where no index gives the order. Each
 * also returns the rows PostgreSQL returns. Where PostgreSQL reads only the index on the inner
 * side of a nested loop (Index Only Scan) Woolly shows an Index Scan; and for an EXISTS on a unique
 * key PostgreSQL shows a plain Nested Loop (it proves the inner side unique) where Woolly keeps
 * the Nested Loop Semi Join.
 */
class PlanPathsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @BeforeAll
    static void createTables() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE pc (id int PRIMARY KEY, name text)");
            statement.execute("INSERT INTO pc SELECT i, 'c' || i FROM generate_series(1, 10000) i");
            statement.execute("CREATE TABLE po (oid2 int PRIMARY KEY, cid int, qty int)");
            statement.execute("INSERT INTO po SELECT i, 1 + (i * 7) % 10000, i % 100 FROM generate_series(1, 20000) i");
            statement.execute("INSERT INTO po VALUES (20001, NULL, NULL)");
            statement.execute("ANALYZE pc");
            statement.execute("ANALYZE po");
        }
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        return PlannerTestData.rows(statement, sql, "NULL");
    }

    /** The plan's lines without the cost figures. */
    private static List<String> plan(Statement statement, String sql) throws SQLException {
        return rows(statement, "EXPLAIN (COSTS OFF) " + sql);
    }

    @Test
    void aJoinOnAKeyReadsTheInnerTableThroughItsIndexPerOuterRow() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            String lookup = "SELECT po.qty, pc.name FROM po JOIN pc ON pc.id = po.cid WHERE po.oid2 = 5";
            assertThat(plan(statement, lookup)).containsExactly(
                    "Nested Loop",
                    "  ->  Index Scan using po_pkey on po",
                    "        Index Cond: (oid2 = 5)",
                    "  ->  Index Scan using pc_pkey on pc",
                    "        Index Cond: (id = po.cid)");
            assertThat(rows(statement, lookup)).containsExactly("5|c36");
            String few = "SELECT po.oid2, pc.name FROM po LEFT JOIN pc ON pc.id = po.cid AND pc.name LIKE 'c2%'"
                    + " WHERE po.oid2 < 6";
            assertThat(plan(statement, few)).containsExactly(
                    "Nested Loop Left Join",
                    "  ->  Index Scan using po_pkey on po",
                    "        Index Cond: (oid2 < 6)",
                    "  ->  Index Scan using pc_pkey on pc",
                    "        Index Cond: (id = po.cid)",
                    "        Filter: (name ~~ 'c2%'::text)");
            assertThat(rows(statement, few + " ORDER BY 1")).containsExactly("1|NULL", "2|NULL", "3|c22", "4|c29",
                    "5|NULL");
            // a null outer key finds nothing; the semi join keeps each outer row once
            assertThat(rows(statement, "SELECT po.oid2 FROM po WHERE po.oid2 > 19998 AND EXISTS"
                    + " (SELECT 1 FROM pc WHERE pc.id = po.cid) ORDER BY 1")).containsExactly("19999", "20000");
            assertThat(plan(statement, "SELECT po.oid2 FROM po WHERE po.oid2 > 19998 AND EXISTS"
                    + " (SELECT 1 FROM pc WHERE pc.id = po.cid)").get(3)).isEqualTo("  ->  Index Scan using pc_pkey on pc");
            // many outer rows: hashing the inner table is cheaper
            assertThat(plan(statement, "SELECT po.qty, pc.name FROM po JOIN pc ON pc.id = po.cid WHERE po.oid2 < 5000")
                    .getFirst()).isEqualTo("Hash Join");
            assertThat(rows(statement, "SELECT count(*), sum(length(pc.name)) FROM po JOIN pc ON pc.id = po.cid"
                    + " WHERE po.oid2 < 5000")).containsExactly("4999|24366");
        }
    }

    @Test
    void minAndMaxReadTheFirstEntryFromAnEndOfTheIndex() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            assertThat(plan(statement, "SELECT max(oid2) FROM po")).containsExactly(
                    "Result",
                    "  InitPlan 1 (returns $0)",
                    "    ->  Limit",
                    "          ->  Index Only Scan Backward using po_pkey on po",
                    "                Index Cond: (oid2 IS NOT NULL)");
            assertThat(plan(statement, "SELECT min(oid2) FROM po WHERE oid2 < 500")).containsExactly(
                    "Result",
                    "  InitPlan 1 (returns $0)",
                    "    ->  Limit",
                    "          ->  Index Only Scan using po_pkey on po",
                    "                Index Cond: ((oid2 IS NOT NULL) AND (oid2 < 500))");
            assertThat(rows(statement, "SELECT min(oid2), max(oid2), max(oid2) - min(oid2) FROM po"))
                    .containsExactly("1|20001|20000");
            assertThat(rows(statement, "SELECT max(oid2) FROM po WHERE oid2 < 500")).containsExactly("499");
            assertThat(rows(statement, "SELECT min(oid2) FROM po WHERE oid2 > 100 AND qty = 7")).containsExactly("107");
            assertThat(rows(statement, "SELECT max(oid2) FROM po WHERE oid2 > 30000")).containsExactly("NULL");
            // no index on the column: the aggregate scans the table
            assertThat(plan(statement, "SELECT max(qty) FROM po").getFirst()).isEqualTo("Aggregate");
            assertThat(rows(statement, "SELECT max(qty) FROM po")).containsExactly("99");
        }
    }

    @Test
    void orderByDescendingWithLimitReadsTheIndexBackward() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            assertThat(plan(statement, "SELECT * FROM pc ORDER BY id DESC LIMIT 3")).containsExactly(
                    "Limit",
                    "  ->  Index Scan Backward using pc_pkey on pc");
            assertThat(rows(statement, "SELECT * FROM pc ORDER BY id DESC LIMIT 3"))
                    .containsExactly("10000|c10000", "9999|c9999", "9998|c9998");
            assertThat(rows(statement, "SELECT id FROM pc WHERE id < 50 ORDER BY id DESC LIMIT 2"))
                    .containsExactly("49", "48");
        }
    }

    @Test
    void orderByLimitWithoutAnIndexKeepsTheTopRowsInAHeap() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            List<String> analyzed = rows(statement, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)"
                    + " SELECT * FROM po ORDER BY qty LIMIT 5");
            assertThat(analyzed.get(2)).isEqualTo("        Sort Key: qty");
            assertThat(analyzed.get(3)).startsWith("        Sort Method: top-N heapsort  Memory: ");
            List<String> all = rows(statement, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)"
                    + " SELECT * FROM po WHERE oid2 < 5 ORDER BY qty LIMIT 5");
            assertThat(all.get(3)).startsWith("        Sort Method: quicksort  Memory: ");
            // rows equal on the key come in PostgreSQL's order; the null sorts first and is skipped
            assertThat(rows(statement, "SELECT oid2, qty FROM po ORDER BY qty DESC LIMIT 4 OFFSET 1"))
                    .containsExactly("99|99", "199|99", "299|99", "399|99");
        }
    }
}
