package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * User-defined SQL functions and procedures as clients see them: a psql script whose expected
 * output PostgreSQL 15 printed (CREATE / OR REPLACE / ALTER / DROP, named arguments, defaults,
 * VARIADIC, overloads beside the built-ins, set-returning and OUT-parameter functions in FROM,
 * CALL, the errors, \df and \sf), and through pgjdbc: a function called with bind parameters,
 * one that sees its transaction's own rows, one rolled back with its transaction, and one used
 * by a column DEFAULT and a CHECK constraint.
 */
class FunctionsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "functions/functions");
    }

    @Test
    void aFunctionTakesBindParametersAndSeesTheTransactionsRows() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE jdbc_fn (k int, v text)");
            execute(connection, "CREATE FUNCTION jdbc_count(lo int) RETURNS bigint LANGUAGE sql STABLE "
                    + "AS 'SELECT count(*) FROM jdbc_fn WHERE k >= lo'");
            connection.setAutoCommit(false);
            execute(connection, "INSERT INTO jdbc_fn SELECT g, 'v' || g FROM generate_series(1, 100) g");
            try (PreparedStatement statement = connection.prepareStatement("SELECT jdbc_count(?), jdbc_count(lo => ?)")) {
                statement.setInt(1, 91);
                statement.setInt(2, 1);
                try (ResultSet result = statement.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getLong(1)).isEqualTo(10);
                    assertThat(result.getLong(2)).isEqualTo(100);
                }
            }
            connection.rollback();
            assertThat(rows(connection, "SELECT jdbc_count(0)")).containsExactly("0");
        }
    }

    @Test
    void aFunctionCreatedInARolledBackTransactionIsGone() throws Exception {
        try (Connection connection = server.connect()) {
            connection.setAutoCommit(false);
            execute(connection, "CREATE FUNCTION jdbc_gone() RETURNS int LANGUAGE sql AS 'SELECT 1'");
            assertThat(rows(connection, "SELECT jdbc_gone()")).containsExactly("1");
            connection.rollback();
            connection.setAutoCommit(true);
            assertError(errorOf(connection, "SELECT jdbc_gone()"), "42883", "function jdbc_gone() does not exist",
                    null);
        }
    }

    @Test
    void defaultsAndChecksCallUserFunctions() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE FUNCTION jdbc_label(i int) RETURNS text LANGUAGE sql IMMUTABLE "
                    + "RETURN 'item ' || i");
            execute(connection, "CREATE FUNCTION jdbc_even(i int) RETURNS boolean LANGUAGE sql IMMUTABLE "
                    + "AS $$ SELECT i % 2 = 0 $$");
            execute(connection, "CREATE TABLE jdbc_checked (k int CHECK (jdbc_even(k)), label text DEFAULT jdbc_label(7))");
            execute(connection, "INSERT INTO jdbc_checked (k) VALUES (2)");
            assertThat(rows(connection, "SELECT k, label FROM jdbc_checked")).containsExactly("2|item 7");
            assertThat(errorOf(connection, "INSERT INTO jdbc_checked (k) VALUES (3)").getSQLState()).isEqualTo("23514");
        }
    }

    @Test
    void errorsNameTheCallAsPostgresDoes() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE FUNCTION jdbc_twice(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a * b'");
            execute(connection, "CREATE FUNCTION jdbc_twice(a bigint, b bigint) RETURNS int LANGUAGE sql AS 'SELECT 1'");
            assertError(errorOf(connection, "SELECT jdbc_twice(1, 'x', 3)"), "42883",
                    "function jdbc_twice(integer, unknown, integer) does not exist", null);
            assertError(errorOf(connection, "SELECT jdbc_twice('1', '2')"), "42725",
                    "function jdbc_twice(unknown, unknown) is not unique", null);
            assertError(errorOf(connection, "CREATE FUNCTION jdbc_twice(a int, b int) RETURNS int LANGUAGE sql "
                    + "AS 'SELECT 1'"), "42723", "function \"jdbc_twice\" already exists with same argument types", null);
            assertError(errorOf(connection, "CREATE FUNCTION jdbc_bad() RETURNS int LANGUAGE sql AS 'SELECT ''a''::text'"),
                    "42P13", "return type mismatch in function declared to return integer",
                    "Actual return type is text.");
        }
    }
}
