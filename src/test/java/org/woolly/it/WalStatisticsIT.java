package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

/**
 * pg_stat_wal as the WAL counts it: records and bytes inserted, a full-page image for the
 * first change of a page after a checkpoint, writes and flushes,
 * pg_stat_reset_shared('wal'), and the counters kept across a clean restart but not a crash.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WalStatisticsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static List<String> wal(Connection connection) throws SQLException {
        return TestSessions.firstRow(connection, "SELECT wal_records, wal_fpi, wal_bytes, wal_write, wal_sync, "
                + "wal_write_time, wal_sync_time, stats_reset FROM pg_stat_wal");
    }

    @Test
    void insertsCountRecordsBytesAndFullPageImages() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE logged (id int, v text)");
        List<String> before = wal(connection);
        execute(connection, "INSERT INTO logged SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
        List<String> after = wal(connection);
        assertThat(Long.parseLong(after.get(0)) - Long.parseLong(before.get(0))).isGreaterThanOrEqualTo(1000);
        assertThat(new BigDecimal(after.get(2)).subtract(new BigDecimal(before.get(2))))
                .isGreaterThan(BigDecimal.valueOf(1000 * 20));
        // the commit wrote the WAL; with fsync off (as these tests run) nothing is synced, as in PostgreSQL
        assertThat(Long.parseLong(after.get(3))).isGreaterThan(Long.parseLong(before.get(3)));
        assertThat(after.get(4)).isEqualTo(before.get(4));
        assertThat(after.subList(5, 7)).containsExactly("0", "0");

        execute(connection, "CHECKPOINT");
        long imagesBefore = Long.parseLong(wal(connection).get(1));
        execute(connection, "UPDATE logged SET v = 'changed' WHERE id = 1");
        assertThat(Long.parseLong(wal(connection).get(1))).isGreaterThan(imagesBefore);
    }

    @Test
    void resetSharedWalStartsTheCountersAgain() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE reset_logged (id int)");
        execute(connection, "INSERT INTO reset_logged SELECT g FROM generate_series(1, 500) g");
        List<String> before = wal(connection);
        assertThat(Long.parseLong(before.get(0))).isGreaterThanOrEqualTo(500);
        execute(connection, "SELECT pg_stat_reset_shared('wal')");
        List<String> after = wal(connection);
        assertThat(Long.parseLong(after.get(0))).isLessThan(500);
        assertThat(after.get(7)).isNotNull().isNotEqualTo(before.get(7));
    }

    @Test
    void countersSurviveACleanRestartButNotACrash() throws Exception {
        java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("woolly-walstat-");
        try {
            List<String> beforeRestart;
            try (org.woolly.embedded.WoollyServer first = start(directory);
                 Connection connection = connect(first)) {
                execute(connection, "CREATE TABLE kept_logged (id int)");
                execute(connection, "INSERT INTO kept_logged SELECT g FROM generate_series(1, 1000) g");
                beforeRestart = wal(connection);
            }
            try (org.woolly.embedded.WoollyServer second = start(directory)) {
                long afterRestart;
                try (Connection connection = connect(second)) {
                    List<String> kept = wal(connection);
                    afterRestart = Long.parseLong(kept.get(0));
                    assertThat(afterRestart).isGreaterThanOrEqualTo(Long.parseLong(beforeRestart.get(0)));
                    assertThat(new BigDecimal(kept.get(2))).isGreaterThanOrEqualTo(new BigDecimal(beforeRestart.get(2)));
                    assertThat(kept.get(7)).isEqualTo(beforeRestart.get(7));
                }
                // after crash recovery the counters start again from zero, as PostgreSQL 15 discards its statistics
                second.panic("wal statistics test crash");
                long afterCrash = -1;
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                while ((afterCrash < 0 || afterCrash >= afterRestart) && System.nanoTime() < deadline) {
                    try (Connection connection = connect(second)) {
                        afterCrash = Long.parseLong(wal(connection).get(0));
                    } catch (SQLException recovering) {
                        Thread.sleep(100);
                    }
                }
                assertThat(afterCrash).isBetween(0L, afterRestart - 1);
            }
        } finally {
            try (var files = java.nio.file.Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static org.woolly.embedded.WoollyServer start(java.nio.file.Path directory) {
        return org.woolly.embedded.WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                .setting("listen_addresses", "127.0.0.1").setting("unix_socket_directories", "")
                .setting("fsync", "off").start();
    }

    private static Connection connect(org.woolly.embedded.WoollyServer target) throws SQLException {
        return java.sql.DriverManager.getConnection(target.jdbcUrl("postgres"), target.superuser(), "");
    }
}
