package org.woolly.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * VACUUM, page pruning and HOT updates as a client sees them: a row updated many times stays
 * on a page or two, VACUUM's errors and messages are PostgreSQL 15's, and readers running
 * while VACUUM and updates go on never lose or repeat a row.
 */
class VacuumIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        return PlannerTestData.rows(statement, sql, "");
    }

    private static void assertError(Statement statement, String sql, String state, String message) {
        PSQLException error = catchThrowableOfType(PSQLException.class, () -> statement.execute(sql));
        assertThat(error.getSQLState()).as(sql).isEqualTo(state);
        assertThat(error.getServerErrorMessage().getMessage()).as(sql).isEqualTo(message);
    }

    @Test
    void aRowUpdatedTwentyThousandTimesStaysOnAPageAndItsIndexDoesNotGrow() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE counter (id int PRIMARY KEY, n int, note text)");
            statement.execute("INSERT INTO counter VALUES (1, 0, 'x'), (2, 0, 'y')");
            statement.execute("SET synchronous_commit = off");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE counter SET n = n + 1 WHERE id = ?")) {
                for (int i = 0; i < 20_000; i++) {
                    update.setInt(1, 1 + i % 2);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
            }
            statement.execute("VACUUM counter");
            assertThat(rows(statement, "SELECT id, n FROM counter ORDER BY id")).containsExactly("1|10000", "2|10000");
            assertThat(rows(statement, "SELECT relpages, reltuples FROM pg_class WHERE relname = 'counter'"))
                    .containsExactly("1|2");
            statement.execute("SET enable_seqscan = off");
            assertThat(rows(statement, "SELECT n FROM counter WHERE id = 2")).containsExactly("10000");
            // HOT updates added no index entries: the index is still its metapage and one leaf
            statement.execute("VACUUM ANALYZE counter");
            assertThat(rows(statement, "SELECT relpages FROM pg_class WHERE relname = 'counter'")).containsExactly("1");
        }
    }

    @Test
    void updatesOfIndexedColumnsAreReclaimedByVacuumFromTableAndIndex() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE moved (id int PRIMARY KEY, k int, pad text)");
            statement.execute("CREATE INDEX moved_k ON moved (k)");
            statement.execute("INSERT INTO moved SELECT g, g, repeat('p', 200) FROM generate_series(1, 500) g");
            for (int round = 0; round < 10; round++) {
                statement.execute("UPDATE moved SET k = k + 1000");
                statement.execute("VACUUM moved");
            }
            statement.execute("DELETE FROM moved WHERE id > 400");
            statement.execute("VACUUM moved");
            assertThat(rows(statement, "SELECT count(*), sum(k) FROM moved")).containsExactly("400|4080200");
            statement.execute("SET enable_seqscan = off");
            assertThat(rows(statement, "SELECT count(*) FROM moved WHERE k > 10000")).containsExactly("400");
            assertThat(rows(statement, "SELECT id FROM moved WHERE k = 10007")).containsExactly("7");
            assertThat(rows(statement, "SELECT count(*) FROM moved WHERE id BETWEEN 1 AND 1000")).containsExactly("400");
            // 500 rows of ~250 bytes fill 17 pages; ten rounds of updates reuse the space VACUUM freed
            List<String> pages = rows(statement, "SELECT relpages FROM pg_class WHERE relname = 'moved'");
            assertThat(Integer.parseInt(pages.getFirst())).isLessThanOrEqualTo(40);
            // inserts reuse the freed room too
            statement.execute("INSERT INTO moved SELECT g, g, 'new' FROM generate_series(401, 500) g");
            statement.execute("VACUUM moved");
            assertThat(rows(statement, "SELECT relpages FROM pg_class WHERE relname = 'moved'")).isEqualTo(pages);
        }
    }

    @Test
    void vacuumErrorsAndMessagesAreThoseOfPostgres() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE vt (a int PRIMARY KEY, b text)");
            // 50 rows and their new versions fit on one page, so every update is HOT (as in PostgreSQL)
            statement.execute("INSERT INTO vt SELECT g, 'x' FROM generate_series(1, 50) g");
            statement.execute("CREATE SEQUENCE vt_seq");
            assertError(statement, "VACUUM (foo) vt", "42601", "unrecognized VACUUM option \"foo\"");
            assertError(statement, "VACUUM (FULL, PARALLEL 2) vt", "0A000", "VACUUM FULL cannot be performed in parallel");
            assertError(statement, "VACUUM vt (a)", "0A000", "ANALYZE option must be specified when a column list is provided");
            assertError(statement, "VACUUM nosuch", "42P01", "relation \"nosuch\" does not exist");
            statement.execute("VACUUM vt_seq");
            SQLWarning warning = statement.getWarnings();
            assertThat(warning.getMessage()).contains("skipping \"vt_seq\" --- cannot vacuum non-tables or special system tables");
            statement.clearWarnings();
            statement.execute("UPDATE vt SET b = 'y'");
            statement.execute("VACUUM (VERBOSE) vt");
            List<String> messages = new ArrayList<>();
            for (SQLWarning info = statement.getWarnings(); info != null; info = info.getNextWarning()) {
                messages.add(info.getMessage());
            }
            assertThat(messages.getFirst()).isEqualTo("vacuuming \"public.vt\"");
            assertThat(messages.get(1)).startsWith("finished vacuuming \"public.vt\": index scans: 0\n"
                    + "pages: 0 removed, 1 remain, 1 scanned (100.00% of total)\n"
                    + "tuples: 50 removed, 50 remain, 0 are dead but not yet removable");
            statement.execute("VACUUM FREEZE VERBOSE ANALYZE vt (a)");
            statement.execute("VACUUM FULL vt");
            statement.execute("VACUUM (ANALYZE, SKIP_LOCKED, INDEX_CLEANUP off, TRUNCATE false, PARALLEL 0) vt, vt (b)");
            statement.execute("VACUUM");
            assertThat(rows(statement, "SELECT count(*), min(b) FROM vt")).containsExactly("50|y");
            assertThat(rows(statement, "SELECT reltuples FROM pg_class WHERE relname = 'vt'")).containsExactly("50");
            connection.setAutoCommit(false);
            statement.execute("SELECT 1");
            assertError(statement, "VACUUM vt", "25001", "VACUUM cannot run inside a transaction block");
            connection.rollback();
        }
    }

    @Test
    void readersNeverLoseOrRepeatARowWhileVacuumAndUpdatesRun() throws Exception {
        int rowsInTable = 2_000;
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE busy (id int PRIMARY KEY, grp int, v int, pad text)");
            statement.execute("CREATE INDEX busy_grp ON busy (grp)");
            statement.execute("INSERT INTO busy SELECT g, g % 10, g, repeat('z', 100) FROM generate_series(1, "
                    + rowsInTable + ") g");
        }
        long expectedSum = (long) rowsInTable * (rowsInTable + 1) / 2;
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Integer>> work = new ArrayList<>();
        // writers: HOT updates (pad) and non-HOT updates (grp, indexed), sums unchanged
        for (int writer = 0; writer < 2; writer++) {
            int seed = writer;
            work.add(threads.submit(() -> {
                Random random = new Random(seed);
                int done = 0;
                try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                    while (!stop.get()) {
                        int id = 1 + random.nextInt(rowsInTable);
                        statement.execute(random.nextBoolean()
                                ? "UPDATE busy SET pad = repeat('w', " + random.nextInt(150) + ") WHERE id = " + id
                                : "UPDATE busy SET grp = grp + 10 WHERE id = " + id);
                        done++;
                    }
                }
                return done;
            }));
        }
        work.add(threads.submit(() -> {
            int done = 0;
            try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                while (!stop.get()) {
                    statement.execute("VACUUM busy");
                    done++;
                }
            }
            return done;
        }));
        List<String> problems = new ArrayList<>();
        for (int reader = 0; reader < 2; reader++) {
            boolean byIndex = reader == 1;
            work.add(threads.submit(() -> {
                int done = 0;
                try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                    if (byIndex) {
                        statement.execute("SET enable_seqscan = off");
                    }
                    while (!stop.get()) {
                        String query = byIndex ? "SELECT count(*), sum(v), count(DISTINCT id) FROM busy WHERE id BETWEEN 1 AND "
                                + rowsInTable : "SELECT count(*), sum(v), count(DISTINCT id) FROM busy";
                        try (ResultSet result = statement.executeQuery(query)) {
                            result.next();
                            String seen = result.getLong(1) + "|" + result.getLong(2) + "|" + result.getLong(3);
                            if (!seen.equals(rowsInTable + "|" + expectedSum + "|" + rowsInTable)) {
                                synchronized (problems) {
                                    problems.add(query + " saw " + seen);
                                }
                            }
                        }
                        done++;
                    }
                }
                return done;
            }));
        }
        Thread.sleep(8_000);
        stop.set(true);
        for (Future<Integer> future : work) {
            assertThat(future.get()).isPositive();
        }
        threads.shutdown();
        assertThat(problems).isEmpty();
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM busy");
            statement.execute("SET enable_seqscan = off");
            assertThat(rows(statement, "SELECT count(*), sum(v) FROM busy WHERE grp >= 0"))
                    .containsExactly(rowsInTable + "|" + expectedSum);
            for (int grp = 0; grp < 10; grp++) {
                assertThat(rows(statement, "SELECT count(*) FROM busy WHERE grp % 10 = " + grp + " AND grp >= 0"))
                        .containsExactly(String.valueOf(rowsInTable / 10));
            }
        }
    }
}
