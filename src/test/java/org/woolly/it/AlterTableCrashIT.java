package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ALTER COLUMN TYPE rewrites a table into a new relfilenode (PostgreSQL's {@code ATRewriteTable}
 * with {@code finish_heap_swap}): the rows are WAL-logged heap inserts into a file created in
 * the transaction, and the catalog points at it only once the transaction commits. A server
 * (separate JVM) killed with SIGKILL during or after such a rewrite comes back with the table
 * either wholly as before or wholly rewritten, never half, and never pointing at a missing file.
 */
class AlterTableCrashIT {
    private static final int ROWS = 20_000;

    @RegisterExtension
    final KillableServer server = new KillableServer();

    @Test
    void aKillDuringOrAfterARewriteLeavesTheOldOrTheNewTableWhole() throws Exception {
        long seed = System.nanoTime();
        System.out.println("AlterTableCrashIT seed " + seed);
        Random random = new Random(seed);
        server.initAndStart();
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            for (String table : List.of("committed", "uncommitted", "racing")) {
                statement.execute("CREATE TABLE " + table + " (id int, label text)");
                for (int start = 1; start <= ROWS; start += 1000) {
                    statement.execute("INSERT INTO " + table + " VALUES "
                            + AlterTableIT.numbered(1000, "(%1$d, 'label %1$d')").replace("(", "(" + (start - 1) + " + "));
                }
            }
            statement.execute("ALTER TABLE committed ALTER COLUMN id TYPE bigint USING id * 2, "
                    + "ADD COLUMN extra int DEFAULT 7, DROP COLUMN label");
        }
        // left open: its transaction dies with the server
        Connection open = server.connect();
        open.setAutoCommit(false);
        try (Statement statement = open.createStatement()) {
            statement.execute("ALTER TABLE uncommitted ALTER COLUMN id TYPE numeric USING id + 0.5");
        }
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        Future<?> racing = background.submit(() -> {
            try (Connection connection = server.connect();
                 Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE racing ALTER COLUMN id TYPE bigint USING id * 3");
            }
            return null;
        });
        Thread.sleep(random.nextInt(400));
        server.kill();
        boolean racingCommitted = finishedWithoutError(racing);
        background.shutdownNow();

        server.restart();
        try (Connection connection = server.connect()) {
            assertThat(TestSessions.rows(connection, "SELECT count(*), sum(id), min(extra), max(extra) FROM committed"))
                    .containsExactly(ROWS + "|" + (long) ROWS * (ROWS + 1) + "|7|7");
            assertThat(TestSessions.rows(connection, "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                    + "WHERE c.relname = 'committed' AND a.attisdropped")).containsExactly("1");
            assertThat(TestSessions.rows(connection, "SELECT count(*), sum(id), min(label) FROM uncommitted"))
                    .containsExactly(ROWS + "|" + (long) ROWS * (ROWS + 1) / 2 + "|label 1");
            assertThat(TestSessions.rows(connection, "SELECT atttypid FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                    + "WHERE c.relname = 'uncommitted' AND a.attname = 'id'")).containsExactly("23");
            List<String> racingState = TestSessions.rows(connection, "SELECT count(*), sum(id), atttypid FROM racing, pg_attribute a "
                    + "JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'racing' AND a.attname = 'id' "
                    + "GROUP BY atttypid");
            long sum = (long) ROWS * (ROWS + 1) / 2;
            if (racingCommitted) {
                assertThat(racingState).containsExactly(ROWS + "|" + sum * 3 + "|20");
            } else {
                assertThat(racingState).containsAnyOf(ROWS + "|" + sum + "|23", ROWS + "|" + sum * 3 + "|20");
            }
        }
    }

    /** Whether the statement returned before the kill (its commit was acknowledged). */
    private static boolean finishedWithoutError(Future<?> statement) throws InterruptedException {
        try {
            statement.get();
            return true;
        } catch (java.util.concurrent.ExecutionException diedWithTheServer) {
            return false;
        }
    }
}
