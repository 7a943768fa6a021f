package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

/**
 * The autovacuum launcher and its workers on a server with a one-second naptime: the launcher
 * in pg_stat_activity, dead tuples from updates reclaimed with no manual VACUUM (and logged as
 * PostgreSQL logs them), and a table another transaction holds skipped, not waited for, then
 * vacuumed once it is free.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutovacuumIT {
    @RegisterExtension
    static final CapturedServerLog log = new CapturedServerLog();

    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension(builder -> builder
            .setting("autovacuum", "on").setting("autovacuum_naptime", "1")
            .setting("log_autovacuum_min_duration", "0"));

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static long scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Polls {@code sql} (a count) until it is at least {@code minimum}; generous, never a fixed sleep. */
    private static long awaitAtLeast(Connection connection, String sql, long minimum) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        long value = scalar(connection, sql);
        while (value < minimum && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = scalar(connection, sql);
        }
        return value;
    }

    @Test
    void theLauncherIsAServerProcess() throws Exception {
        Connection connection = sessions.connect();
        assertThat(scalar(connection, "SELECT count(*) FROM pg_stat_activity "
                + "WHERE backend_type = 'autovacuum launcher' AND datid IS NULL")).isEqualTo(1);
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW autovacuum_naptime")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("1s");
        }
    }

    @Test
    void deadTuplesFromUpdatesAreReclaimedWithoutAManualVacuum() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE churn (id int PRIMARY KEY, v int)");
        execute(connection, "INSERT INTO churn SELECT g, 0 FROM generate_series(1, 1000) g");
        execute(connection, "UPDATE churn SET v = v + 1");
        execute(connection, "UPDATE churn SET v = v + 1");
        String vacuumed = "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'churn' "
                + "AND autovacuum_count >= 1 AND n_dead_tup < 1000";
        assertThat(awaitAtLeast(connection, vacuumed, 1)).isGreaterThanOrEqualTo(1);
        assertThat(scalar(connection, "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'churn'"))
                .isZero();
        assertThat(awaitAtLeast(connection, "SELECT autoanalyze_count FROM pg_stat_user_tables "
                + "WHERE relname = 'churn'", 1)).isGreaterThanOrEqualTo(1);
        log.await("automatic vacuum of table \"postgres.public.churn\": index scans:");
        // the space was reclaimed: further update rounds reuse it instead of growing the table
        long pages = scalar(connection, "SELECT relpages FROM pg_class WHERE relname = 'churn'");
        for (int round = 0; round < 3; round++) {
            long before = scalar(connection, "SELECT autovacuum_count FROM pg_stat_user_tables "
                    + "WHERE relname = 'churn'");
            execute(connection, "UPDATE churn SET v = v + 1");
            awaitAtLeast(connection, "SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'churn'",
                    before + 1);
        }
        assertThat(scalar(connection, "SELECT relpages FROM pg_class WHERE relname = 'churn'")).isLessThanOrEqualTo(pages * 2);
    }

    @Test
    void aTableAnotherTransactionHoldsIsSkippedThenVacuumed() throws Exception {
        Connection holder = sessions.connect();
        Connection writer = sessions.connect();
        execute(writer, "CREATE TABLE held (id int, v int)");
        execute(writer, "CREATE TABLE free_table (id int, v int)");
        execute(writer, "INSERT INTO held SELECT g, 0 FROM generate_series(1, 200) g");
        execute(writer, "INSERT INTO free_table SELECT g, 0 FROM generate_series(1, 200) g");
        holder.setAutoCommit(false);
        execute(holder, "LOCK TABLE held IN SHARE UPDATE EXCLUSIVE MODE");
        execute(writer, "DELETE FROM held");
        execute(writer, "DELETE FROM free_table");
        assertThat(awaitAtLeast(writer, "SELECT autovacuum_count FROM pg_stat_user_tables "
                + "WHERE relname = 'free_table'", 1)).isGreaterThanOrEqualTo(1);
        // a round has passed the held table by: it was skipped, and the workers did not wait for it
        assertThat(scalar(writer, "SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'held'"))
                .isZero();
        holder.commit();
        assertThat(awaitAtLeast(writer, "SELECT autovacuum_count FROM pg_stat_user_tables "
                + "WHERE relname = 'held'", 1)).isGreaterThanOrEqualTo(1);
    }
}
