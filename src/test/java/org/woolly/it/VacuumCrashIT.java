package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A server (separate JVM) killed with SIGKILL while VACUUM prunes pages, removes index entries
 * and marks line pointers unused comes back with every row: PRUNE and VACUUM heap records and
 * the B-tree's VACUUM records are replayed (PostgreSQL's rule: a page change reaches disk only
 * after its WAL record), so after recovery the table, its indexes and a new VACUUM agree; and
 * one killed after VACUUM truncated a table comes back with the table as short as it was.
 */
class VacuumCrashIT {
    private static final int ROWS = 10_000;

    @RegisterExtension
    final KillableServer server = new KillableServer();

    @Test
    void aKillDuringVacuumLosesNoRowAndNoIndexEntry() throws Exception {
        long seed = System.nanoTime();
        System.out.println("VacuumCrashIT seed " + seed);
        Random random = new Random(seed);
        server.initAndStart();
        List<String> expected;
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id int PRIMARY KEY, k int, v int, pad text)");
            statement.execute("CREATE INDEX t_k ON t (k)");
            statement.execute("INSERT INTO t SELECT g, g, g % 100, repeat('a', 50) FROM generate_series(1, " + ROWS + ") g");
            statement.execute("UPDATE t SET k = k + " + ROWS + " WHERE id % 2 = 0");
            statement.execute("UPDATE t SET pad = repeat('b', 60) WHERE id % 3 = 0");
            statement.execute("DELETE FROM t WHERE id % 4 = 1");
            statement.execute("UPDATE t SET v = v + 1 WHERE id % 5 = 0");
            expected = TestSessions.rows(connection, "SELECT count(*), sum(v), sum(k), sum(id) FROM t");
        }
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        background.submit(() -> {
            try (Connection connection = server.connect();
                 Statement statement = connection.createStatement()) {
                while (true) {
                    statement.execute("VACUUM t");
                    statement.execute("UPDATE t SET k = k + 1 WHERE id % 7 = 0");
                    statement.execute("UPDATE t SET k = k - 1 WHERE id % 7 = 0");
                }
            }
        });
        Thread.sleep(200 + random.nextInt(1500));
        server.kill();
        background.shutdownNow();

        server.restart();
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            // k may be one off where the kill cut a k + 1 / k - 1 pair in half: count, v and id are compared
            List<String> bySeqScan = TestSessions.rows(connection, "SELECT count(*), sum(v), sum(id) FROM t");
            assertThat(bySeqScan).containsExactly(first(expected) + "|" + fourth(expected));
            statement.execute("SET enable_seqscan = off");
            assertThat(TestSessions.rows(connection, "SELECT count(*), sum(v), sum(id) FROM t WHERE id BETWEEN 1 AND "
                    + ROWS)).containsExactly(bySeqScan.getFirst());
            assertThat(TestSessions.rows(connection, "SELECT count(*), sum(v), sum(id) FROM t WHERE k >= 0"))
                    .containsExactly(bySeqScan.getFirst());
            statement.execute("VACUUM t");
            assertThat(TestSessions.rows(connection, "SELECT count(*), sum(v), sum(id) FROM t WHERE k >= 0"))
                    .containsExactly(bySeqScan.getFirst());
            statement.execute("RESET enable_seqscan");
            assertThat(TestSessions.rows(connection, "SELECT count(*), sum(v), sum(id) FROM t")).containsExactly(
                    bySeqScan.getFirst());
            // freed line pointers are reused, and the primary key still sees every live row
            statement.execute("INSERT INTO t SELECT g, g, 0, 'new' FROM generate_series(" + (ROWS + 1) + ", "
                    + (ROWS + 500) + ") g");
            assertThat(catchThrowable(() -> statement.execute("INSERT INTO t VALUES (2, 2, 0, 'dup')")))
                    .hasMessageContaining("duplicate key value violates unique constraint \"t_pkey\"");
            assertThat(TestSessions.rows(connection, "SELECT count(*) FROM t")).containsExactly(
                    String.valueOf(Long.parseLong(expected.getFirst().split("\\|")[0]) + 500));
        }
    }

    /**
     * VACUUM cuts the empty tail of a table; a kill right after it must neither bring the cut
     * pages back (recovery replays the DELETE and VACUUM records from the checkpoint, which
     * re-create the pages, then the SMGR TRUNCATE record, which cuts them again, as
     * PostgreSQL's smgr_redo does) nor any deleted row.
     */
    @Test
    void aKillAfterTruncationKeepsTheFileShortAndTheDeletedRowsGone() throws Exception {
        server.initAndStart();
        List<String> expected;
        List<String> size;
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tail (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = false)");
            statement.execute("INSERT INTO tail SELECT g, repeat('x', 60) FROM generate_series(1, " + ROWS + ") g");
            statement.execute("CHECKPOINT");
            List<String> full = TestSessions.rows(connection, "SELECT pg_relation_size('tail')");
            statement.execute("DELETE FROM tail WHERE id > " + ROWS / 10);
            statement.execute("VACUUM tail");
            size = TestSessions.rows(connection, "SELECT pg_relation_size('tail')");
            assertThat(Long.parseLong(size.getFirst())).isLessThan(Long.parseLong(full.getFirst()) / 5);
            expected = TestSessions.rows(connection, "SELECT count(*), sum(id), max(id) FROM tail");
            assertThat(expected).containsExactly(ROWS / 10 + "|" + (ROWS / 10) * (ROWS / 10 + 1) / 2 + "|" + ROWS / 10);
        }
        server.kill();

        server.restart();
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            assertThat(TestSessions.rows(connection, "SELECT pg_relation_size('tail')")).isEqualTo(size);
            assertThat(TestSessions.rows(connection, "SELECT count(*), sum(id), max(id) FROM tail")).isEqualTo(expected);
            statement.execute("SET enable_seqscan = off");
            assertThat(TestSessions.rows(connection, "SELECT count(*), sum(id), max(id) FROM tail WHERE id > 0"))
                    .isEqualTo(expected);
            statement.execute("RESET enable_seqscan");
            // the cut pages are gone for good: new rows go on new pages and the key sees only them
            statement.execute("INSERT INTO tail SELECT g, 'again' FROM generate_series(" + (ROWS / 10 + 1) + ", "
                    + ROWS + ") g");
            assertThat(TestSessions.rows(connection, "SELECT count(*), count(*) FILTER (WHERE pad = 'again') FROM tail"))
                    .containsExactly(ROWS + "|" + (ROWS - ROWS / 10));
        }
    }

    private static String first(List<String> row) {
        return row.getFirst().split("\\|")[0] + "|" + row.getFirst().split("\\|")[1];
    }

    private static String fourth(List<String> row) {
        return row.getFirst().split("\\|")[3];
    }

    /**
     * Frozen rows survive a kill: VACUUM (FREEZE)'s FREEZE_PAGE and VISIBLE records and COPY
     * FREEZE's MULTI_INSERT and VISIBLE records are replayed (WAL before data), so after
     * recovery every row is there, visible through FrozenTransactionId with no commit log
     * lookup, and relfrozenxid is what the VACUUM stored.
     */
    @Test
    void aKillAfterVacuumFreezeAndCopyFreezeKeepsEveryFrozenRow() throws Exception {
        server.initAndStart();
        List<String> expected;
        List<String> frozenXid;
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE frozen (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = false)");
            statement.execute("INSERT INTO frozen SELECT g, repeat('f', 40) FROM generate_series(1, " + ROWS + ") g");
            statement.execute("CHECKPOINT");
            statement.execute("VACUUM (FREEZE) frozen");
            frozenXid = TestSessions.rows(connection, "SELECT relfrozenxid FROM pg_class WHERE relname = 'frozen'");
            connection.setAutoCommit(false);
            statement.execute("CREATE TABLE copied (id int, pad text)");
            StringBuilder data = new StringBuilder();
            for (int i = 1; i <= ROWS; i++) {
                data.append(i).append('\t').append("copied ").append(i).append('\n');
            }
            connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(
                    "COPY copied FROM STDIN (FREEZE)", new java.io.StringReader(data.toString()));
            connection.commit();
            connection.setAutoCommit(true);
            expected = TestSessions.rows(connection, "SELECT (SELECT count(*) || '/' || sum(id) FROM frozen), "
                    + "(SELECT count(*) || '/' || sum(id) FROM copied)");
        }
        server.kill();

        server.restart();
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            assertThat(TestSessions.rows(connection, "SELECT (SELECT count(*) || '/' || sum(id) FROM frozen), "
                    + "(SELECT count(*) || '/' || sum(id) FROM copied)")).isEqualTo(expected);
            assertThat(TestSessions.rows(connection, "SELECT relfrozenxid FROM pg_class WHERE relname = 'frozen'"))
                    .isEqualTo(frozenXid);
            // the pages COPY FREEZE filled came back all-visible: VACUUM skips them and counts them all-visible
            statement.execute("VACUUM copied");
            assertThat(TestSessions.rows(connection,
                    "SELECT relallvisible >= relpages - 1 FROM pg_class WHERE relname = 'copied'"))
                    .containsExactly("t");
            statement.execute("SET enable_seqscan = off");
            assertThat(TestSessions.rows(connection, "SELECT count(*) FROM frozen WHERE id > 0"))
                    .containsExactly(String.valueOf(ROWS));
        }
    }
}
