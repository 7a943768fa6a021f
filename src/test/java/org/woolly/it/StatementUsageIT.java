package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstRow;
import static org.woolly.it.TestSessions.rows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a statement used, as PostgreSQL 15 reports it per statement: pg_stat_statements' block,
 * temporary-block, WAL and planning columns (with track_planning), statements inside PL/pgSQL
 * tracked as not top-level with {@code pg_stat_statements.track = all}, and EXPLAIN (ANALYZE,
 * BUFFERS, WAL)'s per-node lines, compared with PostgreSQL 15's output with the counts masked.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StatementUsageIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static String resource(String name) throws IOException {
        try (InputStream in = StatementUsageIT.class.getResourceAsStream("/stmtstats/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void explainBuffersAndWalScriptMatchesPostgres() throws Exception {
        String output = PsqlIT.run(server, resource("explain-buffers.sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("explain-buffers-pg15.out"));
    }

    @Test
    void statementsCountTheirBlocksAndWal() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE usage_blocks (id int PRIMARY KEY, v text)");
            execute(connection, "SELECT pg_stat_statements_reset()");
            execute(connection, "INSERT INTO usage_blocks SELECT g, 'row ' || g FROM generate_series(1, 2000) g");
            execute(connection, "SELECT count(*) FROM usage_blocks");
            List<String> insert = firstRow(connection, "SELECT shared_blks_hit > 0, shared_blks_dirtied > 0, "
                    + "wal_records >= 2000, wal_bytes > 0, local_blks_hit + local_blks_read, blk_read_time, "
                    + "plans FROM pg_stat_statements WHERE query LIKE 'INSERT INTO usage_blocks%'");
            // without track_io_timing the times stay 0; without track_planning there are no plans
            assertThat(insert).containsExactly("t", "t", "t", "t", "0", "0", "0");
            assertThat(firstRow(connection, "SELECT calls, shared_blks_hit + shared_blks_read > 0, rows "
                    + "FROM pg_stat_statements WHERE query = 'SELECT count(*) FROM usage_blocks'"))
                    .containsExactly("1", "t", "1");
            execute(connection, "DROP TABLE usage_blocks");
        }
    }

    @Test
    void aSortSpillingToDiskCountsTemporaryBlocks() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "SET work_mem = '64kB'");
            execute(connection, "SELECT pg_stat_statements_reset()");
            execute(connection, "SELECT g FROM generate_series(1, 30000) g ORDER BY g DESC");
            assertThat(firstRow(connection, "SELECT temp_blks_written > 0, temp_blks_read > 0 FROM "
                    + "pg_stat_statements WHERE query LIKE 'SELECT g FROM generate_series%'"))
                    .containsExactly("t", "t");
        }
    }

    @Test
    void trackPlanningCountsEachPlanning() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "SET pg_stat_statements.track_planning = on");
            execute(connection, "SELECT pg_stat_statements_reset()");
            execute(connection, "SELECT 1 AS planned_twice");
            execute(connection, "SELECT 2 AS planned_twice");
            assertThat(firstRow(connection, "SELECT plans, calls, total_plan_time > 0, min_plan_time <= max_plan_time,"
                    + " mean_plan_time > 0 FROM pg_stat_statements WHERE query LIKE '%planned_twice'"))
                    .containsExactly("2", "2", "t", "t", "t");
        }
    }

    @Test
    void trackAllRecordsPlpgsqlStatementsAsNotTopLevel() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE usage_nested (id int)");
            execute(connection, "CREATE FUNCTION usage_nested_add(n int) RETURNS int LANGUAGE plpgsql AS $$ "
                    + "BEGIN INSERT INTO usage_nested VALUES (n); PERFORM count(*) FROM usage_nested; "
                    + "RETURN n + 1; END $$");
            execute(connection, "SET pg_stat_statements.track = 'all'");
            execute(connection, "SELECT pg_stat_statements_reset()");
            execute(connection, "SELECT usage_nested_add(1)");
            execute(connection, "SELECT usage_nested_add(2)");
            assertThat(rows(connection, "SELECT query || '|' || toplevel || '|' || calls || '|' || rows FROM "
                    + "pg_stat_statements WHERE query LIKE '%usage_nested%' AND query NOT LIKE 'INSERT%' ORDER BY query"))
                    .containsExactly("SELECT count(*) FROM usage_nested|f|2|2", "SELECT usage_nested_add($1)|t|2|2");
            assertThat(rows(connection, "SELECT toplevel || '|' || calls || '|' || (wal_records > 0) FROM "
                    + "pg_stat_statements WHERE query LIKE 'INSERT INTO usage_nested%'"))
                    .containsExactly("f|2|t");
            execute(connection, "SET pg_stat_statements.track = 'top'");
            execute(connection, "SELECT pg_stat_statements_reset()");
            execute(connection, "SELECT usage_nested_add(3)");
            assertThat(rows(connection, "SELECT query || '|' || toplevel FROM pg_stat_statements "
                    + "WHERE query LIKE '%usage_nested%'")).containsExactly("SELECT usage_nested_add($1)|t");
            execute(connection, "DROP FUNCTION usage_nested_add(int)");
            execute(connection, "DROP TABLE usage_nested");
        }
    }
}
