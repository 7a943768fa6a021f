package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.ServerErrorMessage;

/**
 * PL/pgSQL as clients use it: a psql script whose expected output PostgreSQL 15 printed
 * (functions, procedures, DO, control structures, SELECT INTO, RAISE, exception blocks, the
 * CONTEXT of errors), and through pgjdbc a function called with bound parameters, notices,
 * the rollback of an exception block's work inside a committed transaction and syntax errors
 * reported at CREATE FUNCTION with their position.
 */
class PlpgsqlIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "plpgsql/plpgsql");
    }

    @Test
    void aFunctionCalledWithBoundParametersGivesEachCallsResult() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, """
                    CREATE FUNCTION jdbc_label(n int, prefix text DEFAULT 'item') RETURNS text LANGUAGE plpgsql AS $$
                    DECLARE
                        result text := prefix;
                    BEGIN
                        FOR i IN 1..n LOOP
                            result := result || '.' || i;
                        END LOOP;
                        RETURN result;
                    END $$""");
            List<String> labels = new ArrayList<>();
            try (PreparedStatement call = connection.prepareStatement("SELECT jdbc_label(?)")) {
                for (int n = 0; n < 7; n++) {
                    call.setInt(1, n);
                    try (ResultSet result = call.executeQuery()) {
                        result.next();
                        labels.add(result.getString(1));
                    }
                }
            }
            assertThat(labels).containsExactly("item", "item.1", "item.1.2", "item.1.2.3", "item.1.2.3.4",
                    "item.1.2.3.4.5", "item.1.2.3.4.5.6");
            assertThat(firstValue(connection, "SELECT jdbc_label(2, 'x')")).isEqualTo("x.1.2");
        }
    }

    @Test
    void raiseNoticeReachesTheClientAsAWarning() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN RAISE NOTICE 'hello %', 40 + 2; END $$");
            SQLWarning warning = statement.getWarnings();
            assertThat(warning == null ? null : warning.getMessage()).isEqualTo("hello 42");
        }
    }

    @Test
    void anExceptionBlockUndoesOnlyItsOwnWork() throws SQLException {
        try (Connection writer = server.connect(); Connection reader = server.connect()) {
            execute(writer, "CREATE TABLE pl_ledger (id int PRIMARY KEY, note text)");
            writer.setAutoCommit(false);
            execute(writer, """
                    DO $$
                    BEGIN
                        INSERT INTO pl_ledger VALUES (1, 'kept');
                        BEGIN
                            INSERT INTO pl_ledger VALUES (2, 'undone');
                            INSERT INTO pl_ledger VALUES (1, 'duplicate');
                        EXCEPTION WHEN unique_violation THEN
                            INSERT INTO pl_ledger VALUES (3, 'handler');
                        END;
                    END $$""");
            assertThat(rows(reader, "SELECT id FROM pl_ledger")).isEmpty();
            writer.commit();
            assertThat(rows(reader, "SELECT id || ':' || note FROM pl_ledger ORDER BY id"))
                    .containsExactly("1:kept", "3:handler");
        }
    }

    @Test
    void anUncaughtErrorAbortsTheCallersTransaction() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE pl_abort (id int)");
            connection.setAutoCommit(false);
            execute(connection, "INSERT INTO pl_abort VALUES (1)");
            ServerErrorMessage error = errorOf(connection,
                    "DO $$ BEGIN INSERT INTO pl_abort VALUES (2); RAISE EXCEPTION 'stop here'; END $$");
            assertThat(error.getSQLState()).isEqualTo("P0001");
            assertThat(error.getMessage()).isEqualTo("stop here");
            assertThat(error.getWhere()).isEqualTo("PL/pgSQL function inline_code_block line 1 at RAISE");
            assertThat(errorOf(connection, "SELECT 1").getSQLState()).isEqualTo("25P02");
            connection.rollback();
            assertThat(rows(connection, "SELECT id FROM pl_abort")).isEmpty();
        }
    }

    @Test
    void aSyntaxErrorIsReportedAtCreateFunctionWithItsPosition() throws SQLException {
        try (Connection connection = server.connect()) {
            String sql = "CREATE FUNCTION pl_broken() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETRUN 1; END $$";
            ServerErrorMessage error = errorOf(connection, sql);
            assertThat(error.getSQLState()).isEqualTo("42601");
            assertThat(error.getMessage()).isEqualTo("syntax error at or near \"RETRUN\"");
            assertThat(error.getPosition()).isEqualTo(sql.indexOf("RETRUN") + 1);
            assertThat(firstValue(connection, "SELECT count(*) FROM pg_proc WHERE proname = 'pl_broken'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void aSetReturningFunctionFeedsAQuery() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, """
                    CREATE FUNCTION pl_squares(n int) RETURNS TABLE (square int) LANGUAGE plpgsql AS $$
                    BEGIN
                        FOR i IN 1..n LOOP
                            square := i * i;
                            RETURN NEXT;
                        END LOOP;
                    END $$""");
            assertThat(rows(connection, "SELECT square FROM pl_squares(4) WHERE square > 1 ORDER BY square DESC"))
                    .containsExactly("16", "9", "4");
        }
    }
}
