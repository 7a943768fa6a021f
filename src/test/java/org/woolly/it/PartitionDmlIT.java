package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * DML on partitioned tables as PostgreSQL 15 does it: a psql script whose expected output
 * PostgreSQL produced (TRUNCATE through the partition tree, UPDATE moving rows between
 * partitions with their triggers and partition constraint errors, privileges checked on the
 * named table only), and through pgjdbc a prepared UPDATE moving rows back and forth and a
 * concurrent UPDATE of a row another session moved.
 */
class PartitionDmlIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "partition/dml");
    }

    @Test
    void preparedUpdateMovesRowsBetweenPartitions() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE mv (k int, v text) PARTITION BY LIST (k)");
            execute(connection, "CREATE TABLE mv_even PARTITION OF mv FOR VALUES IN (0, 2, 4, 6, 8)");
            execute(connection, "CREATE TABLE mv_odd PARTITION OF mv FOR VALUES IN (1, 3, 5, 7, 9)");
            execute(connection, "INSERT INTO mv VALUES (0, 'a'), (1, 'b')");
            // past pgjdbc's prepareThreshold and the server's five custom plans: a generic plan moves rows too
            try (PreparedStatement move = connection.prepareStatement(
                    "UPDATE mv SET k = (k + 1) % 10 WHERE v = ? RETURNING tableoid::regclass, k")) {
                for (int i = 1; i <= 9; i++) {
                    move.setString(1, "a");
                    try (var result = move.executeQuery()) {
                        assertThat(result.next()).isTrue();
                        assertThat(result.getInt(2)).isEqualTo(i);
                        assertThat(result.getString(1)).isEqualTo(i % 2 == 0 ? "mv_even" : "mv_odd");
                        assertThat(result.next()).isFalse();
                    }
                }
            }
            assertThat(rows(connection, "SELECT tableoid::regclass, k, v FROM mv ORDER BY v"))
                    .containsExactly("mv_odd|9|a", "mv_odd|1|b");
            execute(connection, "DROP TABLE mv");
        }
    }

    /**
     * A row moved by a transaction another one waits to update: PostgreSQL answers 40001 ("tuple
     * to be locked was already moved to another partition due to concurrent update"); Woolly's
     * heap does not mark a moved row apart from a deleted one, so under READ COMMITTED the waiter
     * skips the row as deleted and leaves the moved row alone, and under REPEATABLE READ it gets
     * 40001 as PostgreSQL does.
     */
    @Test
    void concurrentUpdateOfAMovedRowDoesNotTouchItTwice() throws Exception {
        Connection mover = sessions.connect();
        Connection waiter = sessions.connect();
        execute(mover, "CREATE TABLE cmv (k int, v int) PARTITION BY RANGE (k)");
        execute(mover, "CREATE TABLE cmv_low PARTITION OF cmv FOR VALUES FROM (0) TO (10)");
        execute(mover, "CREATE TABLE cmv_high PARTITION OF cmv FOR VALUES FROM (10) TO (20)");
        for (String isolation : new String[] {"READ COMMITTED", "REPEATABLE READ"}) {
            execute(mover, "TRUNCATE cmv");
            execute(mover, "INSERT INTO cmv VALUES (1, 0)");
            execute(mover, "BEGIN");
            execute(mover, "UPDATE cmv SET k = 15 WHERE k = 1");
            execute(waiter, "BEGIN ISOLATION LEVEL " + isolation);
            assertThat(firstValue(waiter, "SELECT count(*) FROM cmv")).isEqualTo("1");
            int moverPid = Integer.parseInt(firstValue(mover, "SELECT pg_backend_pid()"));
            int waiterPid = Integer.parseInt(firstValue(waiter, "SELECT pg_backend_pid()"));
            Future<Integer> update = sessions.inBackground(() -> {
                try (var statement = waiter.createStatement()) {
                    return statement.executeUpdate("UPDATE cmv SET v = v + 1 WHERE k = 1");
                }
            });
            AdvisoryLocksIT.awaitBlockedBy(mover, waiterPid, moverPid);
            execute(mover, "COMMIT");
            if (isolation.equals("READ COMMITTED")) {
                assertThat(update.get(60, TimeUnit.SECONDS)).isZero();
                execute(waiter, "COMMIT");
            } else {
                assertThat(sqlState(update)).isEqualTo("40001");
                execute(waiter, "ROLLBACK");
            }
            assertThat(rows(mover, "SELECT tableoid::regclass, k, v FROM cmv")).containsExactly("cmv_high|15|0");
        }
        execute(mover, "DROP TABLE cmv");
    }

    private static String sqlState(Future<?> failing) throws InterruptedException {
        try {
            failing.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            assertThat(failed.getCause()).isInstanceOf(PSQLException.class);
            return ((PSQLException) failed.getCause()).getSQLState();
        } catch (java.util.concurrent.TimeoutException timedOut) {
            throw new AssertionError("the waiting UPDATE did not finish", timedOut);
        }
        throw new AssertionError("the waiting UPDATE succeeded");
    }
}
