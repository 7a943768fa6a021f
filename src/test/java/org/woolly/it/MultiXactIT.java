package org.woolly.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

/**
 * Several lockers of one row are a MultiXactId in its xmax, as in PostgreSQL 15
 * (multixact.c): pg_get_multixact_members lists each locker's XID and mode, mxid_age counts
 * from the next id, a FOR KEY SHARE locker and a non-key UPDATE go on side by side, and a FOR
 * UPDATE waits until every member has ended.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiXactIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private Connection inTransaction() throws SQLException {
        Connection connection = sessions.connect();
        connection.setAutoCommit(false);
        return connection;
    }

    private static int updateCount(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    /** The newest MultiXactId: mxid_age counts from the next one. */
    private static long newestMulti(Connection connection) throws SQLException {
        return Long.parseLong(firstValue(connection, "SELECT mxid_age('1'::xid)"));
    }

    private static String xid(Connection connection) throws SQLException {
        return firstValue(connection, "SELECT pg_current_xact_id()");
    }

    private static String pid(Connection connection) throws SQLException {
        return firstValue(connection, "SELECT pg_backend_pid()");
    }

    /** Polls pg_locks until backend {@code pid} waits for a lock (no time limit but the test's). */
    private static void awaitWaiting(Connection observer, String pid) throws Exception {
        while (!"t".equals(firstValue(observer, "SELECT count(*) > 0 FROM pg_locks WHERE NOT granted AND pid = " + pid))) {
            Thread.sleep(20);
        }
    }

    @Test
    void twoSharersAreTheMembersOfTheRowsMultixact() throws Exception {
        Connection setup = sessions.connect();
        execute(setup, "CREATE TABLE mx_share (id int PRIMARY KEY, v int)");
        execute(setup, "INSERT INTO mx_share VALUES (1, 10)");
        long before = newestMulti(setup);
        Connection first = inTransaction();
        Connection second = inTransaction();
        assertThat(rows(first, "SELECT v FROM mx_share WHERE id = 1 FOR SHARE")).containsExactly("10");
        assertThat(newestMulti(setup)).as("a single locker keeps a plain XID").isEqualTo(before);
        assertThat(rows(second, "SELECT v FROM mx_share WHERE id = 1 FOR KEY SHARE")).containsExactly("10");
        long multi = newestMulti(setup);
        assertThat(multi).isEqualTo(before + 1);
        assertThat(rows(setup, "SELECT xid, mode FROM pg_get_multixact_members('" + multi + "')"))
                .containsExactly(xid(first) + "|sh", xid(second) + "|keysh");
        assertThat(firstValue(setup, "SELECT mxid_age('" + multi + "')")).isEqualTo("1");
        first.commit();
        second.commit();
        // nobody holds it any more: a writer goes ahead at once
        execute(setup, "UPDATE mx_share SET id = 2");
        assertThat(rows(setup, "SELECT id, v FROM mx_share")).containsExactly("2|10");
        execute(setup, "DROP TABLE mx_share");
    }

    @Test
    void keyShareLockerAndNonKeyUpdateCoexist() throws Exception {
        Connection setup = sessions.connect();
        execute(setup, "CREATE TABLE mx_key (id int PRIMARY KEY, v int)");
        execute(setup, "INSERT INTO mx_key VALUES (1, 10)");
        Connection locker = inTransaction();
        Connection other = inTransaction();
        assertThat(rows(locker, "SELECT v FROM mx_key WHERE id = 1 FOR KEY SHARE")).containsExactly("10");
        assertThat(rows(other, "SELECT v FROM mx_key WHERE id = 1 FOR KEY SHARE")).containsExactly("10");
        Connection writer = inTransaction();
        // a lock timeout turns an unexpected wait into a failure instead of a hang
        execute(writer, "SET LOCAL lock_timeout = '30s'");
        assertThat(updateCount(writer, "UPDATE mx_key SET v = 11 WHERE id = 1")).isEqualTo(1);
        // the new version carries both lockers on: a key update of it waits for them
        long multi = newestMulti(setup);
        assertThat(rows(setup, "SELECT xid, mode FROM pg_get_multixact_members('" + multi + "')"))
                .containsExactly(xid(locker) + "|keysh", xid(other) + "|keysh");
        writer.commit();
        Connection keyWriter = sessions.connect();
        String keyWriterPid = pid(keyWriter);
        Future<Integer> keyUpdate = sessions.inBackground(() -> updateCount(keyWriter,
                "UPDATE mx_key SET id = 2 WHERE id = 1"));
        awaitWaiting(setup, keyWriterPid);
        locker.commit();
        other.commit();
        assertThat(keyUpdate.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(rows(setup, "SELECT id, v FROM mx_key")).containsExactly("2|11");
        execute(setup, "DROP TABLE mx_key");
    }

    @Test
    void forUpdateWaitsForEveryMember() throws Exception {
        Connection setup = sessions.connect();
        execute(setup, "CREATE TABLE mx_wait (id int PRIMARY KEY, v int)");
        execute(setup, "INSERT INTO mx_wait VALUES (1, 10)");
        Connection first = inTransaction();
        Connection second = inTransaction();
        rows(first, "SELECT v FROM mx_wait FOR SHARE");
        rows(second, "SELECT v FROM mx_wait FOR SHARE");
        Connection third = sessions.connect();
        String thirdPid = pid(third);
        Future<java.util.List<String>> forUpdate = sessions.inBackground(() ->
                rows(third, "SELECT v FROM mx_wait FOR UPDATE"));
        awaitWaiting(setup, thirdPid);
        first.commit();
        // still waiting for the second member
        assertThat(firstValue(setup, "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = " + thirdPid))
                .isEqualTo("1");
        assertThat(forUpdate.isDone()).isFalse();
        second.commit();
        assertThat(forUpdate.get(30, TimeUnit.SECONDS)).containsExactly("10");
        execute(setup, "DROP TABLE mx_wait");
    }

    @Test
    void membersOfAnIdNotCreatedYetOrInvalid() throws Exception {
        Connection connection = sessions.connect();
        long next = newestMulti(connection) + 1;
        var notYet = WoollyServerExtension.errorOf(connection,
                "SELECT * FROM pg_get_multixact_members('" + (next + 1000) + "')");
        WoollyServerExtension.assertError(notYet, "XX000",
                "MultiXactId " + (next + 1000) + " has not been created yet -- apparent wraparound", null);
        WoollyServerExtension.assertError(WoollyServerExtension.errorOf(connection,
                "SELECT * FROM pg_get_multixact_members('0')"), "22023", "invalid MultiXactId: 0", null);
        assertThat(firstValue(connection, "SELECT mxid_age('0')")).isEqualTo("2147483647");
    }
}
