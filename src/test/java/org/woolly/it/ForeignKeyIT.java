package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.woolly.it.TestSessions.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * FOREIGN KEY constraints through psql and pgjdbc: the psql script's output
 * ({@code foreignkeys/foreign_keys-pg15.out}, produced by PostgreSQL 15 from the same script)
 * covers creation, pg_constraint, the checks, every ON DELETE / ON UPDATE action, MATCH FULL,
 * DROP and TRUNCATE of referenced tables ({@code constraint_ddl-pg15.out}: NOT VALID, VALIDATE
 * and RENAME CONSTRAINT); the pgjdbc tests check the error fields and what
 * concurrent sessions see.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ForeignKeyIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private Connection connect() throws SQLException {
        return sessions.connect();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ForeignKeyIT.class.getResourceAsStream("/foreignkeys/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ServerErrorMessage error(Throwable thrown) {
        assertThat(thrown).isInstanceOf(PSQLException.class);
        return ((PSQLException) thrown).getServerErrorMessage();
    }

    @Test
    void theScriptGivesPostgresOutput() throws Exception {
        String output = PsqlIT.run(server, resource("foreign_keys.sql"), "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("foreign_keys-pg15.out"));
    }

    /** ADD CONSTRAINT ... NOT VALID, VALIDATE CONSTRAINT and RENAME CONSTRAINT, against PostgreSQL 15's output. */
    @Test
    void notValidValidateAndRenameGivePostgresOutput() throws Exception {
        String output = PsqlIT.run(server, resource("constraint_ddl.sql"), "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("constraint_ddl-pg15.out"));
    }

    @Test
    void violationsCarryPostgresFields() throws SQLException {
        Connection connection = connect();
        execute(connection, "CREATE TABLE fkj_p (id int PRIMARY KEY)");
        execute(connection, "CREATE TABLE fkj_c (id int PRIMARY KEY, p int REFERENCES fkj_p)");
        execute(connection, "INSERT INTO fkj_p VALUES (1)");
        execute(connection, "INSERT INTO fkj_c VALUES (1, 1)");
        ServerErrorMessage insert = error(catchThrowable(() -> execute(connection,
                "INSERT INTO fkj_c VALUES (2, 5)")));
        assertThat(insert.getSQLState()).isEqualTo("23503");
        assertThat(insert.getMessage())
                .isEqualTo("insert or update on table \"fkj_c\" violates foreign key constraint \"fkj_c_p_fkey\"");
        assertThat(insert.getDetail()).isEqualTo("Key (p)=(5) is not present in table \"fkj_p\".");
        ServerErrorMessage delete = error(catchThrowable(() -> execute(connection, "DELETE FROM fkj_p")));
        assertThat(delete.getSQLState()).isEqualTo("23503");
        assertThat(delete.getDetail()).isEqualTo("Key (id)=(1) is still referenced from table \"fkj_c\".");
        ServerErrorMessage noKey = error(catchThrowable(() -> execute(connection,
                "CREATE TABLE fkj_bad (a int REFERENCES fkj_c (p))")));
        assertThat(noKey.getSQLState()).isEqualTo("42830");
        ServerErrorMessage drop = error(catchThrowable(() -> execute(connection, "DROP TABLE fkj_p")));
        assertThat(drop.getSQLState()).isEqualTo("2BP01");
        ServerErrorMessage truncate = error(catchThrowable(() -> execute(connection, "TRUNCATE fkj_p")));
        assertThat(truncate.getSQLState()).isEqualTo("0A000");
        assertThat(truncate.getMessage()).isEqualTo("cannot truncate a table referenced in a foreign key constraint");
    }

    @Test
    void aMultiRowInsertMayReferenceItsOwnLaterRows() throws SQLException {
        Connection connection = connect();
        execute(connection, "CREATE TABLE fks_tree (id int PRIMARY KEY, parent int REFERENCES fks_tree)");
        execute(connection, "INSERT INTO fks_tree VALUES (2, 1), (1, NULL), (3, 2)");
        execute(connection, "ALTER TABLE fks_tree ADD CONSTRAINT fks_other FOREIGN KEY (parent) REFERENCES fks_tree "
                + "ON DELETE CASCADE");
        execute(connection, "ALTER TABLE fks_tree DROP CONSTRAINT fks_tree_parent_fkey");
        execute(connection, "DELETE FROM fks_tree WHERE id = 1");
        assertThat(TestSessions.rows(connection, "SELECT count(*) FROM fks_tree")).containsExactly("0");
    }

    /**
     * A child insert racing a delete of its parent: the delete waits for the inserting
     * transaction (as for PostgreSQL's FOR KEY SHARE lock) and then fails; the other way round
     * the insert waits for the delete and then fails. Either way no orphan is left.
     */
    @Test
    void aParentDeleteAndAChildInsertNeverLeaveAnOrphan() throws Exception {
        Connection setup = connect();
        execute(setup, "CREATE TABLE fkr_p (id int PRIMARY KEY)");
        execute(setup, "CREATE TABLE fkr_c (id int PRIMARY KEY, p int REFERENCES fkr_p)");
        execute(setup, "INSERT INTO fkr_p VALUES (1), (2)");

        Connection child = connect();
        Connection parent = connect();
        child.setAutoCommit(false);
        execute(child, "INSERT INTO fkr_c VALUES (1, 1)");
        CompletableFuture<Throwable> delete = CompletableFuture.supplyAsync(
                () -> catchThrowable(() -> execute(parent, "DELETE FROM fkr_p WHERE id = 1")));
        Thread.sleep(500);
        assertThat(delete).as("the delete waits for the inserting transaction").isNotDone();
        child.commit();
        assertThat(error(delete.get(30, TimeUnit.SECONDS)).getSQLState()).isEqualTo("23503");

        parent.setAutoCommit(false);
        execute(parent, "DELETE FROM fkr_p WHERE id = 2");
        CompletableFuture<Throwable> insert = CompletableFuture.supplyAsync(
                () -> catchThrowable(() -> execute(child, "INSERT INTO fkr_c VALUES (2, 2)")));
        Thread.sleep(500);
        assertThat(insert).as("the insert waits for the deleting transaction").isNotDone();
        parent.commit();
        assertThat(error(insert.get(30, TimeUnit.SECONDS)).getSQLState()).isEqualTo("23503");
        child.rollback();
        assertThat(TestSessions.rows(setup, "SELECT c.id FROM fkr_c c LEFT JOIN fkr_p p ON p.id = c.p "
                + "WHERE p.id IS NULL")).isEmpty();
    }

    @Test
    void cascadesAndSetNullReachEveryReferencingRow() throws SQLException {
        Connection connection = connect();
        execute(connection, "CREATE TABLE fkc_p (a int, b text, PRIMARY KEY (a, b))");
        execute(connection, "CREATE TABLE fkc_c (id int PRIMARY KEY, a int, b text, "
                + "FOREIGN KEY (a, b) REFERENCES fkc_p ON UPDATE CASCADE ON DELETE SET NULL)");
        StringBuilder parents = new StringBuilder();
        StringBuilder children = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            parents.append(i > 1 ? ", " : "").append("(%d, 'k%d')".formatted(i % 10, i));
            children.append(i > 1 ? ", " : "").append("(%d, %d, 'k%d')".formatted(i, i % 10, i));
        }
        execute(connection, "INSERT INTO fkc_p VALUES " + parents);
        execute(connection, "INSERT INTO fkc_c VALUES " + children);
        execute(connection, "UPDATE fkc_p SET a = a + 100 WHERE a < 5");
        assertThat(TestSessions.rows(connection, "SELECT count(*) FROM fkc_c WHERE a >= 100")).containsExactly("100");
        execute(connection, "DELETE FROM fkc_p WHERE a >= 100");
        assertThat(TestSessions.rows(connection, "SELECT count(*) FROM fkc_c WHERE a IS NULL AND b IS NULL"))
                .containsExactly("100");
    }
}
