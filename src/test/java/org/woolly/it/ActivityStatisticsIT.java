package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.woolly.embedded.WoollyServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * pg_stat_activity, pg_stat_database and pg_stat_bgwriter as a second session sees them: the
 * other session's query, state and wait event, the auxiliary processes, counters that move by
 * the right amounts, pg_cancel_backend / pg_terminate_backend with PostgreSQL's answers, and
 * the counters kept across a clean restart but not across a crash.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActivityStatisticsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** One pg_stat_activity row's columns by name, or null when the pid is not there. */
    private static List<String> activity(Connection observer, int pid, String columns) throws SQLException {
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + columns + " FROM pg_stat_activity WHERE pid = "
                     + pid)) {
            if (!rows.next()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                values.add(rows.getString(i));
            }
            return values;
        }
    }

    private static long scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aSecondSessionSeesTheFirstsQueryStateAndLockWait() throws Exception {
        try (Connection holder = sessions.connect(); Connection waiter = sessions.connect();
             Connection observer = sessions.connect()) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("CREATE TABLE act_lock (a int)");
                statement.execute("INSERT INTO act_lock VALUES (1)");
            }
            int holderPid = pid(holder);
            int waiterPid = pid(waiter);
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("UPDATE act_lock SET a = 2");
            }
            // the backend sends its reply before it starts waiting for the next message (ClientRead),
            // as PostgreSQL does: an observer can run in between, so wait for the read to begin
            List<String> holderRow = null;
            long readDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < readDeadline) {
                holderRow = activity(observer, holderPid,
                        "state, query, wait_event_type, wait_event, backend_type, datname, usename, xact_start IS NOT NULL,"
                                + " client_addr, client_port > 0, backend_xid IS NOT NULL");
                if (holderRow != null && holderRow.get(3) != null) {
                    break;
                }
                Thread.sleep(10);
            }
            assertThat(holderRow).containsExactly("idle in transaction", "UPDATE act_lock SET a = 2", "Client",
                    "ClientRead", "client backend", "postgres", server.superuser(), "t", "127.0.0.1", "t", "t");

            Future<Integer> blocked = sessions.inBackground(() -> {
                try (Statement statement = waiter.createStatement()) {
                    return statement.executeUpdate("UPDATE act_lock SET a = 3");
                }
            });
            List<String> waiterRow = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                waiterRow = activity(observer, waiterPid, "state, query, wait_event_type, wait_event");
                if (waiterRow != null && "Lock".equals(waiterRow.get(2))) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(waiterRow).containsExactly("active", "UPDATE act_lock SET a = 3", "Lock", "transactionid");
            holder.commit();
            assertThat(blocked.get(20, TimeUnit.SECONDS)).isEqualTo(1);

            List<String> own = activity(observer, pid(observer), "state, query");
            assertThat(own.get(0)).isEqualTo("active");
            assertThat(own.get(1)).startsWith("SELECT state, query FROM pg_stat_activity");
        }
    }

    @Test
    void auxiliaryProcessesAreListedWithTheirBackendType() throws Exception {
        try (Connection connection = sessions.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT backend_type, datid IS NULL, state IS NULL "
                     + "FROM pg_stat_activity WHERE backend_type <> 'client backend' ORDER BY 1")) {
            List<String> types = new ArrayList<>();
            while (rows.next()) {
                types.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
            assertThat(types).containsExactly("background writer t t", "checkpointer t t", "walwriter t t");
        }
    }

    @Test
    void cancelAndTerminateAnswerAsPostgres() throws Exception {
        try (Connection victim = sessions.connect(); Connection admin = sessions.connect()) {
            int victimPid = pid(victim);
            Future<Throwable> sleeping = sessions.inBackground(() -> catchThrowable(() -> {
                try (Statement statement = victim.createStatement()) {
                    statement.execute("SELECT count(*) FROM generate_series(1, 1000000000)");
                }
            }));
            Thread.sleep(500);
            assertThat(scalar(admin, "SELECT CASE WHEN pg_cancel_backend(" + victimPid + ") THEN 1 ELSE 0 END"))
                    .isEqualTo(1);
            Throwable cancelled = sleeping.get(20, TimeUnit.SECONDS);
            assertThat(((SQLException) cancelled).getSQLState()).isEqualTo("57014");

            try (Statement statement = admin.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT pg_cancel_backend(1)")) {
                rows.next();
                assertThat(rows.getBoolean(1)).isFalse();
                SQLWarning warning = statement.getWarnings();
                assertThat((Object) warning).isNotNull();
                assertThat(warning.getMessage()).contains("PID 1 is not a PostgreSQL backend process");
            }
            assertThat(scalar(admin, "SELECT CASE WHEN pg_terminate_backend(" + victimPid + ", 5000) THEN 1 ELSE 0 END"))
                    .isEqualTo(1);
            Throwable terminated = catchThrowable(() -> {
                try (Statement statement = victim.createStatement()) {
                    statement.execute("SELECT 1");
                }
            });
            assertThat(terminated).isInstanceOf(SQLException.class);
            assertThat(activity(admin, victimPid, "pid")).isNull();
        }
    }

    @Test
    void databaseCountersMoveByTheRightAmounts() throws Exception {
        try (Connection worker = sessions.connect(); Connection observer = sessions.connect()) {
            try (Statement statement = worker.createStatement()) {
                statement.execute("CREATE TABLE act_count (a int)");
            }
            String counters = "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, "
                    + "tup_returned, blks_hit + blks_read, numbackends FROM pg_stat_database WHERE datname = 'postgres'";
            long[] before = row(observer, counters);
            try (Statement statement = worker.createStatement()) {
                statement.execute("INSERT INTO act_count SELECT g FROM generate_series(1, 10) g");
                statement.execute("UPDATE act_count SET a = a + 1 WHERE a <= 3");
                statement.execute("DELETE FROM act_count WHERE a >= 9");
                worker.setAutoCommit(false);
                statement.execute("INSERT INTO act_count VALUES (100)");
                worker.rollback();
                worker.setAutoCommit(true);
            }
            long[] after = row(observer, counters);
            assertThat(after[0] - before[0]).as("xact_commit").isGreaterThanOrEqualTo(3);
            assertThat(after[1] - before[1]).as("xact_rollback").isEqualTo(1);
            assertThat(after[2] - before[2]).as("tup_inserted").isEqualTo(11);
            assertThat(after[3] - before[3]).as("tup_updated").isEqualTo(3);
            assertThat(after[4] - before[4]).as("tup_deleted").isEqualTo(2);
            assertThat(after[5] - before[5]).as("tup_returned").isGreaterThanOrEqualTo(20);
            assertThat(after[6]).as("blocks").isGreaterThan(before[6]);
            assertThat(after[7]).as("numbackends").isEqualTo(2);

            try (Statement statement = observer.createStatement()) {
                statement.execute("SELECT pg_stat_reset()");
            }
            long[] reset = row(observer, counters);
            assertThat(reset[2]).isZero();
            assertThat(scalar(observer, "SELECT count(*) FROM pg_stat_database WHERE datid = 0 AND datname IS NULL"))
                    .isEqualTo(1);
        }
    }

    @Test
    void checkpointCountsAsRequestedInPgStatBgwriter() throws Exception {
        try (Connection connection = sessions.connect()) {
            long before = scalar(connection, "SELECT checkpoints_req FROM pg_stat_bgwriter");
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE act_ckpt (a int)");
                statement.execute("INSERT INTO act_ckpt VALUES (1)");
                statement.execute("CHECKPOINT");
            }
            assertThat(scalar(connection, "SELECT checkpoints_req FROM pg_stat_bgwriter")).isEqualTo(before + 1);
            assertThat(scalar(connection, "SELECT buffers_checkpoint FROM pg_stat_bgwriter")).isPositive();
        }
    }

    @Test
    void countersSurviveACleanRestartButNotACrash() throws Exception {
        Path directory = Files.createTempDirectory("woolly-stat-");
        try {
            try (WoollyServer first = WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                    .setting("listen_addresses", "127.0.0.1").setting("unix_socket_directories", "")
                    .setting("fsync", "off").start()) {
                commitSome(first, 5);
            }
            assertThat(directory.resolve("pg_stat/pgstat.stat")).exists();
            long afterRestart;
            try (WoollyServer second = WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                    .setting("listen_addresses", "127.0.0.1").setting("unix_socket_directories", "")
                    .setting("fsync", "off").start()) {
                assertThat(directory.resolve("pg_stat/pgstat.stat")).doesNotExist();
                try (Connection connection = connect(second)) {
                    afterRestart = scalar(connection,
                            "SELECT xact_commit FROM pg_stat_database WHERE datname = 'postgres'");
                }
                assertThat(afterRestart).isGreaterThanOrEqualTo(5);
                // a crash: recovery runs and the counters start again from zero, as PostgreSQL's do
                second.panic("statistics test crash");
                long afterCrash = -1;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                // a connection may still reach the old engine before the crash handling starts: wait for the new one
                while ((afterCrash < 0 || afterCrash >= afterRestart) && System.nanoTime() < deadline) {
                    try (Connection connection = connect(second)) {
                        afterCrash = scalar(connection,
                                "SELECT xact_commit FROM pg_stat_database WHERE datname = 'postgres'");
                    } catch (SQLException recovering) {
                        Thread.sleep(100);
                    }
                }
                assertThat(afterCrash).isBetween(0L, afterRestart - 1);
            }
        } finally {
            try (var walk = Files.walk(directory)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Connection connect(WoollyServer target) throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl("postgres"), target.superuser(), "");
    }

    private static void commitSome(WoollyServer target, int count) throws SQLException {
        try (Connection connection = connect(target); Statement statement = connection.createStatement()) {
            for (int i = 0; i < count; i++) {
                statement.execute("SELECT " + i);
            }
        }
    }

    private static long[] row(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            long[] values = new long[rows.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.getLong(i + 1);
            }
            return values;
        }
    }
}
