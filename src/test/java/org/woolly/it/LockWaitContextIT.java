package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.woolly.it.TestSessions.execute;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The CONTEXT PostgreSQL 15 sends with an error that ended a wait for another transaction's row
 * ({@code XactLockTableWait}'s error context): {@code while updating tuple (0,1) in relation
 * "t"}, and the same for deleting, locking, and inserting an index tuple.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockWaitContextIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    /** The error {@code sql} ends with in {@code waiter}, which has a short lock_timeout. */
    private static ServerErrorMessage timeout(Connection waiter, String sql) {
        Throwable thrown = catchThrowable(() -> execute(waiter, sql));
        assertThat(thrown).isInstanceOf(PSQLException.class);
        ServerErrorMessage error = ((PSQLException) thrown).getServerErrorMessage();
        assertThat(error.getSQLState()).isEqualTo("55P03");
        assertThat(error.getMessage()).isEqualTo("canceling statement due to lock timeout");
        return error;
    }

    @Test
    void rowWaitsEndingInALockTimeoutNameTheTupleAndTheRelation() throws Exception {
        Connection holder = sessions.connect();
        Connection waiter = sessions.connect();
        execute(holder, "CREATE TABLE ctx_rows (id int PRIMARY KEY, v int)");
        execute(holder, "INSERT INTO ctx_rows VALUES (1, 0), (2, 0)");
        holder.setAutoCommit(false);
        execute(holder, "UPDATE ctx_rows SET v = 1 WHERE id = 1");
        execute(holder, "DELETE FROM ctx_rows WHERE id = 2");
        execute(waiter, "SET lock_timeout = '300ms'");
        assertThat(timeout(waiter, "UPDATE ctx_rows SET v = 2 WHERE id = 1").getWhere())
                .isEqualTo("while updating tuple (0,1) in relation \"ctx_rows\"");
        assertThat(timeout(waiter, "DELETE FROM ctx_rows WHERE id = 2").getWhere())
                .isEqualTo("while deleting tuple (0,2) in relation \"ctx_rows\"");
        assertThat(timeout(waiter, "SELECT * FROM ctx_rows WHERE id = 1 FOR UPDATE").getWhere())
                .isEqualTo("while locking tuple (0,1) in relation \"ctx_rows\"");
        holder.rollback();
        execute(holder, "BEGIN");
        execute(holder, "INSERT INTO ctx_rows VALUES (3, 0)");
        String where = timeout(waiter, "INSERT INTO ctx_rows VALUES (3, 1)").getWhere();
        assertThat(where).startsWith("while inserting index tuple (0,").endsWith(") in relation \"ctx_rows_pkey\"");
        holder.rollback();
        holder.setAutoCommit(true);
        execute(holder, "DROP TABLE ctx_rows");
    }

    @Test
    void aWaitThatEndsWithoutAnErrorLeavesNoContextBehind() throws Exception {
        Connection holder = sessions.connect();
        Connection waiter = sessions.connect();
        execute(holder, "CREATE TABLE ctx_later (id int, v int)");
        execute(holder, "INSERT INTO ctx_later VALUES (1, 0)");
        execute(waiter, "SET lock_timeout = '300ms'");
        holder.setAutoCommit(false);
        execute(holder, "UPDATE ctx_later SET v = 1 WHERE id = 1");
        timeout(waiter, "UPDATE ctx_later SET v = 2 WHERE id = 1");
        holder.commit();
        // a later error that is no wait has no CONTEXT
        Throwable thrown = catchThrowable(() -> execute(waiter, "SELECT 1 / 0"));
        assertThat(((PSQLException) thrown).getServerErrorMessage().getWhere()).isNull();
        holder.setAutoCommit(true);
        execute(holder, "DROP TABLE ctx_later");
    }
}
