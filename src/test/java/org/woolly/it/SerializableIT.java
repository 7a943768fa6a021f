package org.woolly.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

/**
 * SERIALIZABLE as PostgreSQL 15's serializable snapshot isolation gives it: isolation specs
 * (write skew, the read-only anomaly, inserts into one index range) whose transcripts must match
 * the reference server's, step by step and error by error. Run with
 * {@code -Disolation.reference=jdbc:postgresql://host:port/postgres?user=postgres} to rewrite
 * the expected transcripts from a PostgreSQL 15 server.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SerializableIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static final String FAILURE = "could not serialize access due to read/write dependencies among transactions";
    private static final String SIREAD_LOCKS = "SELECT locktype, relation::regclass, page, tuple FROM pg_locks"
            + " WHERE mode = 'SIReadLock' AND pid = %s ORDER BY 1, 2, 3, 4";

    private static List<String> sireadLocks(Connection connection, Connection holder) throws SQLException {
        return rows(connection, SIREAD_LOCKS.formatted(firstValue(holder, "SELECT pg_backend_pid()")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"doctors-on-call", "read-only-anomaly", "insert-insert-range"})
    void specTranscriptMatchesPostgres(String name) throws Exception {
        String reference = System.getProperty("isolation.reference");
        String expected = IsolationSpec.expected(name, reference == null ? null : connector(reference, null));
        String spec = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/isolation", name + ".spec"));
        String actual = IsolationSpec.parse(spec).run(connector(server.jdbcUrl("postgres"), server.superuser()));
        assertThat(actual).isEqualTo(expected);
    }

    private static Supplier<Connection> connector(String url, String user) {
        return () -> {
            try {
                return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, "");
            } catch (SQLException error) {
                throw new IllegalStateException(error);
            }
        };
    }

    @Test
    void writeSkewFailsAtTheSecondCommitWithPostgresDetailAndHint() throws Exception {
        Connection alice = sessions.connect();
        Connection bob = sessions.connect();
        execute(alice, "CREATE TABLE skew (name text PRIMARY KEY, on_call boolean)");
        execute(alice, "INSERT INTO skew VALUES ('alice', true), ('bob', true)");
        for (Connection doctor : List.of(alice, bob)) {
            execute(doctor, "BEGIN ISOLATION LEVEL SERIALIZABLE");
            assertThat(firstValue(doctor, "SELECT count(*) FROM skew WHERE on_call")).isEqualTo("2");
        }
        execute(alice, "UPDATE skew SET on_call = false WHERE name = 'alice'");
        execute(bob, "UPDATE skew SET on_call = false WHERE name = 'bob'");
        execute(alice, "COMMIT");
        var error = WoollyServerExtension.errorOf(bob, "COMMIT");
        WoollyServerExtension.assertError(error, "40001", FAILURE,
                "Reason code: Canceled on identification as a pivot, during commit attempt.");
        assertThat(error.getHint()).isEqualTo("The transaction might succeed if retried.");
        assertThat(rows(bob, "SELECT name, on_call FROM skew ORDER BY name")).containsExactly("alice|f", "bob|t");
    }

    /** Reads planned as bitmap heap scans take SIREAD locks too: the same write skew is caught. */
    @Test
    void writeSkewThroughBitmapScansIsCaught() throws Exception {
        Connection alice = sessions.connect();
        Connection bob = sessions.connect();
        execute(alice, "CREATE TABLE skew_bitmap (name text PRIMARY KEY, ward int, on_call boolean)");
        execute(alice, "CREATE INDEX skew_bitmap_ward ON skew_bitmap (ward)");
        execute(alice, "INSERT INTO skew_bitmap VALUES ('alice', 1, true), ('bob', 2, true), ('carol', 3, true)");
        for (Connection doctor : List.of(alice, bob)) {
            execute(doctor, "SET enable_seqscan = off");
            execute(doctor, "SET enable_indexscan = off");
            execute(doctor, "BEGIN ISOLATION LEVEL SERIALIZABLE");
            String query = "SELECT count(*) FROM skew_bitmap WHERE (ward = 1 OR ward = 2) AND on_call";
            assertThat(rows(doctor, "EXPLAIN (COSTS OFF) " + query)).anyMatch(line -> line.contains("Bitmap Heap Scan"));
            assertThat(firstValue(doctor, query)).isEqualTo("2");
        }
        execute(alice, "UPDATE skew_bitmap SET on_call = false WHERE name = 'alice'");
        execute(bob, "UPDATE skew_bitmap SET on_call = false WHERE name = 'bob'");
        execute(alice, "COMMIT");
        WoollyServerExtension.assertError(WoollyServerExtension.errorOf(bob, "COMMIT"), "40001", FAILURE,
                "Reason code: Canceled on identification as a pivot, during commit attempt.");
    }

    @Test
    void aWriteAfterTheOtherCommittedFailsAtOnce() throws Exception {
        Connection first = sessions.connect();
        Connection second = sessions.connect();
        execute(first, "CREATE TABLE skew_now (id int, v int)");
        execute(first, "INSERT INTO skew_now VALUES (1, 0), (2, 0)");
        for (Connection each : List.of(first, second)) {
            execute(each, "BEGIN ISOLATION LEVEL SERIALIZABLE");
            firstValue(each, "SELECT sum(v) FROM skew_now");
        }
        execute(first, "UPDATE skew_now SET v = 1 WHERE id = 1");
        execute(first, "COMMIT");
        WoollyServerExtension.assertError(WoollyServerExtension.errorOf(second, "UPDATE skew_now SET v = 1 WHERE id = 2"),
                "40001", FAILURE, "Reason code: Canceled on identification as a pivot, during write.");
        execute(second, "ROLLBACK");
    }

    @Test
    void pgLocksShowsSireadLocksPromotedAndKeptWhileAnOverlappingTransactionRuns() throws Exception {
        Connection reader = sessions.connect();
        Connection overlapping = sessions.connect();
        execute(reader, "CREATE TABLE siread (id int PRIMARY KEY, v text)");
        execute(reader, "INSERT INTO siread SELECT g, 'x' FROM generate_series(1, 10) g");
        execute(overlapping, "BEGIN ISOLATION LEVEL SERIALIZABLE");
        execute(overlapping, "UPDATE siread SET v = 'y' WHERE id = 10");
        execute(reader, "BEGIN ISOLATION LEVEL SERIALIZABLE");
        execute(reader, "SET LOCAL enable_seqscan = off");
        firstValue(reader, "SELECT v FROM siread WHERE id = 1");
        assertThat(sireadLocks(reader, reader)).contains("tuple|siread|0|1");
        firstValue(reader, "SELECT v FROM siread WHERE id = 2");
        firstValue(reader, "SELECT v FROM siread WHERE id = 3");
        // a third tuple on page 0 is past max_pred_locks_per_page (2): one page lock instead
        assertThat(sireadLocks(reader, reader)).contains("page|siread|0|null").noneMatch(row -> row.startsWith("tuple"));
        firstValue(reader, "SELECT count(*) FROM siread WHERE v <> ''");
        assertThat(sireadLocks(reader, reader)).contains("relation|siread|null|null")
                .noneMatch(row -> row.startsWith("page|siread"));
        execute(reader, "COMMIT");
        // kept after the commit: the overlapping transaction could still make the reader part of a cycle
        assertThat(sireadLocks(overlapping, reader)).contains("relation|siread|null|null");
        execute(overlapping, "COMMIT");
        assertThat(sireadLocks(reader, reader)).isEmpty();
    }

    @Test
    void aReadOnlyTransactionWithNoConcurrentWriterTakesNoLocks() throws Exception {
        Connection reader = sessions.connect();
        execute(reader, "CREATE TABLE ro_safe (id int)");
        execute(reader, "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY");
        firstValue(reader, "SELECT count(*) FROM ro_safe");
        assertThat(sireadLocks(reader, reader)).isEmpty();
        execute(reader, "COMMIT");
        execute(reader, "BEGIN ISOLATION LEVEL SERIALIZABLE");
        firstValue(reader, "SELECT count(*) FROM ro_safe");
        assertThat(sireadLocks(reader, reader)).containsExactly("relation|ro_safe|null|null");
        execute(reader, "COMMIT");
    }

    @Test
    void readOnlyDeferrableWaitsForTheConcurrentWriterThenRunsOnItsSnapshot() throws Exception {
        Connection writer = sessions.connect();
        Connection reader = sessions.connect();
        execute(writer, "CREATE TABLE deferred_read (id int, v int)");
        execute(writer, "INSERT INTO deferred_read VALUES (1, 0)");
        execute(writer, "BEGIN ISOLATION LEVEL SERIALIZABLE");
        execute(writer, "UPDATE deferred_read SET v = 1");
        execute(reader, "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE");
        Future<String> read = sessions.inBackground(() -> firstValue(reader, "SELECT v FROM deferred_read"));
        Thread.sleep(500);
        assertThat(read.isDone()).as("waits for a safe snapshot").isFalse();
        execute(writer, "COMMIT");
        // the writer had no conflict out: the snapshot taken before its commit is safe
        assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo("0");
        assertThat(sireadLocks(reader, reader)).isEmpty();
        execute(reader, "COMMIT");
    }

    @Test
    void preparedTransactionsAreDisabledAsWithPostgresDefaults() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "BEGIN");
        execute(connection, "CREATE TABLE two_phase (id int)");
        var disabled = WoollyServerExtension.errorOf(connection, "PREPARE TRANSACTION 'tx1'");
        WoollyServerExtension.assertError(disabled, "55000", "prepared transactions are disabled", null);
        assertThat(disabled.getHint()).isEqualTo("Set max_prepared_transactions to a nonzero value.");
        // the transaction was rolled back and the block ended
        assertThat(firstValue(connection, "SELECT count(*) FROM pg_class WHERE relname = 'two_phase'")).isEqualTo("0");
        WoollyServerExtension.assertError(WoollyServerExtension.errorOf(connection, "COMMIT PREPARED 'tx1'"),
                "42704", "prepared transaction with identifier \"tx1\" does not exist", null);
        execute(connection, "BEGIN");
        WoollyServerExtension.assertError(WoollyServerExtension.errorOf(connection, "ROLLBACK PREPARED 'tx1'"),
                "25001", "ROLLBACK PREPARED cannot run inside a transaction block", null);
        execute(connection, "ROLLBACK");
    }
}
