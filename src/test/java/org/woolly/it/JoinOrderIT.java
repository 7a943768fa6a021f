package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Join orders PostgreSQL 15 picks on the same schema and data after ANALYZE (the table orders
 * and join types asserted are PostgreSQL's for these statements): a star join starts from the
 * dimension its filter makes selective and probes the fact table through an index, a chain
 * written from its largest table starts from the smallest, {@code join_collapse_limit = 1}
 * keeps the written order, and a LEFT join moves above an inner join as a Hash Right Join.
 * Where PostgreSQL reads the inner side of a nested loop through an index-only scan or merges
 * over an index's order, Woolly uses an index scan or hash join, so only the order is compared.
 * Each query returns PostgreSQL's rows. A nested loop keeps its inner side in a Materialize node
 * where PostgreSQL does, so its plans, costs and row order are PostgreSQL's (psql script
 * {@code planner/materialize.sql}, expected output from PostgreSQL 15).
 */
class JoinOrderIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @BeforeAll
    static void createTables() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            int[] dimensionSizes = {100, 1000, 50, 5000};
            for (int i = 1; i <= 4; i++) {
                statement.execute("CREATE TABLE d" + i + " (id int PRIMARY KEY, name text)");
                statement.execute("INSERT INTO d" + i + " SELECT i, '" + (char) ('a' + i - 1) + "' || i"
                        + " FROM generate_series(1, " + dimensionSizes[i - 1] + ") i");
            }
            statement.execute("CREATE TABLE fact (id int PRIMARY KEY, d1 int, d2 int, d3 int, d4 int, amount int)");
            statement.execute("INSERT INTO fact SELECT i, 1 + i % 100, 1 + i % 1000, 1 + i % 50, 1 + i % 5000,"
                    + " i % 97 FROM generate_series(1, 50000) i");
            statement.execute("CREATE INDEX fact_d4 ON fact (d4)");
            int[] chainSizes = {10, 1000, 10000, 20000, 30000, 40000};
            for (int i = 1; i <= 6; i++) {
                statement.execute("CREATE TABLE c" + i + " (id int PRIMARY KEY, next int)");
                statement.execute("INSERT INTO c" + i + " SELECT i, i FROM generate_series(1, "
                        + chainSizes[i - 1] + ") i");
            }
            statement.execute("ANALYZE");
        }
    }

    private static List<String> plan(Statement statement, String sql) throws SQLException {
        return PlannerTestData.rows(statement, "EXPLAIN (COSTS OFF) " + sql, "NULL");
    }

    /** The tables (aliases) in the order the plan's scans read them, top to bottom. */
    private static List<String> scanOrder(Statement statement, String sql) throws SQLException {
        List<String> tables = new ArrayList<>();
        for (String line : plan(statement, sql)) {
            if (line.contains("Scan") && line.contains(" on ")) {
                String[] words = line.substring(line.indexOf(" on ") + 4).trim().split(" ");
                tables.add(words[words.length - 1]);
            }
        }
        return tables;
    }

    @Test
    void aStarJoinStartsFromTheSelectiveDimensionAndProbesTheFactTableByIndex() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            String star = "SELECT count(*), sum(f.amount) FROM d2, d3, d4, fact f, d1 WHERE d1.id = f.d1"
                    + " AND d2.id = f.d2 AND d3.id = f.d3 AND d4.id = f.d4 AND d4.name = 'd42'";
            assertThat(scanOrder(statement, star)).containsExactly("d4", "f", "d2", "d3", "d1");
            assertThat(plan(statement, star)).anyMatch(line -> line.trim().equals("Index Cond: (d4 = d4.id)"));
            assertThat(PlannerTestData.rows(statement, star, "NULL")).containsExactly("10|467");
        }
    }

    @Test
    void aChainWrittenFromItsLargestTableJoinsFromTheSmallest() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            String chain = "SELECT count(*) FROM c6 JOIN c5 ON c5.next = c6.id JOIN c4 ON c4.next = c5.id"
                    + " JOIN c3 ON c3.next = c4.id JOIN c2 ON c2.next = c3.id JOIN c1 ON c1.next = c2.id";
            assertThat(scanOrder(statement, chain)).containsExactly("c2", "c1", "c3", "c4", "c5", "c6");
            List<String> plan = plan(statement, chain);
            assertThat(plan.subList(0, 5)).containsExactly("Aggregate", "  ->  Nested Loop", "        ->  Nested Loop",
                    "              ->  Nested Loop", "                    ->  Nested Loop");
            assertThat(plan).anyMatch(line -> line.trim().equals("Index Cond: (id = c5.next)"));
            assertThat(PlannerTestData.rows(statement, chain, "NULL")).containsExactly("10");
            assertThat(PlannerTestData.rows(statement, "SELECT c1.id, c4.next, c6.id FROM c6, c5, c4, c3, c2, c1"
                    + " WHERE c5.next = c6.id AND c4.next = c5.id AND c3.next = c4.id AND c2.next = c3.id"
                    + " AND c1.next = c2.id AND c1.id > 8 ORDER BY 1", "NULL")).containsExactly("9|9|9", "10|10|10");
        }
    }

    @Test
    void joinCollapseLimitOneKeepsTheWrittenOrderOfExplicitJoins() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            String query = "SELECT count(*) FROM c3 JOIN c2 ON c2.next = c3.id JOIN c1 ON c1.next = c2.id"
                    + " WHERE c1.id < 5";
            assertThat(scanOrder(statement, query).getFirst()).isEqualTo("c2");
            statement.execute("SET join_collapse_limit = 1");
            List<String> order = scanOrder(statement, query);
            assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("c2", "c3");
            assertThat(order.getLast()).isEqualTo("c1");
            assertThat(PlannerTestData.rows(statement, query, "NULL")).containsExactly("4");
            assertThat(PlannerTestData.rows(statement, "SHOW join_collapse_limit", "NULL")).containsExactly("1");
            statement.execute("RESET join_collapse_limit");
        }
    }

    @Test
    void aLeftJoinMovesAboveAnInnerJoinAsAHashRightJoin() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            String query = "SELECT count(*), sum(c3.id) FROM c4 LEFT JOIN c3 ON c3.next = c4.id + 5"
                    + " JOIN c1 ON c1.next = c4.id";
            List<String> plan = plan(statement, query);
            assertThat(plan.subList(0, 4)).containsExactly("Aggregate", "  ->  Hash Right Join",
                    "        Hash Cond: (c3.next = (c4.id + 5))", "        ->  Seq Scan on c3");
            assertThat(PlannerTestData.rows(statement, query, "NULL")).containsExactly("10|105");
        }
    }

    @Test
    void aNestedLoopMaterializesItsInnerSideAsPostgresDoes() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "planner/materialize");
    }
}
