package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The visibility map after a crash (visibilitymap.c's rules: a set bit is WAL-logged and its
 * map page carries the record's LSN; every heap record's redo clears the bits of its pages):
 * a server killed with SIGKILL while rows change and VACUUM sets bits gives, after recovery, the
 * same answers through an index-only scan as through the heap; and a torn map page reads as
 * all clear instead of failing or lying.
 */
class VisibilityMapCrashIT {
    private static final int ROWS = 20_000;
    private static final String BY_HEAP = "SELECT count(*), sum(id) FROM vm";
    private static final String BY_INDEX = "SELECT count(*), sum(id) FROM vm WHERE id > -1000000";

    @RegisterExtension
    final KillableServer server = new KillableServer();

    private void createVacuumedTable() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE vm (id int PRIMARY KEY, v int) WITH (autovacuum_enabled = false)");
            execute(connection, "INSERT INTO vm SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
            execute(connection, "VACUUM vm");
            assertThat(firstValue(connection, "SELECT relallvisible > 0 FROM pg_class WHERE relname = 'vm'"))
                    .isEqualTo("t");
        }
    }

    /** The answer through the heap and through an index-only scan agree (and the plan is the index-only one). */
    private List<String> assertHeapAndIndexAgree(Connection connection) throws Exception {
        List<String> byHeap = rows(connection, BY_HEAP);
        execute(connection, "SET enable_seqscan = off");
        assertThat(rows(connection, "EXPLAIN (COSTS OFF) " + BY_INDEX).get(1))
                .isEqualTo("  ->  Index Only Scan using vm_pkey on vm");
        assertThat(rows(connection, BY_INDEX)).isEqualTo(byHeap);
        execute(connection, "RESET enable_seqscan");
        return byHeap;
    }

    @Test
    void aKillWhileRowsChangeAndVacuumSetsBitsLeavesNoBitBesideAnInvisibleRow() throws Exception {
        long seed = System.nanoTime();
        System.out.println("VisibilityMapCrashIT seed " + seed);
        Random random = new Random(seed);
        server.initAndStart();
        createVacuumedTable();
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        for (int worker = 0; worker < 2; worker++) {
            int offset = worker;
            background.submit(() -> {
                try (Connection connection = server.connect()) {
                    for (int round = 0; ; round++) {
                        int id = 1 + (round * 7919 + offset * 13) % ROWS;
                        execute(connection, "DELETE FROM vm WHERE id = " + id);
                        execute(connection, "INSERT INTO vm VALUES (" + (ROWS + round * 2 + offset + 1) + ", 1)");
                        execute(connection, "UPDATE vm SET v = v + 1 WHERE id = " + (1 + (id * 31) % ROWS));
                        if (round % 20 == offset) {
                            execute(connection, "VACUUM vm");
                        }
                    }
                }
            });
        }
        Thread.sleep(500 + random.nextInt(2000));
        server.kill();
        background.shutdownNow();

        server.restart();
        try (Connection connection = server.connect()) {
            List<String> before = assertHeapAndIndexAgree(connection);
            execute(connection, "VACUUM vm");
            assertThat(assertHeapAndIndexAgree(connection)).isEqualTo(before);
            // after recovery, changes clear bits again
            execute(connection, "DELETE FROM vm WHERE id % 100 = 0");
            assertHeapAndIndexAgree(connection);
            execute(connection, "VACUUM vm");
            assertHeapAndIndexAgree(connection);
        }
    }

    @Test
    void aTornVisibilityMapPageReadsAsAllClear() throws Exception {
        server.initAndStart();
        createVacuumedTable();
        Path mapFile;
        List<String> expected;
        try (Connection connection = server.connect()) {
            execute(connection, "CHECKPOINT");
            String database = firstValue(connection, "SELECT oid FROM pg_database WHERE datname = 'postgres'");
            String relfilenode = firstValue(connection, "SELECT relfilenode FROM pg_class WHERE relname = 'vm'");
            mapFile = server.data().resolve("base").resolve(database).resolve(relfilenode + "_vm");
            expected = rows(connection, BY_HEAP);
        }
        server.kill();
        // a write cut in the middle: the first half new, the second half garbage
        byte[] page = Files.readAllBytes(mapFile);
        Arrays.fill(page, 4096, 8192, (byte) 0x7F);
        Files.write(mapFile, page);

        server.restart();
        try (Connection connection = server.connect()) {
            assertThat(assertHeapAndIndexAgree(connection)).isEqualTo(expected);
            assertThat(IndexOnlyScanIT.analyzed(connection, "SELECT id FROM vm WHERE id < 100"))
                    .contains("  Heap Fetches: 99");
            execute(connection, "VACUUM vm");
            assertThat(IndexOnlyScanIT.analyzed(connection, "SELECT id FROM vm WHERE id < 100"))
                    .contains("  Heap Fetches: 0");
            assertThat(assertHeapAndIndexAgree(connection)).isEqualTo(expected);
        }
    }
}
