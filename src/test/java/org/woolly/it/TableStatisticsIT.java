package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

/**
 * pg_stat_user_tables and pg_stat_user_indexes as PostgreSQL 15 counts them (autovacuum off,
 * so the counts are exactly the test's): inserts, updates (HOT among them) and deletes counted
 * at transaction end, a rolled-back insert a dead tuple, seq and index scans, VACUUM and
 * ANALYZE setting the estimates and their times, and the reset functions.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TableStatisticsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static List<String> row(Connection connection, String sql) throws SQLException {
        return TestSessions.firstRow(connection, sql);
    }

    private static List<String> tableCounters(Connection connection, String table) throws SQLException {
        return row(connection, "SELECT n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd, n_live_tup, n_dead_tup, "
                + "n_mod_since_analyze, n_ins_since_vacuum FROM pg_stat_user_tables WHERE relname = '" + table + "'");
    }

    @Test
    void writesCountAtTransactionEndAndARollbackLeavesDeadTuples() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE counted (id int PRIMARY KEY, v int)");
        execute(connection, "INSERT INTO counted SELECT g, 0 FROM generate_series(1, 100) g");
        // an open transaction's writes are not counted yet (PostgreSQL counts at transaction end)
        connection.setAutoCommit(false);
        execute(connection, "INSERT INTO counted VALUES (101, 0), (102, 0)");
        Connection observer = sessions.connect();
        assertThat(tableCounters(observer, "counted")).containsExactly("100", "0", "0", "0", "100", "0", "100", "100");
        connection.rollback();
        connection.setAutoCommit(true);
        // the two rolled-back inserts: attempted (n_tup_ins), dead, no modification since analyze
        assertThat(tableCounters(observer, "counted")).containsExactly("102", "0", "0", "0", "100", "2", "100", "102");
        execute(connection, "UPDATE counted SET v = 1 WHERE id <= 10");
        execute(connection, "DELETE FROM counted WHERE id > 95");
        List<String> after = tableCounters(observer, "counted");
        assertThat(after.subList(0, 3)).containsExactly("102", "10", "5");
        assertThat(Long.parseLong(after.get(3))).isBetween(0L, 10L);
        assertThat(after.subList(4, 8)).containsExactly("95", "17", "115", "102");

        execute(connection, "VACUUM counted");
        assertThat(row(observer, "SELECT n_live_tup, n_dead_tup, n_ins_since_vacuum, vacuum_count, "
                + "last_vacuum IS NOT NULL, autovacuum_count, last_autovacuum IS NULL FROM pg_stat_user_tables "
                + "WHERE relname = 'counted'")).containsExactly("95", "0", "0", "1", "t", "0", "t");
        execute(connection, "ANALYZE counted");
        assertThat(row(observer, "SELECT n_mod_since_analyze, analyze_count, last_analyze IS NOT NULL "
                + "FROM pg_stat_user_tables WHERE relname = 'counted'")).containsExactly("0", "1", "t");
    }

    @Test
    void pagePruningTakesTheTuplesItRemovesOffTheDeadCount() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE churned (id int PRIMARY KEY, v int)");
        execute(connection, "INSERT INTO churned VALUES (1, 0)");
        // 400 versions do not fit on one page: reading the page nearly full prunes the dead ones
        for (int i = 0; i < 400; i++) {
            execute(connection, "UPDATE churned SET v = v + 1 WHERE id = 1");
        }
        execute(connection, "SELECT * FROM churned WHERE id = 1");
        List<String> counts = row(connection, "SELECT n_tup_upd, n_tup_hot_upd, n_dead_tup, "
                + "pg_relation_size('churned') FROM pg_stat_user_tables WHERE relname = 'churned'");
        assertThat(counts.subList(0, 2)).containsExactly("400", "400");
        // at most what one page holds is left to count (PostgreSQL 15 counts the same way)
        assertThat(Long.parseLong(counts.get(2))).isBetween(0L, 250L);
        assertThat(counts.get(3)).isEqualTo("8192");
    }

    @Test
    void scansCountOnTheTableAndItsIndex() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE scanned (id int PRIMARY KEY, v int)");
        execute(connection, "INSERT INTO scanned SELECT g, g FROM generate_series(1, 50) g");
        execute(connection, "SET enable_seqscan = off");
        execute(connection, "SELECT * FROM scanned WHERE id = 7");
        execute(connection, "SELECT * FROM scanned WHERE id BETWEEN 10 AND 12");
        execute(connection, "RESET enable_seqscan");
        execute(connection, "SET enable_indexscan = off");
        execute(connection, "SET enable_bitmapscan = off");
        execute(connection, "SELECT count(*) FROM scanned");
        assertThat(row(connection, "SELECT seq_scan, seq_tup_read, idx_scan, idx_tup_fetch FROM pg_stat_user_tables "
                + "WHERE relname = 'scanned'")).containsExactly("1", "50", "2", "4");
        assertThat(row(connection, "SELECT indexrelname, idx_scan, idx_tup_read, idx_tup_fetch "
                + "FROM pg_stat_user_indexes WHERE relname = 'scanned'"))
                // the BETWEEN is a bitmap scan, as in PostgreSQL 15: its 3 fetches count on the table only
                .containsExactly("scanned_pkey", "2", "4", "1");
        assertThat(row(connection, "SELECT count(*) FROM pg_stat_sys_tables WHERE relname = 'pg_class'"))
                .containsExactly("1");
        assertThat(row(connection, "SELECT count(*) FROM pg_stat_all_tables WHERE relname = 'scanned'"))
                .containsExactly("1");

        execute(connection, "SELECT pg_stat_reset_single_table_counters('scanned'::regclass)");
        assertThat(row(connection, "SELECT seq_scan, n_tup_ins FROM pg_stat_user_tables WHERE relname = 'scanned'"))
                .containsExactly("0", "0");
        assertThat(row(connection, "SELECT idx_scan FROM pg_stat_user_indexes WHERE relname = 'scanned'"))
                .containsExactly("2");
        execute(connection, "SELECT pg_stat_reset()");
        assertThat(row(connection, "SELECT idx_scan FROM pg_stat_user_indexes WHERE relname = 'scanned'"))
                .containsExactly("0");
    }
}
