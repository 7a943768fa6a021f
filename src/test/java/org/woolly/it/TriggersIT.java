package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.ServerErrorMessage;

/**
 * CREATE TRIGGER as clients see it: a psql script whose expected output PostgreSQL 15 printed
 * (firing order, BEFORE ROW changes and skips, WHEN, UPDATE OF, statement triggers for no rows,
 * INSTEAD OF INSERT on a view, errors with CONTEXT, pg_get_triggerdef, psql's \d footers,
 * dependencies), and through pgjdbc: command-tag counts of skipped rows, prepared statements,
 * recursion ending in 54001, DROP FUNCTION's 2BP01 and rollback of a trigger's work.
 */
class TriggersIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "triggers/triggers");
    }

    @Test
    void beforeRowTriggerReturningNullSkipsTheRowAndTheCountSaysSo() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE skip_t (id int, note text)");
            execute(connection, """
                    CREATE FUNCTION skip_odd() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.id % 2 = 1 THEN RETURN NULL; END IF;
                        NEW.note := TG_ARGV[0] || ':' || NEW.note;
                        RETURN NEW;
                    END $$""");
            execute(connection, "CREATE TRIGGER skip_odd BEFORE INSERT ON skip_t FOR EACH ROW "
                    + "EXECUTE FUNCTION skip_odd('tagged')");
            try (Statement statement = connection.createStatement()) {
                assertThat(statement.executeUpdate("INSERT INTO skip_t SELECT g, 'n' || g FROM generate_series(1, 5) g"))
                        .isEqualTo(2);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO skip_t VALUES (?, ?)")) {
                insert.setInt(1, 8);
                insert.setString(2, "p");
                assertThat(insert.executeUpdate()).isEqualTo(1);
                insert.setInt(1, 9);
                assertThat(insert.executeUpdate()).isZero();
            }
            assertThat(rows(connection, "SELECT id, note FROM skip_t ORDER BY id"))
                    .containsExactly("2|tagged:n2", "4|tagged:n4", "8|tagged:p");
        }
    }

    @Test
    void afterTriggersSeeTheStatementsRowsAndRollBackWithIt() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE audited (id int PRIMARY KEY, v int)");
            execute(connection, "CREATE TABLE audit_log (op text, id int, total bigint)");
            execute(connection, """
                    CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        INSERT INTO audit_log SELECT TG_OP, COALESCE(NEW.id, OLD.id), sum(v) FROM audited;
                        RETURN NULL;
                    END $$""");
            execute(connection, "CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON audited "
                    + "FOR EACH ROW EXECUTE FUNCTION audit()");
            execute(connection, "INSERT INTO audited VALUES (1, 10), (2, 20)");
            execute(connection, "UPDATE audited SET v = v + 1 WHERE id = 2");
            execute(connection, "DELETE FROM audited WHERE id = 1");
            // each AFTER ROW trigger runs at the end of its statement, so it sees all of the statement's rows
            assertThat(rows(connection, "SELECT op, id, total FROM audit_log"))
                    .containsExactly("INSERT|1|30", "INSERT|2|30", "UPDATE|2|31", "DELETE|1|21");
            connection.setAutoCommit(false);
            execute(connection, "INSERT INTO audited VALUES (3, 30)");
            connection.rollback();
            connection.setAutoCommit(true);
            assertThat(firstValue(connection, "SELECT count(*) FROM audit_log")).isEqualTo("4");
        }
    }

    @Test
    void anErrorInATriggerAbortsTheStatementWithItsContext() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE guarded (id int)");
            execute(connection, """
                    CREATE FUNCTION guard() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.id < 0 THEN
                            RAISE EXCEPTION 'negative id %', NEW.id USING ERRCODE = 'check_violation';
                        END IF;
                        RETURN NEW;
                    END $$""");
            execute(connection, "CREATE TRIGGER guard BEFORE INSERT OR UPDATE ON guarded FOR EACH ROW "
                    + "EXECUTE FUNCTION guard()");
            ServerErrorMessage error = errorOf(connection, "INSERT INTO guarded VALUES (1), (-4)");
            assertError(error, "23514", "negative id -4", null);
            assertThat(error.getWhere()).isEqualTo("PL/pgSQL function guard() line 4 at RAISE");
            assertThat(firstValue(connection, "SELECT count(*) FROM guarded")).isEqualTo("0");
        }
    }

    @Test
    void aTriggerThatInsertsIntoItsOwnTableStopsAtTheStackDepthLimit() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE chain (n int)");
            execute(connection, """
                    CREATE FUNCTION chain_next() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.n < 20 THEN INSERT INTO chain VALUES (NEW.n + 1); END IF;
                        RETURN NEW;
                    END $$""");
            execute(connection, "CREATE TRIGGER chain_next AFTER INSERT ON chain FOR EACH ROW "
                    + "EXECUTE FUNCTION chain_next()");
            execute(connection, "INSERT INTO chain VALUES (1)");
            assertThat(firstValue(connection, "SELECT count(*) FROM chain")).isEqualTo("20");
            execute(connection, "CREATE OR REPLACE FUNCTION chain_next() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                    + "BEGIN INSERT INTO chain VALUES (NEW.n + 1); RETURN NEW; END $$");
            ServerErrorMessage error = errorOf(connection, "INSERT INTO chain VALUES (100)");
            assertThat(error.getSQLState()).isEqualTo("54001");
            assertThat(error.getMessage()).isEqualTo("stack depth limit exceeded");
            assertThat(firstValue(connection, "SELECT count(*) FROM chain")).isEqualTo("20");
        }
    }

    @Test
    void dropFunctionNeedsCascadeWhileATriggerUsesIt() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE dep_t (id int)");
            execute(connection, "CREATE FUNCTION dep_f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
            execute(connection, "CREATE TRIGGER dep_tr BEFORE INSERT ON dep_t FOR EACH ROW EXECUTE FUNCTION dep_f()");
            assertError(errorOf(connection, "DROP FUNCTION dep_f()"), "2BP01",
                    "cannot drop function dep_f() because other objects depend on it",
                    "trigger dep_tr on table dep_t depends on function dep_f()");
            assertError(errorOf(connection, "CREATE TRIGGER dep_tr BEFORE INSERT ON dep_t FOR EACH ROW "
                    + "EXECUTE FUNCTION dep_f()"), "42710", "trigger \"dep_tr\" for relation \"dep_t\" already exists",
                    null);
            execute(connection, "DROP FUNCTION dep_f() CASCADE");
            assertThat(firstValue(connection, "SELECT count(*) FROM pg_trigger WHERE tgname = 'dep_tr'")).isEqualTo("0");
            execute(connection, "INSERT INTO dep_t VALUES (1)");
        }
    }
}
