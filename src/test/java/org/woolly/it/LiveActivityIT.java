package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What another session sees of a statement while it runs: its parallel workers as rows of
 * pg_stat_activity (and {@code woolly ps} lines) for as long as they run; the plan node it is in
 * and the rows so far ({@code woolly_stat_activity}) and its live EXPLAIN ANALYZE
 * ({@code woolly_explain_backend}), with pg_stat_activity's permission rule; and a VACUUM's
 * page-by-page progress, held at a known pace by the cost-based delay. The slow statements are
 * made slow by their own work (an md5 of a long string per row: seconds of work, cancelled within about a thousand rows)
 * and cancelled once seen, so no assertion depends on timing.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveActivityIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static final String SLOW = "SELECT count(*) FROM live_t WHERE md5(repeat(note, 400)) < md5(repeat(note, 401))";

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE live_t (id int, note text)");
            execute(connection, "INSERT INTO live_t SELECT i, repeat('x', i % 50) || i FROM generate_series(1, 20000) i");
            execute(connection, "ANALYZE live_t");
        }
    }

    @Test
    void costDelaySettingsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "vacuum/costdelay");
    }

    @Test
    void parallelWorkersAreRowsOfPgStatActivityWhileTheyRun() throws Exception {
        try (Connection leader = server.connect(); Connection observer = server.connect()) {
            execute(leader, "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; "
                    + "SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2");
            String leaderPid = firstValue(leader, "SELECT pg_backend_pid()");
            assertThat(String.join("\n", rows(leader, "EXPLAIN (COSTS OFF) " + SLOW))).contains("Workers Planned: 2");
            try (Statement statement = leader.createStatement()) {
                CompletableFuture<ServerErrorMessage> running = runUntilCancelled(statement, SLOW);
                String workersQuery = "SELECT backend_type, state, datname, usename, query, leader_pid "
                        + "FROM pg_stat_activity WHERE leader_pid = " + leaderPid;
                List<String> workers = await(observer, workersQuery, rows -> rows.size() == 2);
                assertThat(workers).containsOnly("parallel worker|active|postgres|" + server.superuser() + "|" + SLOW
                        + "|" + leaderPid);
                assertThat(rows(observer, "SELECT leader_pid, backend_type, state FROM pg_stat_activity WHERE pid = "
                        + leaderPid)).containsExactly("null|client backend|active");
                assertThat(rows(observer, "SELECT count(DISTINCT pid) FROM pg_stat_activity WHERE leader_pid = "
                        + leaderPid + " AND pid <> " + leaderPid)).containsExactly("2");
                List<String> workerPids = rows(observer, "SELECT pid FROM pg_stat_activity WHERE leader_pid = "
                        + leaderPid);
                String processes = ProcessListIT.ps(server);
                for (String pid : workerPids) {
                    assertThat(processes).contains(pid + "\twoolly: parallel worker for PID " + leaderPid + "\n");
                }

                execute(observer, "SELECT pg_cancel_backend(" + leaderPid + ")");
                ServerErrorMessage cancelled = running.get(20, TimeUnit.SECONDS);
                assertThat(cancelled.getSQLState()).isEqualTo("57014");
            }
            assertThat(await(observer, "SELECT pid FROM pg_stat_activity WHERE leader_pid IS NOT NULL",
                    List::isEmpty)).isEmpty();
        }
    }

    @Test
    void anotherSessionSeesTheLivePlanOfARunningStatement() throws Exception {
        try (Connection runner = server.connect(); Connection observer = server.connect()) {
            execute(runner, "SET max_parallel_workers_per_gather = 0");
            String runnerPid = firstValue(runner, "SELECT pg_backend_pid()");
            // an idle backend has no plan to show
            assertThat(rows(observer, "SELECT * FROM woolly_explain_backend(" + runnerPid + ")")).isEmpty();
            assertThat(rows(observer, "SELECT plan_node, plan_rows FROM woolly_stat_activity WHERE pid = "
                    + runnerPid)).containsExactly("null|null");
            try (Statement statement = runner.createStatement()) {
                CompletableFuture<ServerErrorMessage> running = runUntilCancelled(statement, SLOW);
                List<String> position = await(observer, "SELECT plan_node, plan_rows > 0 FROM woolly_stat_activity "
                        + "WHERE pid = " + runnerPid, rows -> rows.equals(List.of("Seq Scan on live_t|t")));
                assertThat(position).containsExactly("Seq Scan on live_t|t");

                List<String> plan = rows(observer, "SELECT * FROM woolly_explain_backend(" + runnerPid + ")");
                assertThat(plan).hasSize(3);
                assertThat(plan.get(0)).matches(
                        "Aggregate  \\(cost=[0-9.]+\\.\\.[0-9.]+ rows=1 width=\\d+\\) \\(actual rows=0 loops=1\\)");
                assertThat(plan.get(1)).matches("  ->  Seq Scan on live_t  \\(cost=[0-9.]+\\.\\.[0-9.]+ rows=\\d+ "
                        + "width=\\d+\\) \\(actual rows=[1-9]\\d* loops=1\\)");
                assertThat(plan.get(2)).isEqualTo(
                        "        Filter: (md5(repeat(note, 400)) < md5(repeat(note, 401)))");

                // pg_stat_activity's rule for the query text: another role's plan is not shown
                execute(observer, "CREATE ROLE live_reader LOGIN");
                try (Connection reader = DriverManager.getConnection(server.jdbcUrl("postgres"), "live_reader", "")) {
                    ServerErrorMessage denied = WoollyServerExtension.errorOf(reader,
                            "SELECT * FROM woolly_explain_backend(" + runnerPid + ")");
                    assertThat(denied.getSQLState()).isEqualTo("42501");
                    assertThat(denied.getMessage()).isEqualTo(
                            "permission denied to explain the query of process " + runnerPid);
                    assertThat(rows(reader, "SELECT query, plan_node, plan_rows FROM woolly_stat_activity "
                            + "WHERE pid = " + runnerPid)).containsExactly("<insufficient privilege>|null|null");
                }

                execute(observer, "SELECT pg_cancel_backend(" + runnerPid + ")");
                assertThat(running.get(20, TimeUnit.SECONDS).getSQLState()).isEqualTo("57014");
            } finally {
                execute(observer, "DROP ROLE IF EXISTS live_reader");
            }
            assertThat(rows(observer, "SELECT * FROM woolly_explain_backend(" + runnerPid + ")")).isEmpty();
        }
    }

    @Test
    void vacuumProgressAdvancesPageByPage() throws Exception {
        try (Connection vacuumer = server.connect(); Connection observer = server.connect()) {
            execute(vacuumer, "CREATE TABLE live_vacuum (id int, pad text) WITH (autovacuum_enabled = off)");
            execute(vacuumer, "INSERT INTO live_vacuum SELECT i, repeat('x', 200) FROM generate_series(1, 1280) i");
            execute(vacuumer, "CREATE INDEX live_vacuum_id ON live_vacuum (id)");
            execute(vacuumer, "DELETE FROM live_vacuum WHERE id % 2 = 0");
            String vacuumerPid = firstValue(vacuumer, "SELECT pg_backend_pid()");
            int pages = Integer.parseInt(firstValue(vacuumer,
                    "SELECT pg_relation_size('live_vacuum') / current_setting('block_size')::int"));
            assertThat(pages).isGreaterThan(10);
            // a 10 ms nap after every page: the scan and the heap pass each last a good second
            execute(vacuumer, "SET vacuum_cost_delay = '10ms'; SET vacuum_cost_limit = 1");
            CompletableFuture<Void> vacuum = CompletableFuture.runAsync(() -> {
                try {
                    execute(vacuumer, "VACUUM live_vacuum");
                } catch (SQLException failure) {
                    throw new IllegalStateException(failure);
                }
            });
            String progressQuery = "SELECT phase, heap_blks_total, heap_blks_scanned, heap_blks_vacuumed, "
                    + "index_vacuum_count, max_dead_tuples, num_dead_tuples, relid::regclass, datname "
                    + "FROM pg_stat_progress_vacuum WHERE pid = " + vacuumerPid;
            List<String> scanning = await(observer, progressQuery, rows -> rows.size() == 1
                    && rows.getFirst().startsWith("scanning heap|") && !rows.getFirst().split("\\|")[2].equals("0"));
            String[] scan = scanning.getFirst().split("\\|");
            assertThat(Integer.parseInt(scan[1])).isEqualTo(pages);
            assertThat(Integer.parseInt(scan[2])).isBetween(1, pages - 1);
            assertThat(scan[3]).isEqualTo("0");
            assertThat(scan[4]).isEqualTo("0");
            assertThat(Long.parseLong(scan[5])).isEqualTo(pages * 291L); // MaxHeapTuplesPerPage per page
            assertThat(Long.parseLong(scan[6])).isBetween(1L, 640L);
            assertThat(scan[7] + "|" + scan[8]).isEqualTo("live_vacuum|postgres");
            assertThat(await(observer, "SELECT wait_event_type || '/' || wait_event FROM pg_stat_activity "
                    + "WHERE pid = " + vacuumerPid, rows -> rows.equals(List.of("Timeout/VacuumDelay"))))
                    .containsExactly("Timeout/VacuumDelay");

            List<String> heapPass = await(observer, progressQuery,
                    rows -> rows.size() == 1 && rows.getFirst().startsWith("vacuuming heap|"));
            String[] reclaim = heapPass.getFirst().split("\\|");
            assertThat(Integer.parseInt(reclaim[2])).isEqualTo(pages);
            assertThat(Integer.parseInt(reclaim[3])).isBetween(0, pages - 1);
            assertThat(reclaim[4]).isEqualTo("1");
            assertThat(reclaim[6]).isEqualTo("640");

            vacuum.get(30, TimeUnit.SECONDS);
            assertThat(rows(observer, progressQuery)).isEmpty();
            execute(observer, "DROP TABLE live_vacuum");
        }
    }

    /** Runs {@code sql} on another thread; its future answers the error that ends it (the test's cancel). */
    private static CompletableFuture<ServerErrorMessage> runUntilCancelled(Statement statement, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                statement.executeQuery(sql).close();
                throw new IllegalStateException("the statement ended before it was cancelled");
            } catch (PSQLException expected) {
                return expected.getServerErrorMessage();
            } catch (SQLException other) {
                throw new IllegalStateException(other);
            }
        });
    }

    /** Polls {@code sql} until its rows satisfy {@code until} (at most 20 s); answers the last rows. */
    private static List<String> await(Connection connection, String sql, Predicate<List<String>> until)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> rows = rows(connection, sql);
        while (!until.test(rows) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
            rows = rows(connection, sql);
        }
        return rows;
    }
}
