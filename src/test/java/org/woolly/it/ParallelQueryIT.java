package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.ServerErrorMessage;

/**
 * Parallel query: Gather over Parallel Seq Scan, Partial and Finalize Aggregate. The psql script
 * shows PostgreSQL 15's plans and answers for the same statements (with its regress settings,
 * so a small table gets parallel plans); the JDBC tests check that parallel and serial plans
 * give the same rows, that a worker's error, a cancel, a statement_timeout or a LIMIT ends the
 * workers, and that no worker thread outlives its query.
 */
class ParallelQueryIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static final String PARALLEL_SETTINGS = "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; "
            + "SET min_parallel_table_scan_size = 0";

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE pq (id int, grp int, val int, note text)");
            execute(connection, "INSERT INTO pq SELECT i, i % 7, (i * 13) % 1000, repeat('x', i % 50) || i "
                    + "FROM generate_series(1, 20000) i");
            execute(connection, "INSERT INTO pq VALUES (20001, NULL, NULL, NULL), (20002, 3, NULL, 'null val')");
            execute(connection, "ANALYZE pq");
        }
    }

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "parallel/gather");
    }

    @Test
    void parallelAndSerialPlansGiveTheSameRows() throws Exception {
        List<String> queries = List.of(
                "SELECT count(*), count(val), sum(val), avg(val), min(note), max(note), sum(id::int8), avg(id::float8)"
                        + " FROM pq",
                "SELECT grp, count(*), sum(val), avg(val::numeric), min(id), max(val), bool_or(val > 990) FROM pq"
                        + " GROUP BY grp ORDER BY grp NULLS FIRST",
                "SELECT grp, count(*) FROM pq WHERE val < 100 GROUP BY grp HAVING count(*) > 200 ORDER BY grp",
                "SELECT id, val FROM pq WHERE val = 13 OR note IS NULL ORDER BY id",
                "SELECT count(*), sum(val) FROM pq WHERE id < 0");
        try (Connection connection = server.connect()) {
            execute(connection, PARALLEL_SETTINGS);
            for (String query : queries) {
                String plan = String.join("\n", rows(connection, "EXPLAIN (COSTS OFF) " + query));
                assertThat(plan).as(query).contains("Gather", "Parallel Seq Scan on pq");
                List<String> parallel = rows(connection, query);
                execute(connection, "SET max_parallel_workers_per_gather = 0");
                assertThat(String.join("\n", rows(connection, "EXPLAIN (COSTS OFF) " + query))).doesNotContain("Gather");
                assertThat(rows(connection, query)).as(query).isEqualTo(parallel).isNotEmpty();
                execute(connection, "RESET max_parallel_workers_per_gather");
            }
        }
        assertNoWorkerThreadLeft();
    }

    @Test
    void explainAnalyzeCountsEachParticipantsRows() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, PARALLEL_SETTINGS);
            List<String> plan = rows(connection,
                    "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT grp, count(*) FROM pq GROUP BY grp");
            // the rows per participant vary with how the blocks were shared out: each sends at most
            // the 8 groups, and a participant that got no block (a busy machine) sends none
            assertThat(plan).hasSize(10);
            assertThat(plan.get(0)).isEqualTo("Finalize HashAggregate (actual rows=8 loops=1)");
            assertThat(plan.get(2)).matches("  Batches: 1  Memory Usage: [0-9]+kB");
            assertThat(plan.get(3)).matches("  ->  Gather \\(actual rows=([89]|1[0-9]|2[0-4]) loops=1\\)");
            assertThat(plan.subList(4, 6)).containsExactly("        Workers Planned: 2", "        Workers Launched: 2");
            assertThat(plan.get(6)).matches("        ->  Partial HashAggregate \\(actual rows=[0-8] loops=3\\)");
            assertThat(plan.get(9)).isEqualTo("              ->  Parallel Seq Scan on pq (actual rows=6667 loops=3)");
            // max_parallel_workers bounds the workers the whole server runs; the leader does it all alone
            execute(connection, "SET max_parallel_workers = 0");
            plan = rows(connection, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM pq");
            assertThat(plan).contains("        Workers Launched: 0",
                    "              ->  Parallel Seq Scan on pq (actual rows=20002 loops=1)");
            assertThat(rows(connection, "SELECT count(*) FROM pq")).containsExactly("20002");
        }
    }

    @Test
    void aWorkersErrorIsTheQuerysAndTheSessionGoesOn() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, PARALLEL_SETTINGS + "; SET parallel_leader_participation = off");
            ServerErrorMessage error = WoollyServerExtension.errorOf(connection,
                    "SELECT sum(1000 / (val - 500)) FROM pq");
            assertThat(error.getSQLState()).isEqualTo("22012");
            assertThat(error.getMessage()).isEqualTo("division by zero");
            assertThat(error.getWhere()).isEqualTo("parallel worker");
            assertThat(rows(connection, "SELECT count(*) FROM pq WHERE val = 500")).containsExactly("20");
        }
        assertNoWorkerThreadLeft();
    }

    @Test
    void statementTimeoutAndCancelStopTheWorkers() throws Exception {
        // md5 of a long string per row keeps the workers busy for a while
        String slow = "SELECT count(*) FROM pq WHERE md5(repeat(note, 400)) < md5(repeat(note, 401))";
        try (Connection connection = server.connect()) {
            execute(connection, PARALLEL_SETTINGS);
            assertThat(String.join("\n", rows(connection, "EXPLAIN (COSTS OFF) " + slow))).contains("Gather");
            execute(connection, "SET statement_timeout = '50ms'");
            ServerErrorMessage timeout = WoollyServerExtension.errorOf(connection, slow);
            assertThat(timeout.getSQLState()).isEqualTo("57014");
            assertThat(timeout.getMessage()).isEqualTo("canceling statement due to statement timeout");
            execute(connection, "RESET statement_timeout");
            assertNoWorkerThreadLeft();

            try (Statement statement = connection.createStatement()) {
                CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                    try {
                        TimeUnit.MILLISECONDS.sleep(100);
                        statement.cancel();
                    } catch (Exception failure) {
                        throw new IllegalStateException(failure);
                    }
                });
                ServerErrorMessage canceled = null;
                try {
                    statement.executeQuery(slow);
                } catch (org.postgresql.util.PSQLException expected) {
                    canceled = expected.getServerErrorMessage();
                }
                cancel.get(10, TimeUnit.SECONDS);
                assertThat(canceled).isNotNull();
                assertThat(canceled.getSQLState()).isEqualTo("57014");
                assertThat(canceled.getMessage()).isEqualTo("canceling statement due to user request");
                assertThat(canceled.getWhere()).isNull();
            }
            assertThat(rows(connection, "SELECT count(*) FROM pq WHERE grp = 1")).containsExactly("2858");
        }
        assertNoWorkerThreadLeft();
    }

    @Test
    void aLimitAboveTheGatherStopsTheWorkers() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, PARALLEL_SETTINGS);
            String query = "SELECT id FROM pq WHERE val >= 0 LIMIT 3";
            assertThat(rows(connection, "EXPLAIN (COSTS OFF) " + query))
                    .containsExactly("Limit", "  ->  Gather", "        Workers Planned: 2",
                            "        ->  Parallel Seq Scan on pq", "              Filter: (val >= 0)");
            assertThat(rows(connection, query)).hasSize(3);
        }
        assertNoWorkerThreadLeft();
    }

    @Test
    void aPortalReadInPartsKeepsItsWorkersUntilItCloses() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, PARALLEL_SETTINGS);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(10); // Execute with a row limit: the portal is suspended between fetches
                int read = 0;
                try (java.sql.ResultSet result = statement.executeQuery("SELECT id FROM pq WHERE val >= 0")) {
                    while (read < 25 && result.next()) {
                        read++;
                    }
                }
                assertThat(read).isEqualTo(25);
                long total = 0;
                try (java.sql.ResultSet result = statement.executeQuery("SELECT id FROM pq WHERE val >= 0")) {
                    while (result.next()) {
                        total++;
                    }
                }
                assertThat(total).isEqualTo(20000);
            }
            connection.commit();
        }
        assertNoWorkerThreadLeft();
    }

    /** Workers are threads of this JVM (the server is embedded): each Gather waits for its own at its end. */
    private static void assertNoWorkerThreadLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workerThreads() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(workerThreads()).isZero();
    }

    private static long workerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("woolly: parallel worker for PID ")).count();
    }
}
