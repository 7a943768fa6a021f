package org.woolly.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Sorts, hash aggregation and hash joins bounded by work_mem: with {@code work_mem = 64kB} a sort
 * of 100k rows goes through sorted runs on disk ({@code external merge}), a GROUP BY with many
 * groups spills to partitions and a hash join runs in batches, all with exactly the rows an
 * in-memory run gives; the temporary files
 * ({@code base/pgsql_tmp}) are gone after the query, after an error in its middle and after a
 * statement timeout; temp_file_limit stops a query with 53400; pg_stat_database counts the files.
 */
class WorkMemIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static final int ROWS = 100_000;

    /** The key of row {@code id}: a permutation-like scatter with repeats, so the sort has ties. */
    private static long key(long id) {
        return (id * 7919) % 20_011;
    }

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE big AS SELECT g AS id, (g::bigint * 7919) % 20011 AS k, "
                    + "repeat('x', g % 7) AS pad FROM generate_series(1, " + ROWS + ") g");
        }
    }

    private static Path temporaryDirectory() {
        return server.server().dataDirectory().resolve("base/pgsql_tmp");
    }

    /** What is left in base/pgsql_tmp (nothing, once no query runs). */
    private static List<String> leftoverFiles() throws Exception {
        Path directory = temporaryDirectory();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    @AfterEach
    void noTemporaryFileOutlivesItsQuery() throws Exception {
        assertThat(leftoverFiles()).isEmpty();
    }

    private static List<String> column(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static String explainLine(Statement statement, String sql, String prefix) throws SQLException {
        return column(statement, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql).stream()
                .map(String::strip).filter(line -> line.startsWith(prefix)).findFirst().orElse(null);
    }

    @Test
    void aSortBeyondWorkMemMergesRunsFromDiskAndReturnsEveryRowInOrder() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET work_mem = '64kB'");
            connection.setAutoCommit(false); // fetch in batches rather than holding 100k rows twice
            statement.setFetchSize(10_000);
            List<long[]> expected = new ArrayList<>();
            for (long id = 1; id <= ROWS; id++) {
                expected.add(new long[] {key(id), id});
            }
            expected.sort(Comparator.<long[]>comparingLong(row -> row[0]).thenComparingLong(row -> -row[1]));
            int index = 0;
            try (ResultSet rows = statement.executeQuery("SELECT k, id, pad FROM big ORDER BY k, id DESC")) {
                while (rows.next()) {
                    long[] want = expected.get(index++);
                    assertThat(rows.getLong(1)).isEqualTo(want[0]);
                    assertThat(rows.getLong(2)).isEqualTo(want[1]);
                    assertThat(rows.getString(3)).isEqualTo("x".repeat((int) (want[1] % 7)));
                }
            }
            assertThat(index).isEqualTo(ROWS);
            connection.commit();
            assertThat(explainLine(statement, "SELECT * FROM big ORDER BY k", "Sort Method"))
                    .matches("Sort Method: external merge  Disk: \\d+kB");
            assertThat(explainLine(statement, "SELECT * FROM big ORDER BY k, id LIMIT 5", "Sort Method"))
                    .matches("Sort Method: top-N heapsort  Memory: \\d+kB");
            statement.execute("RESET work_mem");
            assertThat(explainLine(statement, "SELECT * FROM big WHERE id < 100 ORDER BY k", "Sort Method"))
                    .matches("Sort Method: quicksort  Memory: \\d+kB");
            connection.commit();
        }
    }

    @Test
    void windowFunctionsAndDistinctOverASpilledSortSeeTheWholeOrder() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET work_mem = '64kB'");
            // every row's predecessor in (k, id) order: none sorts after it
            assertThat(column(statement, "SELECT count(*) FROM (SELECT k, id, lag(k) OVER (ORDER BY k, id) AS pk, "
                    + "lag(id) OVER (ORDER BY k, id) AS pid FROM big) s WHERE pk > k OR (pk = k AND pid > id)"))
                    .containsExactly("0");
            assertThat(column(statement, "SELECT count(*) FROM (SELECT DISTINCT k FROM big) s"))
                    .containsExactly(String.valueOf(java.util.stream.LongStream.rangeClosed(1, ROWS)
                            .map(WorkMemIT::key).distinct().count()));
            // a hashed DISTINCT (HashAggregate without aggregates) spills keys beyond hash_mem to partitions
            assertThat(column(statement, "SELECT count(*) FROM (SELECT DISTINCT k, id % 3 AS m FROM big) s"))
                    .containsExactly(String.valueOf(java.util.stream.LongStream.rangeClosed(1, ROWS)
                            .map(id -> key(id) * 3 + id % 3).distinct().count()));
        }
    }

    @Test
    void aHashAggregateBeyondHashMemSpillsPartitionsAndCountsEveryGroupOnce() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET work_mem = '64kB'");
            String grouped = "SELECT k, count(*), sum(id), max(pad) FROM big GROUP BY k";
            java.util.Map<Long, long[]> expected = new java.util.HashMap<>();
            for (long id = 1; id <= ROWS; id++) {
                long[] group = expected.computeIfAbsent(key(id), ignored -> new long[3]);
                group[0]++;
                group[1] += id;
                group[2] = Math.max(group[2], id % 7);
            }
            java.util.Map<Long, long[]> actual = new java.util.HashMap<>();
            try (ResultSet rows = statement.executeQuery(grouped)) {
                while (rows.next()) {
                    long[] previous = actual.put(rows.getLong(1),
                            new long[] {rows.getLong(2), rows.getLong(3), rows.getString(4).length()});
                    assertThat(previous).as("group %d came out twice", rows.getLong(1)).isNull();
                }
            }
            assertThat(actual).hasSameSizeAs(expected);
            expected.forEach((key, want) -> assertThat(actual.get(key)).as("group %d", key).containsExactly(want));
            String spilled = explainLine(statement, grouped, "Batches");
            assertThat(spilled).matches("Batches: \\d+  Memory Usage: \\d+kB  Disk Usage: \\d+kB");
            assertThat(Integer.parseInt(spilled.split(" ")[1])).isGreaterThan(1);
            // hash_mem_multiplier raises the bound: 64 MB of hash memory holds the groups
            statement.execute("SET hash_mem_multiplier = 1000");
            assertThat(explainLine(statement, grouped, "Batches")).matches("Batches: 1  Memory Usage: \\d+kB");
            statement.execute("RESET work_mem");
            statement.execute("RESET hash_mem_multiplier");
            assertThat(explainLine(statement, "SELECT k % 10, count(*) FROM big GROUP BY 1", "Batches"))
                    .matches("Batches: 1  Memory Usage: \\d+kB");
        }
    }

    @Test
    void aHashJoinBeyondHashMemJoinsBatchByBatchForEveryJoinType() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE odd AS SELECT g AS id, g % 1000 AS c FROM generate_series(1, " + ROWS
                    + ", 2) g UNION ALL SELECT NULL::int, 5");
            statement.execute("ANALYZE big");
            statement.execute("ANALYZE odd");
            statement.execute("SET work_mem = '64kB'");
            long odd = ROWS / 2;
            String join = "SELECT count(*), sum(big.id::bigint), sum(odd.c) FROM big JOIN odd ON big.id = odd.id";
            assertThat(explainLine(statement, join, "Buckets")).matches(
                    "Buckets: \\d+ \\(originally \\d+\\)  Batches: \\d+ \\(originally 1\\)  Memory Usage: \\d+kB");
            long sumOfC = java.util.stream.LongStream.iterate(1, id -> id <= ROWS, id -> id + 2).map(id -> id % 1000).sum();
            assertThat(column(statement, "SELECT concat_ws(',', count(*), sum(big.id::bigint), sum(odd.c)) "
                    + "FROM big JOIN odd ON big.id = odd.id")).containsExactly(odd + "," + odd * odd + "," + sumOfC);
            assertThat(column(statement, "SELECT concat_ws(',', count(*), count(odd.id)) "
                    + "FROM big LEFT JOIN odd ON big.id = odd.id")).containsExactly(ROWS + "," + odd);
            assertThat(column(statement, "SELECT concat_ws(',', count(*), count(big.id), count(odd.id), count(odd.c)) "
                    + "FROM big FULL JOIN odd ON big.id = odd.id"))
                    .containsExactly((ROWS + 1) + "," + ROWS + "," + odd + "," + (odd + 1));
            assertThat(column(statement, "SELECT count(*) FROM big WHERE NOT EXISTS "
                    + "(SELECT 1 FROM odd WHERE odd.id = big.id)")).containsExactly(String.valueOf(ROWS - odd));
            assertThat(column(statement, "SELECT count(*) FROM big WHERE EXISTS "
                    + "(SELECT 1 FROM odd WHERE odd.id = big.id)")).containsExactly(String.valueOf(odd));
            statement.execute("SET work_mem = '64MB'");
            assertThat(explainLine(statement, join, "Buckets")).matches("Buckets: \\d+  Batches: 1  Memory Usage: \\d+kB");
        }
    }

    @Test
    void anErrorOrATimeoutInTheMiddleOfASpillingSortLeavesNoFile() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET work_mem = '64kB'");
            // the division fails at row 80000, after many runs went to disk
            Throwable error = catchThrowable(() -> column(statement,
                    "SELECT id FROM big ORDER BY k, 1 / (id - 80000)"));
            assertThat(error).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("22012"));
            assertThat(leftoverFiles()).isEmpty();
            statement.execute("SET statement_timeout = '700ms'");
            // 50 million rows to sort: far beyond the timeout on any machine, spilling long before it
            Throwable timeout = catchThrowable(() -> column(statement,
                    "SELECT a.id FROM big a CROSS JOIN generate_series(1, 500) g ORDER BY a.k, a.pad, g"));
            assertThat(timeout).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            assertThat(leftoverFiles()).isEmpty();
            statement.execute("RESET statement_timeout");
            assertThat(column(statement, "SELECT 1")).containsExactly("1");
        }
    }

    @Test
    void tempFileLimitStopsAQueryAndTheStatisticsCountTheFiles() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_reset()");
            statement.execute("SET work_mem = '64kB'");
            statement.execute("SET temp_file_limit = '1MB'");
            Throwable error = catchThrowable(() -> column(statement, "SELECT id FROM big ORDER BY k"));
            assertThat(error).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("53400");
                assertThat(e.getServerErrorMessage().getMessage())
                        .isEqualTo("temporary file size exceeds temp_file_limit (1024kB)");
            });
            statement.execute("RESET temp_file_limit");
            assertThat(column(statement, "SELECT count(*) FROM (SELECT id FROM big ORDER BY k OFFSET 10) s"))
                    .containsExactly(String.valueOf(ROWS - 10));
            try (ResultSet stats = statement.executeQuery(
                    "SELECT temp_files, temp_bytes FROM pg_stat_database WHERE datname = current_database()")) {
                assertThat(stats.next()).isTrue();
                assertThat(stats.getLong(1)).isGreaterThanOrEqualTo(2);
                assertThat(stats.getLong(2)).isGreaterThan(1024 * 1024);
            }
        }
    }
}
