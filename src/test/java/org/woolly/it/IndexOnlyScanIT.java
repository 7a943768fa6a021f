package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Index-only scans as a client sees them: the plans (COSTS OFF) and Heap Fetches figures are
 * PostgreSQL 15's for the same statements on the same data after VACUUM, and the rows are the
 * same whether they come from the index or the heap.
 */
class IndexOnlyScanIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE ios (id int PRIMARY KEY, grp int, payload text)");
            execute(connection, "CREATE INDEX ios_grp_id ON ios (grp, id)");
            execute(connection, "INSERT INTO ios SELECT i, i % 10, repeat('x', 50) FROM generate_series(1, 5000) i");
            execute(connection, "VACUUM ANALYZE ios");
        }
    }

    private static List<String> plan(Connection connection, String sql) throws Exception {
        return rows(connection, "EXPLAIN (COSTS OFF) " + sql);
    }

    /** EXPLAIN ANALYZE's lines without the timings, which differ from run to run. */
    static List<String> analyzed(Connection connection, String sql) throws Exception {
        return rows(connection, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql).stream()
                .map(line -> line.replaceAll("actual time=[0-9.]+\\.\\.[0-9.]+ ", "actual ")).toList();
    }

    private static long heapFetches(List<String> plan) {
        return plan.stream().filter(line -> line.contains("Heap Fetches: ")).mapToLong(line -> Long.parseLong(
                line.substring(line.indexOf("Heap Fetches: ") + "Heap Fetches: ".length()))).sum();
    }

    @Test
    void aQueryReadingOnlyIndexedColumnsScansTheIndexAlone() throws Exception {
        try (Connection connection = server.connect()) {
            assertThat(firstValue(connection, "SELECT relallvisible = relpages FROM pg_class WHERE relname = 'ios'"))
                    .isEqualTo("t");
            assertThat(plan(connection, "SELECT id FROM ios WHERE id < 100")).containsExactly(
                    "Index Only Scan using ios_pkey on ios",
                    "  Index Cond: (id < 100)");
            assertThat(plan(connection, "SELECT grp, id FROM ios WHERE grp = 3 AND id < 50")).containsExactly(
                    "Index Only Scan using ios_grp_id on ios",
                    "  Index Cond: ((grp = 3) AND (id < 50))");
            assertThat(rows(connection, "SELECT grp, id FROM ios WHERE grp = 3 AND id < 50"))
                    .containsExactly("3|3", "3|13", "3|23", "3|33", "3|43");
            assertThat(plan(connection, "SELECT count(*) FROM ios WHERE grp = 3")).containsExactly(
                    "Aggregate",
                    "  ->  Index Only Scan using ios_grp_id on ios",
                    "        Index Cond: (grp = 3)");
            assertThat(firstValue(connection, "SELECT count(*) FROM ios WHERE grp = 3")).isEqualTo("500");
            // a column the index lacks needs the heap
            assertThat(plan(connection, "SELECT id, payload FROM ios WHERE id < 100")).containsExactly(
                    "Index Scan using ios_pkey on ios",
                    "  Index Cond: (id < 100)");
        }
    }

    @Test
    void minMaxAndOrderedLimitReadTheIndexAlone() throws Exception {
        try (Connection connection = server.connect()) {
            assertThat(plan(connection, "SELECT max(id) FROM ios")).containsExactly(
                    "Result",
                    "  InitPlan 1 (returns $0)",
                    "    ->  Limit",
                    "          ->  Index Only Scan Backward using ios_pkey on ios",
                    "                Index Cond: (id IS NOT NULL)");
            assertThat(firstValue(connection, "SELECT max(id) FROM ios")).isEqualTo("5000");
            assertThat(plan(connection, "SELECT id FROM ios ORDER BY id DESC LIMIT 3")).containsExactly(
                    "Limit",
                    "  ->  Index Only Scan Backward using ios_pkey on ios");
            assertThat(rows(connection, "SELECT id FROM ios ORDER BY id DESC LIMIT 3"))
                    .containsExactly("5000", "4999", "4998");
        }
    }

    @Test
    void pagesChangedSinceVacuumAreFetchedFromTheHeapUntilTheNextVacuum() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE hf (id int PRIMARY KEY, note text)");
            execute(connection, "INSERT INTO hf SELECT i, 'n' || i FROM generate_series(1, 2000) i");
            execute(connection, "VACUUM hf");
            String query = "SELECT id FROM hf WHERE id <= 100";
            List<String> clean = analyzed(connection, query);
            assertThat(clean).containsExactly(
                    "Index Only Scan using hf_pkey on hf (actual rows=100 loops=1)",
                    "  Index Cond: (id <= 100)",
                    "  Heap Fetches: 0");

            execute(connection, "UPDATE hf SET note = 'changed' WHERE id = 10");
            execute(connection, "DELETE FROM hf WHERE id = 20");
            execute(connection, "INSERT INTO hf VALUES (0, 'new')");
            List<String> dirty = analyzed(connection, query);
            assertThat(dirty.getFirst()).isEqualTo("Index Only Scan using hf_pkey on hf (actual rows=100 loops=1)");
            assertThat(heapFetches(dirty)).isPositive();
            // whichever way a row is read, the answer is the same: deleted rows gone, new ones there
            assertThat(firstValue(connection, "SELECT count(*) || ' ' || sum(id) FROM hf WHERE id <= 100"))
                    .isEqualTo("100 " + (5050 - 20));

            execute(connection, "VACUUM hf");
            assertThat(heapFetches(analyzed(connection, query))).isZero();
            assertThat(firstValue(connection, "SELECT count(*) || ' ' || sum(id) FROM hf WHERE id <= 100"))
                    .isEqualTo("100 " + (5050 - 20));
        }
    }

    @Test
    void anOpenTransactionSeesItsSnapshotThroughAnIndexOnlyScan() throws Exception {
        try (Connection reader = server.connect(); Connection writer = server.connect()) {
            execute(writer, "CREATE TABLE snap (id int PRIMARY KEY)");
            execute(writer, "INSERT INTO snap SELECT generate_series(1, 1000)");
            execute(writer, "VACUUM snap");
            reader.setAutoCommit(false);
            execute(reader, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            assertThat(firstValue(reader, "SELECT count(*) FROM snap WHERE id > 0")).isEqualTo("1000");
            execute(writer, "DELETE FROM snap WHERE id <= 500");
            execute(writer, "INSERT INTO snap SELECT generate_series(2001, 2100)");
            execute(writer, "VACUUM snap");
            execute(reader, "SET enable_seqscan = off");
            // the reader's snapshot kept VACUUM from marking pages all-visible: PostgreSQL 15 too prefers a bitmap scan
            execute(reader, "SET enable_bitmapscan = off");
            assertThat(plan(reader, "SELECT count(*) FROM snap WHERE id > 0").get(1))
                    .isEqualTo("  ->  Index Only Scan using snap_pkey on snap");
            assertThat(firstValue(reader, "SELECT count(*) FROM snap WHERE id > 0")).isEqualTo("1000");
            reader.commit();
            assertThat(firstValue(reader, "SELECT count(*) FROM snap WHERE id > 0")).isEqualTo("600");
        }
    }
}
