package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.embedded.WoollyServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

/**
 * The pg_statio_* views as PostgreSQL 15 fills them: pages of a relation requested from the
 * buffer pool, read (a new block too) or found there (hit), per table, index and sequence, and
 * summed into pg_stat_database; the reset functions; the counts kept across a clean restart.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockStatisticsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static List<Long> numbers(Connection connection, String sql) throws SQLException {
        List<String> row = TestSessions.firstRow(connection, sql);
        assertThat(row).as("a row for %s", sql).isNotEmpty();
        return row.stream().map(value -> value == null ? null : Long.valueOf(value)).toList();
    }

    private static List<Long> heapBlocks(Connection connection, String table) throws SQLException {
        return numbers(connection, "SELECT heap_blks_read, heap_blks_hit FROM pg_statio_user_tables WHERE relname = '"
                + table + "'");
    }

    @Test
    void newBlocksCountAsReadsAndCachedPagesAsHits() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE io_counted (id int PRIMARY KEY, v text)");
        execute(connection, "INSERT INTO io_counted SELECT g, 'value ' || g FROM generate_series(1, 2000) g");
        // every page of the new table and index was added to it: a read each, as PostgreSQL counts them
        List<Long> afterInsert = numbers(connection, "SELECT heap_blks_read, idx_blks_read, toast_blks_read, "
                + "tidx_blks_read FROM pg_statio_user_tables WHERE relname = 'io_counted'");
        assertThat(afterInsert.get(0)).isPositive();
        assertThat(afterInsert.get(1)).isPositive();
        // the text column gave the table a TOAST table, so its counters are numbers, not null
        assertThat(afterInsert.subList(2, 4)).doesNotContainNull();

        execute(connection, "SELECT pg_stat_reset_single_table_counters('io_counted'::regclass)");
        assertThat(heapBlocks(connection, "io_counted")).containsExactly(0L, 0L);
        long databaseHitsBefore = numbers(connection,
                "SELECT blks_hit FROM pg_stat_database WHERE datname = current_database()").getFirst();
        execute(connection, "SELECT count(*) FROM io_counted");
        List<Long> oneScan = heapBlocks(connection, "io_counted");
        // the pages are in the buffer pool: one hit per page, no read
        assertThat(oneScan.get(0)).isZero();
        assertThat(oneScan.get(1)).isPositive();
        execute(connection, "SELECT count(*) FROM io_counted");
        assertThat(heapBlocks(connection, "io_counted")).containsExactly(0L, 2 * oneScan.get(1));
        long databaseHitsAfter = numbers(connection,
                "SELECT blks_hit FROM pg_stat_database WHERE datname = current_database()").getFirst();
        assertThat(databaseHitsAfter - databaseHitsBefore).isGreaterThanOrEqualTo(2 * oneScan.get(1));

        // resetting a table leaves its indexes' counts (PostgreSQL keeps one entry per relation)
        String indexCounts = "SELECT idx_blks_read, idx_blks_hit FROM pg_statio_user_indexes "
                + "WHERE indexrelname = 'io_counted_pkey'";
        List<Long> indexBefore = numbers(connection, indexCounts);
        assertThat(indexBefore.getFirst()).isEqualTo(afterInsert.get(1));
        execute(connection, "SET enable_seqscan = off");
        execute(connection, "SELECT v FROM io_counted WHERE id = 1500");
        execute(connection, "RESET enable_seqscan");
        List<Long> index = numbers(connection, indexCounts);
        assertThat(index.get(0)).isEqualTo(indexBefore.get(0));
        assertThat(index.get(1)).isGreaterThan(indexBefore.get(1));
        // the table's row sums its indexes
        assertThat(numbers(connection, "SELECT idx_blks_hit FROM pg_statio_user_tables WHERE relname = 'io_counted'"))
                .containsExactly(index.get(1));
    }

    @Test
    void sequencesAndCatalogsHaveTheirOwnViews() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE SEQUENCE io_sequence");
        execute(connection, "SELECT nextval('io_sequence')");
        List<Long> sequence = numbers(connection, "SELECT blks_read, blks_hit FROM pg_statio_user_sequences "
                + "WHERE relname = 'io_sequence'");
        assertThat(sequence.get(0) + sequence.get(1)).isPositive();
        assertThat(numbers(connection, "SELECT count(*) FROM pg_statio_sys_sequences WHERE relname = 'io_sequence'"))
                .containsExactly(0L);
        // every statement reads pg_class: its pages are requested, and it is a system table
        assertThat(numbers(connection, "SELECT heap_blks_read + heap_blks_hit FROM pg_statio_sys_tables WHERE relname = 'pg_class'").getFirst()).isPositive();
        assertThat(numbers(connection, "SELECT count(*) FROM pg_statio_user_tables WHERE relname = 'pg_class'"))
                .containsExactly(0L);
        assertThat(numbers(connection, "SELECT count(*) FROM pg_statio_all_sequences WHERE relname = 'io_sequence'"))
                .containsExactly(1L);
    }

    @Test
    void pgStatResetClearsTheDatabasesRelations() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE io_reset (id int)");
        execute(connection, "INSERT INTO io_reset SELECT g FROM generate_series(1, 500) g");
        execute(connection, "SELECT count(*) FROM io_reset");
        assertThat(heapBlocks(connection, "io_reset").get(1)).isPositive();
        execute(connection, "SELECT pg_stat_reset()");
        assertThat(heapBlocks(connection, "io_reset")).containsExactly(0L, 0L);
    }

    @Test
    void relationCountsSurviveACleanRestart(@TempDir Path directory) throws Exception {
        long hits;
        try (WoollyServer first = start(directory)) {
            try (Connection connection = connect(first)) {
                execute(connection, "CREATE TABLE io_kept (id int)");
                execute(connection, "INSERT INTO io_kept SELECT g FROM generate_series(1, 500) g");
                execute(connection, "SELECT count(*) FROM io_kept");
                hits = heapBlocks(connection, "io_kept").get(1);
                assertThat(hits).isPositive();
            }
        }
        try (WoollyServer second = start(directory); Connection connection = connect(second)) {
            assertThat(heapBlocks(connection, "io_kept").get(1)).isEqualTo(hits);
        }
    }

    private static WoollyServer start(Path directory) {
        return WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                .setting("listen_addresses", "127.0.0.1").setting("unix_socket_directories", "")
                .setting("fsync", "off").setting("autovacuum", "off").start();
    }

    private static Connection connect(WoollyServer running) throws SQLException {
        return DriverManager.getConnection(running.jdbcUrl("postgres"), running.superuser(), "");
    }
}
