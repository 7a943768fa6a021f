package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * User views (CREATE [OR REPLACE] VIEW, DROP VIEW): a psql script whose expected output
 * PostgreSQL 15 printed (pg_get_viewdef in both forms, \d+, the OR REPLACE rules, the
 * dependency errors of DROP TABLE, DROP COLUMN and ALTER COLUMN TYPE, CASCADE); and through
 * pgjdbc, a view that keeps reading the same table when the search_path changes, and a view
 * made and dropped in transactions. The JDBC tests work in their own schemas, out of the
 * script's way.
 */
class ViewsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "views/views");
    }

    @Test
    void temporaryViewsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "views/temp_views");
    }

    @Test
    void aViewReadsTheTableItWasMadeOnWhateverTheSearchPathLater() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE SCHEMA sp_a");
        execute(c, "CREATE SCHEMA sp_b");
        execute(c, "CREATE TABLE sp_a.t (v text)");
        execute(c, "CREATE TABLE sp_b.t (v text)");
        execute(c, "INSERT INTO sp_a.t VALUES ('from a')");
        execute(c, "INSERT INTO sp_b.t VALUES ('from b')");
        execute(c, "SET search_path = sp_a");
        execute(c, "CREATE VIEW sp_a.reader AS SELECT v FROM t");
        execute(c, "SET search_path = sp_b, sp_a");
        assertThat(rows(c, "SELECT v FROM sp_a.reader")).containsExactly("from a");
        // t in sp_b now hides sp_a.t, so the definition names its schema
        assertThat(rows(c, "SELECT pg_get_viewdef('sp_a.reader'::regclass)"))
                .containsExactly(" SELECT t.v\n   FROM sp_a.t;");
        execute(c, "RESET search_path");
    }

    @Test
    void viewsFollowTheirTransactions() throws Exception {
        Connection c = sessions.connect();
        Connection other = sessions.connect();
        execute(c, "CREATE SCHEMA tx");
        execute(c, "CREATE TABLE tx.base (id int)");
        execute(c, "INSERT INTO tx.base VALUES (1), (2)");
        c.setAutoCommit(false);
        execute(c, "CREATE VIEW tx.doubled AS SELECT id * 2 AS twice FROM tx.base");
        assertThat(rows(other, "SELECT count(*) FROM pg_views WHERE viewname = 'doubled'")).containsExactly("0");
        c.commit();
        assertThat(rows(other, "SELECT twice FROM tx.doubled ORDER BY 1")).containsExactly("2", "4");
        execute(c, "DROP TABLE tx.base CASCADE");
        c.rollback();
        c.setAutoCommit(true);
        assertThat(rows(other, "SELECT twice FROM tx.doubled ORDER BY 1")).containsExactly("2", "4");
        assertError(errorOf(c, "DROP TABLE tx.base"), "2BP01", "cannot drop table base because other objects depend on it",
                "view doubled depends on table base");
        execute(c, "DROP VIEW tx.doubled");
        execute(c, "DROP TABLE tx.base");
        assertThat(rows(c, "SELECT count(*) FROM pg_depend WHERE classid = 'pg_rewrite'::regclass "
                + "AND objid NOT IN (SELECT oid FROM pg_rewrite)")).containsExactly("0");
    }
}
