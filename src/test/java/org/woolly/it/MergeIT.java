package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MERGE as PostgreSQL 15 runs it: the psql script (analysis errors and their positions, every
 * action, triggers, constraints, identity columns, foreign keys, privileges; expected output from
 * PostgreSQL 15), pgjdbc's update count, EXPLAIN ANALYZE's {@code Tuples:} line, and READ
 * COMMITTED's re-check of a target row a concurrent transaction changed (the WHEN clauses again
 * from the first, MATCHED turning NOT MATCHED) against REPEATABLE READ's 40001.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MergeIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "merge/merge");
    }

    @Test
    void pgjdbcGetsTheCountOfRowsInsertedUpdatedAndDeleted() throws Exception {
        Connection connection = sessions.connect();
        TestSessions.execute(connection, "CREATE TABLE jm (id int PRIMARY KEY, v text)");
        TestSessions.execute(connection, "INSERT INTO jm VALUES (1, 'a'), (2, 'b')");
        String merge = "MERGE INTO jm USING (SELECT ?::int AS id, ?::text AS v) s ON jm.id = s.id "
                + "WHEN MATCHED AND s.v IS NULL THEN DELETE WHEN MATCHED THEN UPDATE SET v = s.v "
                + "WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)";
        try (PreparedStatement statement = connection.prepareStatement(merge)) {
            int[][] cases = {{1, 1}, {3, 1}, {2, 1}};
            String[] values = {"x", "c", null};
            for (int i = 0; i < cases.length; i++) {
                statement.setInt(1, cases[i][0]);
                statement.setString(2, values[i]);
                assertThat(statement.executeUpdate()).isEqualTo(cases[i][1]);
            }
        }
        try (var statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("MERGE INTO jm USING generate_series(1, 5) g ON jm.id = g "
                    + "WHEN MATCHED THEN UPDATE SET v = v || '!' WHEN NOT MATCHED THEN DO NOTHING")).isEqualTo(2);
        }
        assertThat(TestSessions.rows(connection, "SELECT * FROM jm ORDER BY id")).containsExactly("1|x!", "3|c!");
    }

    @Test
    void explainAnalyzeCountsEachActionAndTheSkippedRows() throws Exception {
        Connection connection = sessions.connect();
        TestSessions.execute(connection, "CREATE TABLE em (id int, v int)");
        TestSessions.execute(connection, "INSERT INTO em VALUES (1, 1), (2, 2), (3, 3)");
        List<String> plan = TestSessions.rows(connection, "EXPLAIN (ANALYZE, COSTS OFF) MERGE INTO em t "
                + "USING generate_series(1, 5) g ON t.id = g WHEN MATCHED AND g = 1 THEN DELETE "
                + "WHEN MATCHED AND g = 2 THEN UPDATE SET v = 0 WHEN NOT MATCHED AND g = 4 THEN INSERT VALUES (g, g)");
        assertThat(plan.getFirst()).startsWith("Merge on em t ");
        assertThat(plan.get(1)).isEqualTo("  Tuples: inserted=1 updated=1 deleted=1 skipped=2");
        assertThat(plan.get(2)).contains("Right Join");
        assertThat(TestSessions.rows(connection, "EXPLAIN (COSTS OFF) MERGE INTO em USING generate_series(1, 5) g "
                + "ON em.id = g WHEN MATCHED THEN DELETE").getFirst()).isEqualTo("Merge on em");
    }

    private Connection inTransaction(int isolation) throws SQLException {
        Connection connection = sessions.connect();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(isolation);
        return connection;
    }

    /** Waits until some backend waits for a lock (the MERGE in the background met the row). */
    private static void awaitLockWait(Connection observer) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (!"0".equals(TestSessions.firstValue(observer,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"))) {
                return;
            }
            Thread.sleep(25);
        }
    }

    private Future<Integer> mergeInBackground(Connection connection, String sql) {
        return sessions.inBackground(() -> {
            try (var statement = connection.createStatement()) {
                return statement.executeUpdate(sql);
            }
        });
    }

    @Test
    void readCommittedEvaluatesTheWhenClausesAgainOnTheNewVersion() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rc_m (id int PRIMARY KEY, v int)");
        TestSessions.execute(setup, "INSERT INTO rc_m VALUES (1, 10)");
        Connection writer = inTransaction(Connection.TRANSACTION_READ_COMMITTED);
        TestSessions.execute(writer, "UPDATE rc_m SET v = 20 WHERE id = 1");
        Connection merger = sessions.connect();
        // on the version the MERGE first saw (v = 10) only the second clause applies; on the committed one the first
        Future<Integer> merge = mergeInBackground(merger, "MERGE INTO rc_m t USING (VALUES (1)) s(id) ON t.id = s.id "
                + "WHEN MATCHED AND t.v = 20 THEN UPDATE SET v = t.v + 1 WHEN MATCHED THEN UPDATE SET v = -1");
        awaitLockWait(setup);
        assertThat(merge.isDone()).isFalse();
        writer.commit();
        assertThat(merge.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(TestSessions.rows(setup, "SELECT * FROM rc_m")).containsExactly("1|21");
    }

    @Test
    void readCommittedTurnsARowThatNoLongerMatchesIntoANotMatchedOne() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE nm_m (id int PRIMARY KEY, v int)");
        TestSessions.execute(setup, "INSERT INTO nm_m VALUES (1, 10), (2, 20)");
        Connection writer = inTransaction(Connection.TRANSACTION_READ_COMMITTED);
        TestSessions.execute(writer, "UPDATE nm_m SET id = 11 WHERE id = 1");
        TestSessions.execute(writer, "DELETE FROM nm_m WHERE id = 2");
        Connection merger = sessions.connect();
        Future<Integer> merge = mergeInBackground(merger, "MERGE INTO nm_m t USING (VALUES (1), (2)) s(id) "
                + "ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 0 WHEN NOT MATCHED THEN INSERT VALUES (s.id, 99)");
        awaitLockWait(setup);
        writer.commit();
        assertThat(merge.get(20, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(TestSessions.rows(setup, "SELECT * FROM nm_m ORDER BY id")).containsExactly("1|99", "2|99",
                "11|10");
    }

    @Test
    void repeatableReadFailsOnAConcurrentUpdateOrDelete() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rr_m (id int PRIMARY KEY, v int)");
        TestSessions.execute(setup, "INSERT INTO rr_m VALUES (1, 10), (2, 20)");
        String[][] cases = {{"UPDATE rr_m SET v = v + 1 WHERE id = 1", "update"}, {"DELETE FROM rr_m WHERE id = 2",
                "delete"}};
        for (String[] change : cases) {
            Connection merger = inTransaction(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(TestSessions.rows(merger, "SELECT count(*) FROM rr_m")).hasSize(1);
            TestSessions.execute(setup, change[0]);
            SQLException error = catchThrowableOfType(SQLException.class, () -> TestSessions.execute(merger,
                    "MERGE INTO rr_m t USING (VALUES (1), (2)) s(id) ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 0"));
            assertThat(error.getSQLState()).isEqualTo("40001");
            assertThat(error.getMessage()).contains("could not serialize access due to concurrent " + change[1]);
            merger.rollback();
        }
    }
}
