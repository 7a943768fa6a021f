package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bitmap Heap Scans over Bitmap Index Scans, BitmapOr and BitmapAnd: the plans PostgreSQL 15
 * chooses for the same data (the psql script's expected output is PostgreSQL's), and the rows
 * they return: each row once however many arms or index entries name it, NULLs never matched by
 * an index condition, and rows another transaction deleted or this one changed seen as the
 * snapshot says.
 */
class BitmapScanIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE bs (id int, a int, b int, note text)");
            execute(connection, "INSERT INTO bs SELECT i, i % 500, i % 7, 'n' || i FROM generate_series(1, 50000) i");
            execute(connection, "INSERT INTO bs VALUES (50001, NULL, 1, 'null a'), (50002, 3, NULL, 'null b')");
            execute(connection, "CREATE INDEX bs_a ON bs (a)");
            execute(connection, "CREATE INDEX bs_b ON bs (b)");
            execute(connection, "ANALYZE bs");
        }
    }

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "planner/bitmap");
    }

    @Test
    void orArmsThatNameTheSameRowsReturnEachRowOnce() throws Exception {
        try (Connection connection = server.connect()) {
            String sql = "SELECT count(*), count(DISTINCT id), sum(id) FROM bs WHERE a = 3 OR a = 3 OR a = 4";
            assertThat(rows(connection, "EXPLAIN (COSTS OFF) " + sql)).contains("        ->  BitmapOr");
            assertThat(rows(connection, sql)).containsExactly("201|201|5000702");
            assertThat(rows(connection, "SELECT count(*) FROM bs WHERE a = ANY ('{3,3,NULL,4}')"))
                    .containsExactly("201");
            assertThat(rows(connection, "SELECT count(*) FROM bs WHERE a IS NULL OR a = -1")).containsExactly("1");
        }
    }

    @Test
    void explainAnalyzeShowsTheHeapBlocksAndEachIndexScansTids() throws Exception {
        try (Connection connection = server.connect()) {
            List<String> plan = rows(connection,
                    "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM bs WHERE a = 3 OR a = 4");
            assertThat(plan.get(0)).startsWith("Bitmap Heap Scan on bs (actual time=").endsWith("rows=201 loops=1)");
            assertThat(plan.get(1)).isEqualTo("  Recheck Cond: ((a = 3) OR (a = 4))");
            assertThat(plan.get(2)).matches("  Heap Blocks: exact=[1-9][0-9]*");
            assertThat(plan.get(3)).startsWith("  ->  BitmapOr (actual time=").endsWith("rows=0 loops=1)");
            assertThat(plan.get(4)).startsWith("        ->  Bitmap Index Scan on bs_a (actual time=")
                    .endsWith("rows=101 loops=1)");
            assertThat(plan.get(6)).endsWith("rows=100 loops=1)");
        }
    }

    @Test
    void aBitmapAndKeepsOnlyTheRowsBothIndexesName() throws Exception {
        try (Connection connection = server.connect()) {
            String sql = "SELECT id FROM bs WHERE a = 3 AND b = 2 ORDER BY id";
            assertThat(String.join("\n", rows(connection, "EXPLAIN (COSTS OFF) " + sql)))
                    .contains("BitmapAnd", "Bitmap Index Scan on bs_a", "Bitmap Index Scan on bs_b");
            assertThat(rows(connection, sql)).containsExactly("1003", "4503", "8003", "11503", "15003", "18503",
                    "22003", "25503", "29003", "32503", "36003", "39503", "43003", "46503");
        }
    }

    @Test
    void aPreparedStatementScansWithEachExecutionsParameters() throws Exception {
        try (Connection connection = server.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*), min(id) FROM bs WHERE a = ? OR a = ?")) {
            // a1, a2, the rows' count, the least id: a = 3 also names the row whose b is NULL
            int[][] cases = {{3, 4, 201, 3}, {7, 7, 100, 7}, {-1, 499, 100, 499}, {1, 2, 200, 1}, {3, 4, 201, 3}};
            for (int[] expected : cases) {
                statement.setInt(1, expected[0]);
                statement.setInt(2, expected[1]);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    assertThat(List.of(result.getInt(1), result.getInt(2)))
                            .as("a = %d OR a = %d", expected[0], expected[1])
                            .containsExactly(expected[2], expected[3]);
                }
            }
        }
    }

    @Test
    void rowsAnotherTransactionDeletedOrThisOneUpdatedAreSeenAsTheSnapshotSays() throws Exception {
        try (Connection reader = server.connect(); Connection writer = server.connect()) {
            execute(writer, "CREATE TABLE bs_mvcc AS SELECT * FROM bs");
            execute(writer, "CREATE INDEX bs_mvcc_a ON bs_mvcc (a)");
            execute(writer, "ANALYZE bs_mvcc");
            reader.setAutoCommit(false);
            execute(reader, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            String sql = "SELECT count(*), sum(b) FROM bs_mvcc WHERE a = 10 OR a = 20";
            assertThat(rows(reader, sql)).containsExactly("200|605");
            execute(writer, "DELETE FROM bs_mvcc WHERE a = 10");
            execute(writer, "UPDATE bs_mvcc SET b = b + 100 WHERE a = 20");
            assertThat(rows(reader, sql)).containsExactly("200|605");
            reader.commit();
            assertThat(rows(reader, sql)).containsExactly("100|10302");
            execute(reader, "UPDATE bs_mvcc SET a = 10 WHERE a = 20 AND b = 100");
            assertThat(rows(reader, sql)).containsExactly("100|10302");
            reader.rollback();
        }
    }
}
