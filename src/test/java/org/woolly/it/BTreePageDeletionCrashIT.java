package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.woolly.access.nbtree.BTreeAccess;
import org.woolly.access.nbtree.BTreeChecker;
import org.woolly.access.nbtree.IndexShape;
import org.woolly.access.transam.DefaultStorageServices;
import org.woolly.access.transam.StorageOptions;
import org.woolly.server.StorageWiring;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.adt.TypeOids;

/**
 * A server (separate JVM) killed with SIGKILL while VACUUM deletes the empty leaves of an
 * index (nbtree README "Page deletion": half-dead, then unlinked, each step one WAL record)
 * comes back with an index that finds every remaining key, takes the deleted keys back, and
 * passes the amcheck-style walk of {@link BTreeChecker} (sibling links both ways, downlinks,
 * key order, every entry reachable from the root, no leaked page).
 */
class BTreePageDeletionCrashIT {
    private static final int ROWS = 30_000;
    private static final String DELETED = "id <= 25000 AND id % 500 <> 0";

    @RegisterExtension
    final KillableServer server = new KillableServer();

    @Test
    void aKillDuringPageDeletionLeavesAnIndexThatAnswersCorrectly() throws Exception {
        long seed = System.nanoTime();
        System.out.println("BTreePageDeletionCrashIT seed " + seed);
        Random random = new Random(seed);
        server.initAndStart();
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = off)");
            statement.execute("INSERT INTO t SELECT g, repeat('x', 20) FROM generate_series(1, " + ROWS + ") g");
            statement.execute("DELETE FROM t WHERE " + DELETED);
        }
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        Future<?> vacuum = background.submit(() -> {
            try (Connection connection = server.connect();
                 Statement statement = connection.createStatement()) {
                statement.execute("VACUUM t");
            }
            return null;
        });
        Thread.sleep(random.nextInt(800));
        server.kill();
        try {
            vacuum.get();
        } catch (Exception expected) {
            // the connection died with the server, or the VACUUM had finished
        }
        background.shutdownNow();

        server.restart();
        int remaining = ROWS - 24_950;
        String indexPath;
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            assertThat(rows(connection, "EXPLAIN (COSTS OFF) SELECT count(*) FROM t WHERE id BETWEEN 1 AND " + ROWS))
                    .anyMatch(line -> line.contains("Index"));
            assertThat(rows(connection, "SELECT count(*), sum(id) FROM t WHERE id BETWEEN 1 AND " + ROWS))
                    .containsExactly(remaining + "|" + (637_500L + (25_001L + ROWS) * 5_000 / 2));
            assertThat(rows(connection, "SELECT id FROM t WHERE id IN (500, 501, 15000, 15001, 25001) ORDER BY id"))
                    .containsExactly("500", "15000", "25001");
            assertThat(rows(connection, "SELECT id FROM t WHERE id > 24000 ORDER BY id DESC LIMIT 3"))
                    .containsExactly("30000", "29999", "29998");
            statement.execute("VACUUM t");
            statement.execute("INSERT INTO t SELECT g, 'again' FROM generate_series(1, " + ROWS + ") g WHERE "
                    + DELETED.replace("id", "g"));
            assertThat(rows(connection, "SELECT count(*), count(DISTINCT id) FROM t WHERE id BETWEEN 1 AND " + ROWS))
                    .containsExactly(ROWS + "|" + ROWS);
            assertThat(WoollyServerExtension.errorOf(connection, "INSERT INTO t VALUES (777, 'dup')").getSQLState())
                    .isEqualTo("23505");
            indexPath = rows(connection, "SELECT d.oid, c.relfilenode FROM pg_database d, pg_class c "
                    + "WHERE d.datname = current_database() AND c.relname = 't_pkey'").getFirst();
        }
        server.kill();

        // recovery again, in this JVM, to walk the index's pages
        String[] parts = indexPath.split("\\|");
        RelFileLocator locator = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, Integer.parseInt(parts[0]),
                Integer.parseInt(parts[1]));
        IndexShape shape = new IndexShape(locator, "t_pkey", List.of(TypeOids.INT4), 1, List.of(false), List.of(false),
                true, false);
        try (DefaultStorageServices storage = StorageWiring.open(server.dataDirectory(),
                StorageOptions.defaults().withFsync(false))) {
            BTreeChecker.Report report = BTreeChecker.check(BTreeAccess.of(storage), shape);
            assertThat(report.entries()).isEqualTo(ROWS);
            assertThat(report.halfDeadPages()).isZero();
        }
    }
}
