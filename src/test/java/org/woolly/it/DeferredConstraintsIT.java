package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.woolly.it.WoollyServerExtension.errorOf;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * DEFERRABLE and INITIALLY DEFERRED unique, primary key and foreign key constraints and SET
 * CONSTRAINTS as a pgjdbc client sees them, with PostgreSQL 15's semantics: a deferrable key is
 * checked after its statement, a deferred one at commit (a failing check makes the commit fail
 * with 23505 or 23503 and roll back) or when SET CONSTRAINTS makes it IMMEDIATE; a key that is
 * not deferrable is checked row by row. Expected texts were checked against PostgreSQL 15.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeferredConstraintsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static ServerErrorMessage commitError(Connection connection) {
        Throwable thrown = catchThrowable(connection::commit);
        assertThat(thrown).as("an error from COMMIT").isInstanceOf(PSQLException.class);
        return ((PSQLException) thrown).getServerErrorMessage();
    }

    /**
     * SET CONSTRAINTS is undone with the savepoint (or PL/pgSQL exception block) it ran in and
     * kept by RELEASE; the checks a rolled-back savepoint queued are dropped; a queued row is
     * checked as it is at commit; same output as PostgreSQL 15.
     */
    @Test
    void savepointsUndoSetConstraintsAndTheirQueuedChecks() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "deferred/savepoints");
    }

    @Test
    void aDeferrableKeyIsCheckedAfterTheStatementAndAPlainOneRowByRow() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE shifted (id int PRIMARY KEY DEFERRABLE, v int)");
        execute(c, "INSERT INTO shifted SELECT g, g FROM generate_series(1, 50) g");
        execute(c, "UPDATE shifted SET id = id + 1");
        assertThat(rows(c, "SELECT min(id), max(id), count(*) FROM shifted")).containsExactly("2|51|50");
        // still checked at the end of the statement while IMMEDIATE
        assertError(errorOf(c, "UPDATE shifted SET id = 7 WHERE id IN (3, 4)"), "23505",
                "duplicate key value violates unique constraint \"shifted_pkey\"", "Key (id)=(7) already exists.");
        execute(c, "CREATE TABLE plain (id int PRIMARY KEY, v int)");
        execute(c, "INSERT INTO plain SELECT g, g FROM generate_series(1, 50) g");
        assertError(errorOf(c, "UPDATE plain SET id = id + 1"), "23505",
                "duplicate key value violates unique constraint \"plain_pkey\"", "Key (id)=(2) already exists.");
        assertThat(rows(c, "SELECT conname, condeferrable, condeferred, pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conrelid IN ('shifted'::regclass, 'plain'::regclass) ORDER BY 1")).containsExactly(
                "plain_pkey|f|f|PRIMARY KEY (id)", "shifted_pkey|t|f|PRIMARY KEY (id) DEFERRABLE");
        assertThat(rows(c, "SELECT indexrelid::regclass::text, indimmediate FROM pg_index "
                + "WHERE indrelid IN ('shifted'::regclass, 'plain'::regclass) ORDER BY 1"))
                .containsExactly("plain_pkey|t", "shifted_pkey|f");
        assertError(errorOf(c, "INSERT INTO shifted VALUES (2, 0) ON CONFLICT (id) DO NOTHING"), "0A000",
                "ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters", null);
    }

    @Test
    void aDeferredUniqueKeyIsCheckedAtCommitAndAFailureRollsBack() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE codes (code int, CONSTRAINT codes_once UNIQUE (code) DEFERRABLE INITIALLY DEFERRED)");
        assertThat(rows(c, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'codes_once'"))
                .containsExactly("UNIQUE (code) DEFERRABLE INITIALLY DEFERRED");
        c.setAutoCommit(false);
        execute(c, "INSERT INTO codes VALUES (1), (2)");
        execute(c, "INSERT INTO codes VALUES (1)");
        assertThat(rows(c, "SELECT count(*) FROM codes")).containsExactly("3");
        // the duplicate is gone again before commit: nothing to report
        execute(c, "DELETE FROM codes WHERE code = 1");
        execute(c, "INSERT INTO codes VALUES (1)");
        c.commit();
        execute(c, "INSERT INTO codes VALUES (2), (3)");
        assertError(commitError(c), "23505", "duplicate key value violates unique constraint \"codes_once\"",
                "Key (code)=(2) already exists.");
        c.setAutoCommit(true);
        assertThat(rows(c, "SELECT code FROM codes ORDER BY code")).containsExactly("1", "2");
        // a single statement's transaction commits right after it
        assertError(errorOf(c, "INSERT INTO codes VALUES (5), (5)"), "23505",
                "duplicate key value violates unique constraint \"codes_once\"", "Key (code)=(5) already exists.");
        assertThat(rows(c, "SELECT count(*) FROM codes WHERE code = 5")).containsExactly("0");
    }

    @Test
    void aDeferredForeignKeyIsCheckedAtCommit() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE parents (id int PRIMARY KEY)");
        execute(c, "CREATE TABLE children (parent int CONSTRAINT children_parent REFERENCES parents "
                + "DEFERRABLE INITIALLY DEFERRED)");
        c.setAutoCommit(false);
        execute(c, "INSERT INTO children VALUES (1)");
        execute(c, "INSERT INTO parents VALUES (1)");
        c.commit();
        execute(c, "INSERT INTO children VALUES (2)");
        // the child is deleted again: nothing left to check
        execute(c, "DELETE FROM children WHERE parent = 2");
        c.commit();
        execute(c, "INSERT INTO children VALUES (3)");
        assertError(commitError(c), "23503",
                "insert or update on table \"children\" violates foreign key constraint \"children_parent\"",
                "Key (parent)=(3) is not present in table \"parents\".");
        // NO ACTION on the referenced side waits as well: the key may come back before commit
        execute(c, "DELETE FROM parents WHERE id = 1");
        execute(c, "INSERT INTO parents VALUES (1)");
        c.commit();
        execute(c, "DELETE FROM parents WHERE id = 1");
        assertError(commitError(c), "23503",
                "update or delete on table \"parents\" violates foreign key constraint \"children_parent\" on table "
                        + "\"children\"", "Key (id)=(1) is still referenced from table \"children\".");
        c.setAutoCommit(true);
        assertThat(rows(c, "SELECT parent FROM children")).containsExactly("1");
        assertThat(rows(c, "SELECT id FROM parents")).containsExactly("1");
    }

    @Test
    void setConstraintsChangesTheModeForTheTransaction() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE slots (n int CONSTRAINT slots_n UNIQUE DEFERRABLE)");
        execute(c, "CREATE TABLE fixed (n int CONSTRAINT fixed_n UNIQUE)");
        execute(c, "CREATE TABLE owners (id int PRIMARY KEY)");
        execute(c, "CREATE TABLE pets (owner int CONSTRAINT pets_owner REFERENCES owners DEFERRABLE)");
        try (Statement statement = c.createStatement()) {
            statement.execute("SET CONSTRAINTS ALL DEFERRED");
            assertThat(statement.getWarnings().getMessage())
                    .isEqualTo("SET CONSTRAINTS can only be used in transaction blocks");
        }
        c.setAutoCommit(false);
        execute(c, "SET CONSTRAINTS slots_n DEFERRED");
        execute(c, "INSERT INTO slots VALUES (1), (1)");
        // IMMEDIATE runs the checks that waited: the error is SET CONSTRAINTS' own
        assertError(errorOf(c, "SET CONSTRAINTS slots_n IMMEDIATE"), "23505",
                "duplicate key value violates unique constraint \"slots_n\"", "Key (n)=(1) already exists.");
        c.rollback();
        assertError(errorOf(c, "SET CONSTRAINTS fixed_n DEFERRED"), "55000", "constraint \"fixed_n\" is not deferrable",
                null);
        c.rollback();
        assertError(errorOf(c, "SET CONSTRAINTS nosuch IMMEDIATE"), "42704", "constraint \"nosuch\" does not exist",
                null);
        c.rollback();
        execute(c, "SET CONSTRAINTS public.slots_n, pets_owner DEFERRED");
        execute(c, "INSERT INTO pets VALUES (5)");
        execute(c, "INSERT INTO slots VALUES (2), (2)");
        execute(c, "DELETE FROM slots WHERE n = 2");
        assertError(errorOf(c, "SET CONSTRAINTS ALL IMMEDIATE"), "23503",
                "insert or update on table \"pets\" violates foreign key constraint \"pets_owner\"",
                "Key (owner)=(5) is not present in table \"owners\".");
        c.rollback();
        execute(c, "SET CONSTRAINTS ALL DEFERRED");
        execute(c, "INSERT INTO pets VALUES (6)");
        execute(c, "INSERT INTO owners VALUES (6)");
        execute(c, "SET CONSTRAINTS ALL IMMEDIATE");
        c.commit();
        c.setAutoCommit(true);
        assertThat(rows(c, "SELECT owner FROM pets")).containsExactly("6");
    }

    @Test
    void constraintAttributesFollowPostgresqlsGrammar() throws Exception {
        Connection c = sessions.connect();
        ServerErrorMessage misplaced = errorOf(c, "CREATE TABLE bad (a int CHECK (a > 0) DEFERRABLE)");
        assertError(misplaced, "42601", "misplaced DEFERRABLE clause", null);
        assertThat(misplaced.getPosition()).isEqualTo(39);
        assertError(errorOf(c, "CREATE TABLE bad (a int UNIQUE NOT DEFERRABLE INITIALLY DEFERRED)"), "42601",
                "constraint declared INITIALLY DEFERRED must be DEFERRABLE", null);
        assertError(errorOf(c, "CREATE TABLE bad (a int, CHECK (a > 0) DEFERRABLE)"), "0A000",
                "CHECK constraints cannot be marked DEFERRABLE", null);
        assertError(errorOf(c, "CREATE TABLE bad (a int UNIQUE DEFERRABLE NOT DEFERRABLE)"), "42601",
                "multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed", null);
        execute(c, "CREATE TABLE good (a int PRIMARY KEY INITIALLY DEFERRED, b int UNIQUE NOT DEFERRABLE, "
                + "c int, CHECK (c > 0) NOT DEFERRABLE)");
        execute(c, "ALTER TABLE good ADD CONSTRAINT good_c UNIQUE (c) DEFERRABLE INITIALLY IMMEDIATE");
        assertThat(rows(c, "SELECT conname, condeferrable, condeferred FROM pg_constraint "
                + "WHERE conrelid = 'good'::regclass ORDER BY 1"))
                .containsExactly("good_b_key|f|f", "good_c|t|f", "good_c_check|f|f", "good_pkey|t|t");
    }
}
