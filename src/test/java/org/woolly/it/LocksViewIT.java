package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

/**
 * pg_locks as PostgreSQL 15 shows it: a transaction's relation, advisory, transactionid and
 * virtualxid locks with their mode names, and the request of a session that waits, not granted,
 * seen from a third session.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocksViewIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static int pid(Connection connection) throws SQLException {
        return Integer.parseInt(firstValue(connection, "SELECT pg_backend_pid()"));
    }

    /** Polls {@code sql} from {@code observer} until it returns a row; returns its first value. */
    private static String awaitRow(Connection observer, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String value;
        while ((value = firstValue(observer, sql)) == null) {
            assertThat(System.nanoTime()).as("a row from %s", sql).isLessThan(deadline);
            Thread.sleep(20);
        }
        return value;
    }

    @Test
    void theWaiterOfABlockedLockTableIsShownNotGranted() throws Exception {
        Connection holder = sessions.connect();
        Connection waiter = sessions.connect();
        Connection observer = sessions.connect();
        execute(holder, "CREATE TABLE locked_table (a int)");
        holder.setAutoCommit(false);
        execute(holder, "LOCK TABLE locked_table IN ACCESS EXCLUSIVE MODE");
        int waiterPid = pid(waiter);
        waiter.setAutoCommit(false);
        Future<Void> blocked = sessions.inBackground(() -> {
            execute(waiter, "LOCK TABLE locked_table IN SHARE MODE");
            return null;
        });

        String waiting = awaitRow(observer, "SELECT pid || ' ' || mode || ' ' || locktype || ' ' || "
                + "(waitstart IS NOT NULL) FROM pg_locks WHERE NOT granted");
        assertThat(waiting).isEqualTo(waiterPid + " ShareLock relation t");
        assertThat(rows(observer, "SELECT pid, mode, granted, fastpath, waitstart FROM pg_locks "
                + "WHERE relation = 'locked_table'::regclass AND granted"))
                .containsExactly(pid(holder) + "|AccessExclusiveLock|t|f|null");

        holder.commit();
        blocked.get(60, TimeUnit.SECONDS);
        assertThat(rows(observer, "SELECT mode, granted FROM pg_locks "
                + "WHERE relation = 'locked_table'::regclass")).containsExactly("ShareLock|t");
        waiter.commit();
        assertThat(firstValue(observer, "SELECT count(*) FROM pg_locks WHERE relation = 'locked_table'::regclass"))
                .isEqualTo("0");
    }

    @Test
    void aTransactionShowsItsRelationAdvisoryAndVirtualXidLocks() throws SQLException {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE written_table (a int)");
        connection.setAutoCommit(false);
        execute(connection, "INSERT INTO written_table VALUES (1)");
        execute(connection, "SELECT pg_advisory_xact_lock(7), pg_advisory_xact_lock_shared(1, -2)");
        String xid = firstValue(connection, "SELECT txid_current()");
        List<String> locks = rows(connection, "SELECT locktype, relation = 'written_table'::regclass, "
                + "transactionid, classid, objid, objsubid, mode, granted, virtualxid = virtualtransaction "
                + "FROM pg_locks WHERE pid = pg_backend_pid() AND locktype <> 'relation' OR relation = "
                + "'written_table'::regclass ORDER BY locktype, objsubid");
        assertThat(locks).containsExactly(
                "advisory|null|null|0|7|1|ExclusiveLock|t|null",
                "advisory|null|null|1|4294967294|2|ShareLock|t|null",
                "relation|t|null|null|null|null|RowExclusiveLock|t|null",
                "transactionid|null|" + xid + "|null|null|null|ExclusiveLock|t|null",
                "virtualxid|null|null|null|null|null|ExclusiveLock|t|t");
        connection.commit();
    }

    @Test
    void aRowUpdateWaitsForTheTransactionThatUpdatedTheRow() throws Exception {
        Connection first = sessions.connect();
        Connection second = sessions.connect();
        Connection observer = sessions.connect();
        execute(first, "CREATE TABLE contended (a int)");
        execute(first, "INSERT INTO contended VALUES (1)");
        first.setAutoCommit(false);
        execute(first, "UPDATE contended SET a = 2");
        String firstXid = firstValue(first, "SELECT txid_current()");
        int secondPid = pid(second);
        Future<Void> blocked = sessions.inBackground(() -> {
            execute(second, "UPDATE contended SET a = 3");
            return null;
        });

        String waitedFor = awaitRow(observer, "SELECT transactionid FROM pg_locks WHERE NOT granted AND pid = "
                + secondPid + " AND locktype = 'transactionid' AND mode = 'ShareLock'");
        assertThat(waitedFor).isEqualTo(firstXid);
        assertThat(firstValue(observer, "SELECT pid FROM pg_locks WHERE granted AND locktype = 'transactionid' "
                + "AND mode = 'ExclusiveLock' AND transactionid = '" + firstXid + "'")).isEqualTo(String.valueOf(pid(first)));
        first.commit();
        blocked.get(60, TimeUnit.SECONDS);
    }
}
