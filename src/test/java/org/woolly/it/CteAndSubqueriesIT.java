package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * Correlated subqueries, WITH and WITH RECURSIVE, INTERSECT / EXCEPT, LATERAL and UPDATE ...
 * FROM as clients see them: a psql script whose expected output PostgreSQL 15 produced (results,
 * errors with their positions and hints, EXPLAIN of SubPlan, CTE Scan and Recursive Union), and
 * pgjdbc for parameters and SQLSTATEs.
 */
class CteAndSubqueriesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "cte/cte");
    }

    /** A CTE referenced twice runs once and both read its rows; once referenced, it is inlined; EXPLAIN as PG. */
    @Test
    void sharedCtesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "cte/shared");
    }

    /** A volatile CTE read by two references of a prepared statement gives both the same rows. */
    @Test
    void sharedCteThroughPreparedStatement() throws SQLException {
        try (Connection connection = server.connect(); PreparedStatement statement = connection.prepareStatement(
                "WITH x AS (SELECT random() * ? AS r FROM generate_series(1, ?)) "
                        + "SELECT count(*) FROM x x1 JOIN x x2 ON x1.r = x2.r")) {
            for (int rows : new int[] {3, 50}) {
                statement.setDouble(1, 1000.0);
                statement.setInt(2, rows);
                try (ResultSet result = statement.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getLong(1)).isEqualTo(rows);
                }
            }
        }
    }

    @Test
    void correlatedSubqueryWithStatementParameters() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE jp_orders (customer int, amount int)");
            statement.execute("INSERT INTO jp_orders VALUES (1, 5), (1, 7), (2, 3), (3, 10)");
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT o.customer, o.amount FROM jp_orders o WHERE o.amount = "
                            + "(SELECT max(i.amount) FROM jp_orders i WHERE i.customer = o.customer AND i.amount < ?) "
                            + "ORDER BY 1")) {
                for (int run = 0; run < 6; run++) {
                    query.setInt(1, 8);
                    List<String> rows = new ArrayList<>();
                    try (ResultSet result = query.executeQuery()) {
                        while (result.next()) {
                            rows.add(result.getInt(1) + ":" + result.getInt(2));
                        }
                    }
                    assertThat(rows).containsExactly("1:7", "2:3");
                }
            }
            assertThatThrownBy(() -> statement.executeQuery(
                    "SELECT (SELECT amount FROM jp_orders i WHERE i.customer = o.customer) FROM jp_orders o"))
                    .satisfies(thrown -> {
                        assertThat(((PSQLException) thrown).getSQLState()).isEqualTo("21000");
                        assertThat(thrown.getMessage())
                                .contains("more than one row returned by a subquery used as an expression");
                    });
        }
    }

    /** UNION without ALL hashes the rows it has seen: a type without hashing is refused, not looped on. */
    @Test
    void recursiveUnionNeedsHashableColumns() throws SQLException {
        try (Connection connection = server.connect()) {
            WoollyServerExtension.assertError(WoollyServerExtension.errorOf(connection,
                    "WITH RECURSIVE t(n) AS (VALUES ('01'::varbit) UNION SELECT n || '10'::varbit FROM t"
                            + " WHERE n < '100'::varbit) SELECT n FROM t"),
                    "0A000", "could not implement recursive UNION", "All column datatypes must be hashable.");
            assertThat(TestSessions.rows(connection, "WITH RECURSIVE t(n) AS (VALUES ('{1}'::int[]) UNION"
                    + " SELECT n || 1 FROM t WHERE cardinality(n) < 3) SELECT n FROM t")).containsExactly(
                    "{1}", "{1,1}", "{1,1,1}");
        }
    }

    /** CREATE [OR REPLACE] RECURSIVE VIEW is a view over WITH RECURSIVE, its self-reference the CTE, not the view. */
    @Test
    void recursiveViewsCountAndReplace() throws SQLException {
        try (Connection connection = server.connect()) {
            TestSessions.execute(connection, "CREATE RECURSIVE VIEW rv_nums (n) AS VALUES (1) UNION ALL"
                    + " SELECT n + 1 FROM rv_nums WHERE n < 3");
            assertThat(TestSessions.rows(connection, "SELECT n FROM rv_nums")).containsExactly("1", "2", "3");
            TestSessions.execute(connection, "CREATE OR REPLACE RECURSIVE VIEW rv_nums (n) AS VALUES (1) UNION ALL"
                    + " SELECT n + 1 FROM rv_nums WHERE n < 4");
            assertThat(TestSessions.rows(connection, "SELECT n FROM rv_nums")).containsExactly("1", "2", "3", "4");
            WoollyServerExtension.assertError(WoollyServerExtension.errorOf(connection,
                    "CREATE RECURSIVE VIEW rv_bad AS SELECT 1"), "42601", "syntax error at or near \"AS\"", null);
        }
    }

    @Test
    void recursiveCteWalksATree() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE jp_tree (id int, parent int, name text)");
            statement.execute("INSERT INTO jp_tree VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a1'),"
                    + " (5, 4, 'a1x')");
            try (PreparedStatement query = connection.prepareStatement(
                    "WITH RECURSIVE sub (id, path, depth) AS (SELECT id, name, 0 FROM jp_tree WHERE id = ? "
                            + "UNION ALL SELECT t.id, sub.path || '/' || t.name, depth + 1 FROM jp_tree t "
                            + "JOIN sub ON t.parent = sub.id) SELECT path, depth FROM sub ORDER BY path")) {
                query.setInt(1, 2);
                List<String> rows = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getString(1) + "@" + result.getInt(2));
                    }
                }
                assertThat(rows).containsExactly("a@0", "a/a1@1", "a/a1/a1x@2");
            }
            assertThatThrownBy(() -> statement.executeQuery(
                    "WITH RECURSIVE r (n) AS (SELECT n FROM r UNION SELECT 1) SELECT * FROM r"))
                    .satisfies(thrown -> assertThat(((PSQLException) thrown).getSQLState()).isEqualTo("42P19"));
        }
    }
}
