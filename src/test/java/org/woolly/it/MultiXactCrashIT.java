package org.woolly.it;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

/**
 * Multixacts and the row locks naming them survive a SIGKILL of the server (separate JVM), as
 * in PostgreSQL: the CREATE_ID record rebuilds pg_multixact, the heap's LOCK record puts the
 * xmax back, and a prepared transaction's share lock keeps blocking writers after recovery
 * until COMMIT / ROLLBACK PREPARED.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiXactCrashIT {
    private static final String[] OPTIONS = {"-c", "max_prepared_transactions=5"};

    @RegisterExtension
    final KillableServer server = new KillableServer();

    @Test
    void preparedShareLockersAndTheirMultixactComeBackAfterAKill() throws Exception {
        server.initAndStart(OPTIONS);
        String firstXid;
        String secondXid;
        long multi;
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE mx_crash (id int PRIMARY KEY, v int)");
            execute(connection, "INSERT INTO mx_crash VALUES (1, 10), (2, 20)");
            execute(connection, "BEGIN");
            execute(connection, "SELECT * FROM mx_crash WHERE id = 1 FOR SHARE");
            firstXid = firstValue(connection, "SELECT pg_current_xact_id()");
            execute(connection, "PREPARE TRANSACTION 'sharer'");
            execute(connection, "BEGIN");
            execute(connection, "SELECT * FROM mx_crash WHERE id = 1 FOR KEY SHARE");
            secondXid = firstValue(connection, "SELECT pg_current_xact_id()");
            execute(connection, "PREPARE TRANSACTION 'key_sharer'");
            multi = Long.parseLong(firstValue(connection, "SELECT mxid_age('1'::xid)"));
        }
        server.kill();
        server.restart(OPTIONS);
        try (Connection connection = server.connect()) {
            assertThat(rows(connection, "SELECT xid, mode FROM pg_get_multixact_members('" + multi + "')"))
                    .containsExactly(firstXid + "|sh", secondXid + "|keysh");
            assertThat(firstValue(connection, "SELECT mxid_age('1'::xid)")).isEqualTo(Long.toString(multi));
            execute(connection, "SET lock_timeout = '200ms'");
            assertError(errorOf(connection, "SELECT * FROM mx_crash WHERE id = 1 FOR UPDATE"), "55P03",
                    "canceling statement due to lock timeout", null);
            assertError(errorOf(connection, "UPDATE mx_crash SET v = 11 WHERE id = 1"), "55P03",
                    "canceling statement due to lock timeout", null);
            // the other row was never locked
            execute(connection, "UPDATE mx_crash SET v = 21 WHERE id = 2");
            execute(connection, "COMMIT PREPARED 'sharer'");
            // only the FOR KEY SHARE locker is left: a non-key update goes, a key update waits
            execute(connection, "UPDATE mx_crash SET v = 11 WHERE id = 1");
            assertError(errorOf(connection, "UPDATE mx_crash SET id = 3 WHERE id = 1"), "55P03",
                    "canceling statement due to lock timeout", null);
            execute(connection, "ROLLBACK PREPARED 'key_sharer'");
            execute(connection, "UPDATE mx_crash SET id = 3 WHERE id = 1");
            assertThat(rows(connection, "SELECT id, v FROM mx_crash ORDER BY id")).containsExactly("2|21", "3|11");
            // a new multixact after recovery does not reuse the id
            execute(connection, "BEGIN");
            execute(connection, "SELECT * FROM mx_crash WHERE id = 2 FOR SHARE");
            execute(connection, "PREPARE TRANSACTION 'again'");
            execute(connection, "BEGIN");
            execute(connection, "SELECT * FROM mx_crash WHERE id = 2 FOR SHARE");
            assertThat(firstValue(connection, "SELECT mxid_age('1'::xid)")).isEqualTo(Long.toString(multi + 1));
            execute(connection, "ROLLBACK");
            execute(connection, "ROLLBACK PREPARED 'again'");
            // the checkpoint writes the pages and records the counters
            execute(connection, "CHECKPOINT");
        }
        server.kill();
        server.restart(OPTIONS);
        try (Connection connection = server.connect()) {
            assertThat(firstValue(connection, "SELECT mxid_age('1'::xid)")).isEqualTo(Long.toString(multi + 1));
            assertThat(rows(connection, "SELECT mode FROM pg_get_multixact_members('" + multi + "')"))
                    .containsExactly("sh", "keysh");
        }
    }
}
