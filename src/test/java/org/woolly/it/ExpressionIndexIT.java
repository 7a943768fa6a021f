package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.woolly.it.WoollyServerExtension.errorOf;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Expression indexes ({@code CREATE INDEX ON t (lower(name))}) and partial indexes
 * ({@code ... WHERE active}) as a pgjdbc client sees them: the catalog rows, uniqueness on the
 * computed key and only among the rows of the predicate, the plans PostgreSQL 15 chooses
 * (EXPLAIN COSTS OFF text), ON CONFLICT inferring them, and PostgreSQL's errors. Every expected
 * text was checked against PostgreSQL 15.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExpressionIndexIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static void assertError(Connection connection, String sql, String sqlState, String message, String detail) {
        WoollyServerExtension.assertError(errorOf(connection, sql), sqlState, message, detail);
    }

    @Test
    void aUniqueExpressionIndexComparesTheComputedKey() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE people (id int, name text, a int, b int)");
        execute(c, "INSERT INTO people VALUES (1, 'Ann', 1, 2), (2, 'Bob', 2, 2)");
        execute(c, "CREATE UNIQUE INDEX ON people (lower(name))");
        execute(c, "CREATE UNIQUE INDEX ON people ((a + b))");
        assertThat(rows(c, "SELECT c.relname, i.indkey::text, i.indexprs, i.indpred IS NULL FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = 'people') ORDER BY 1"))
                .containsExactly("people_expr_idx|0|(a + b)|t", "people_lower_idx|0|lower(name)|t");
        assertThat(rows(c, "SELECT a.attname, a.atttypid FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "WHERE c.relname IN ('people_lower_idx', 'people_expr_idx') ORDER BY 1"))
                .containsExactly("expr|23", "lower|25");
        assertError(c, "INSERT INTO people VALUES (3, 'ANN', 5, 5)", "23505",
                "duplicate key value violates unique constraint \"people_lower_idx\"",
                "Key (lower(name))=(ann) already exists.");
        execute(c, "INSERT INTO people VALUES (3, 'Cid', 0, 5)");
        // an UPDATE moves the entry: the old key is free again, the new one taken
        execute(c, "UPDATE people SET name = 'Anna' WHERE id = 1");
        execute(c, "INSERT INTO people VALUES (4, 'ann', 10, 10)");
        assertError(c, "UPDATE people SET name = 'BOB' WHERE id = 3", "23505",
                "duplicate key value violates unique constraint \"people_lower_idx\"",
                "Key (lower(name))=(bob) already exists.");
        // building over duplicate rows fails as PostgreSQL's index_build does
        execute(c, "DROP INDEX people_lower_idx");
        execute(c, "INSERT INTO people VALUES (5, 'Eve', 30, 1), (6, 'eve', 40, 2)");
        assertError(c, "CREATE UNIQUE INDEX people_upper ON people (upper(name))", "23505",
                "could not create unique index \"people_upper\"", "Key (upper(name))=(EVE) is duplicated.");
        assertThat(rows(c, "SELECT count(*) FROM pg_class WHERE relname = 'people_upper'")).containsExactly("0");
    }

    @Test
    void thePlannerUsesAnIndexWhoseExpressionTheQueryCompares() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE words (id int, word text, a int, b int)");
        execute(c, "INSERT INTO words SELECT g, 'Word' || g, g, g * 2 FROM generate_series(1, 2000) g");
        execute(c, "CREATE INDEX words_lower ON words (lower(word))");
        execute(c, "CREATE INDEX words_sum ON words ((a + b))");
        execute(c, "ANALYZE words");
        // ANALYZE keeps no statistics of index expressions yet (PostgreSQL estimates one row here,
        // Woolly ten, which makes a bitmap scan cheaper): the index scan is asked for
        execute(c, "SET enable_bitmapscan = off");
        assertThat(rows(c, "EXPLAIN (COSTS OFF) SELECT * FROM words WHERE lower(word) = 'word42'"))
                .containsExactly("Index Scan using words_lower on words", "  Index Cond: (lower(word) = 'word42'::text)");
        assertThat(rows(c, "SELECT id FROM words WHERE lower(word) = 'word42'")).containsExactly("42");
        assertThat(rows(c, "EXPLAIN (COSTS OFF) SELECT id FROM words WHERE a + b = 300"))
                .containsExactly("Index Scan using words_sum on words", "  Index Cond: ((a + b) = 300)");
        assertThat(rows(c, "SELECT id FROM words WHERE a + b = 300")).containsExactly("100");
        assertThat(rows(c, "SELECT count(*) FROM words WHERE a + b < 30")).containsExactly("9");
        // a different expression does not match the index
        assertThat(rows(c, "EXPLAIN (COSTS OFF) SELECT id FROM words WHERE upper(word) = 'WORD42'"))
                .containsExactly("Seq Scan on words", "  Filter: (upper(word) = 'WORD42'::text)");
    }

    @Test
    void aPartialUniqueIndexHoldsOnlyAmongTheRowsOfItsPredicate() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE accounts (id int, email text, active bool)");
        execute(c, "INSERT INTO accounts VALUES (1, 'a@x', true), (2, 'a@x', false), (3, 'a@x', false)");
        execute(c, "CREATE UNIQUE INDEX accounts_active_email ON accounts (email) WHERE active");
        assertThat(rows(c, "SELECT indpred, indkey::text FROM pg_index WHERE indexrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = 'accounts_active_email')")).containsExactly("active|2");
        execute(c, "INSERT INTO accounts VALUES (4, 'a@x', false)");
        assertError(c, "INSERT INTO accounts VALUES (5, 'a@x', true)", "23505",
                "duplicate key value violates unique constraint \"accounts_active_email\"",
                "Key (email)=(a@x) already exists.");
        assertError(c, "UPDATE accounts SET active = true WHERE id = 2", "23505",
                "duplicate key value violates unique constraint \"accounts_active_email\"",
                "Key (email)=(a@x) already exists.");
        execute(c, "UPDATE accounts SET active = false WHERE id = 1");
        execute(c, "UPDATE accounts SET active = true WHERE id = 2");
        execute(c, "INSERT INTO accounts SELECT g, 'u' || g, g % 10 = 0 FROM generate_series(10, 3000) g");
        execute(c, "ANALYZE accounts");
        assertThat(rows(c, "EXPLAIN (COSTS OFF) SELECT id FROM accounts WHERE email = 'u100' AND active"))
                .containsExactly("Index Scan using accounts_active_email on accounts",
                        "  Index Cond: (email = 'u100'::text)");
        assertThat(rows(c, "SELECT id FROM accounts WHERE email = 'u100' AND active")).containsExactly("100");
        assertThat(rows(c, "SELECT id FROM accounts WHERE email = 'a@x' AND active = true")).containsExactly("2");
        // without the predicate among the quals the partial index cannot answer
        assertThat(rows(c, "EXPLAIN (COSTS OFF) SELECT id FROM accounts WHERE email = 'u100'"))
                .containsExactly("Seq Scan on accounts", "  Filter: (email = 'u100'::text)");
        assertThat(rows(c, "SELECT count(*) FROM accounts WHERE email = 'a@x'")).containsExactly("4");
    }

    @Test
    void onConflictInfersExpressionAndPartialIndexes() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE tags (id int, name text, a int, b int, active bool)");
        execute(c, "CREATE UNIQUE INDEX tags_lower ON tags (lower(name))");
        execute(c, "CREATE UNIQUE INDEX tags_a_active ON tags (a) WHERE active");
        execute(c, "INSERT INTO tags VALUES (1, 'X', 1, 2, true)");
        assertThat(rows(c, "INSERT INTO tags VALUES (8, 'x', 100, 100, false) ON CONFLICT (lower(name)) "
                + "DO UPDATE SET id = 99 RETURNING id, name")).containsExactly("99|X");
        execute(c, "INSERT INTO tags VALUES (9, 'q', 1, 100, true) ON CONFLICT (a) WHERE active DO NOTHING");
        assertThat(rows(c, "SELECT count(*) FROM tags")).containsExactly("1");
        assertError(c, "INSERT INTO tags VALUES (9, 'q', 1, 100, true) ON CONFLICT (a) DO NOTHING", "42P10",
                "there is no unique or exclusion constraint matching the ON CONFLICT specification", null);
        assertThat(rows(c, "INSERT INTO tags VALUES (9, 'q', 1, 100, true) ON CONFLICT (a) WHERE active AND b > 0 "
                + "DO UPDATE SET b = excluded.b RETURNING id, b")).containsExactly("99|100");
        // a row outside the predicate does not conflict
        assertThat(rows(c, "INSERT INTO tags VALUES (10, 'r', 1, 100, false) ON CONFLICT (a) WHERE active "
                + "DO NOTHING RETURNING id")).containsExactly("10");
        execute(c, "INSERT INTO tags VALUES (12, 'X', 50, 100, true) ON CONFLICT DO NOTHING");
        assertThat(rows(c, "SELECT id FROM tags ORDER BY id")).containsExactly("10", "99");
    }

    @Test
    void indexExpressionsAndPredicatesFollowPostgresqlRules() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE r (a int, b int, t timestamptz)");
        assertError(c, "CREATE INDEX ON r (random())", "42P17",
                "functions in index expression must be marked IMMUTABLE", null);
        assertError(c, "CREATE INDEX ON r (now())", "42P17",
                "functions in index expression must be marked IMMUTABLE", null);
        assertError(c, "CREATE INDEX ON r (a) WHERE b > random()", "42P17",
                "functions in index predicate must be marked IMMUTABLE", null);
        ServerErrorMessage aggregate = errorOf(c, "CREATE INDEX ON r (sum(a))");
        assertThat(aggregate.getSQLState()).isEqualTo("42803");
        assertThat(aggregate.getMessage()).isEqualTo("aggregate functions are not allowed in index expressions");
        assertThat(aggregate.getPosition()).isEqualTo(20);
        assertError(c, "CREATE INDEX ON r (a) WHERE b", "42804",
                "argument of WHERE must be type boolean, not type integer", null);
        assertError(c, "CREATE INDEX ON r ((a + nosuch))", "42703", "column \"nosuch\" does not exist", null);
        assertThat(rows(c, "SELECT count(*) FROM pg_class WHERE relname LIKE 'r\\_%'")).containsExactly("0");
    }

    @Test
    void aUniqueIndexOnAnOperatorExpressionRefusesEveryWayADuplicateComesIn() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE sums (id int, a int, b int)");
        execute(c, "CREATE UNIQUE INDEX ON sums ((a + b))");
        execute(c, "INSERT INTO sums VALUES (1, 1, 2)");
        String violation = "duplicate key value violates unique constraint \"sums_expr_idx\"";
        assertError(c, "INSERT INTO sums VALUES (2, 2, 1)", "23505", violation, "Key ((a + b))=(3) already exists.");
        // two new rows of one statement colliding with each other
        assertError(c, "INSERT INTO sums VALUES (3, 5, 5), (4, 4, 6)", "23505", violation,
                "Key ((a + b))=(10) already exists.");
        execute(c, "INSERT INTO sums VALUES (5, 7, 7)");
        assertError(c, "UPDATE sums SET a = 0, b = 3 WHERE id = 5", "23505", violation,
                "Key ((a + b))=(3) already exists.");
        // an UPDATE of a column the expression reads moves the entry even with no plain index column changed
        execute(c, "UPDATE sums SET a = 10 WHERE id = 1");
        execute(c, "INSERT INTO sums VALUES (6, 3, 0)");
        assertError(c, "INSERT INTO sums VALUES (7, 10, 2)", "23505", violation, "Key ((a + b))=(12) already exists.");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO sums VALUES (?, ?, ?)")) {
            for (int execution = 0; execution < 6; execution++) {
                insert.setInt(1, 8);
                insert.setInt(2, 14);
                insert.setInt(3, 0);
                assertThat(catchThrowable(insert::executeUpdate)).isInstanceOf(PSQLException.class)
                        .hasMessageContaining("Key ((a + b))=(14) already exists.");
            }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        assertThat(catchThrowable(() -> copy.copyIn("COPY sums FROM STDIN", new StringReader("9\t1\t11\n"))))
                .isInstanceOf(PSQLException.class).hasMessageContaining("Key ((a + b))=(12) already exists.");
        assertThat(rows(c, "INSERT INTO sums VALUES (10, 2, 1) ON CONFLICT DO NOTHING RETURNING id")).isEmpty();
        assertThat(rows(c, "INSERT INTO sums VALUES (11, 1, 2) ON CONFLICT ((a + b)) DO UPDATE SET b = 100 "
                + "RETURNING id, a, b")).containsExactly("6|3|100");
        // ON CONFLICT's UPDATE itself may not produce a duplicate key
        assertError(c, "INSERT INTO sums VALUES (12, 50, 53) ON CONFLICT ((a + b)) DO UPDATE SET b = 11", "23505",
                violation, "Key ((a + b))=(14) already exists.");
        assertThat(rows(c, "SELECT id, a, b FROM sums ORDER BY id")).containsExactly("1|10|2", "5|7|7", "6|3|100");
        execute(c, "CREATE TABLE products (x int, y int)");
        execute(c, "CREATE UNIQUE INDEX ON products ((x * y), ((x + 1) * 2), abs(x))");
        execute(c, "INSERT INTO products VALUES (2, 3)");
        assertError(c, "INSERT INTO products VALUES (2, 3)", "23505",
                "duplicate key value violates unique constraint \"products_expr_expr1_abs_idx\"",
                "Key ((x * y), ((x + 1) * 2), abs(x))=(6, 6, 2) already exists.");
    }
}
