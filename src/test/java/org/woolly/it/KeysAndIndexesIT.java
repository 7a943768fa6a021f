package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.TestSessions.execute;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PRIMARY KEY, UNIQUE, NOT NULL and CHECK constraints and CREATE/DROP INDEX as a pgjdbc client
 * sees them: PostgreSQL 15's generated names, SQLSTATEs, messages and DETAIL lines (each checked
 * against PostgreSQL 15), uniqueness under concurrent inserts, and DDL that leaves nothing behind
 * when it fails.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeysAndIndexesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The server error of a failed statement. */
    private static ServerErrorMessage error(Connection connection, String sql) {
        Throwable thrown = catchThrowable(() -> execute(connection, sql));
        return serverError(thrown);
    }

    private static ServerErrorMessage serverError(Throwable thrown) {
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof PSQLException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a server error, got " + thrown).isInstanceOf(PSQLException.class);
        return ((PSQLException) cause).getServerErrorMessage();
    }

    @Test
    void primaryKeyAndUniqueConstraintsRefuseDuplicates() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE k2 (id int PRIMARY KEY, x int UNIQUE, y text, UNIQUE (x, y))");
        assertThat(column(c, "SELECT conname || ' ' || contype::text || ' ' || conkey FROM pg_constraint "
                + "WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 'k2') ORDER BY conname"))
                .containsExactly("k2_pkey p {1}", "k2_x_key u {2}", "k2_x_y_key u {2,3}");
        assertThat(column(c, "SELECT relname || ' ' || relkind::text || ' ' || relam FROM pg_class "
                + "WHERE relname LIKE 'k2%' ORDER BY relname"))
                .containsExactly("k2 r 2", "k2_pkey i 403", "k2_x_key i 403", "k2_x_y_key i 403");
        execute(c, "INSERT INTO k2 VALUES (1, 1, 'a'), (2, NULL, 'b'), (3, NULL, 'b')");
        assertError(error(c, "INSERT INTO k2 VALUES (1, 5, 'c')"), "23505",
                "duplicate key value violates unique constraint \"k2_pkey\"", "Key (id)=(1) already exists.");
        assertError(error(c, "INSERT INTO k2 VALUES (4, 1, 'c')"), "23505",
                "duplicate key value violates unique constraint \"k2_x_key\"", "Key (x)=(1) already exists.");
        assertError(error(c, "INSERT INTO k2 VALUES (NULL, 7, 'c')"), "23502",
                "null value in column \"id\" of relation \"k2\" violates not-null constraint",
                "Failing row contains (null, 7, c).");
        assertError(error(c, "UPDATE k2 SET id = 1 WHERE id = 2"), "23505",
                "duplicate key value violates unique constraint \"k2_pkey\"", "Key (id)=(1) already exists.");
        // a row's own new version, and a key freed by a delete in the same transaction, do not conflict
        execute(c, "UPDATE k2 SET y = 'z' WHERE id = 1");
        c.setAutoCommit(false);
        execute(c, "DELETE FROM k2 WHERE id = 2");
        execute(c, "INSERT INTO k2 VALUES (2, 20, 'again')");
        c.commit();
        c.setAutoCommit(true);
        assertThat(column(c, "SELECT id || ':' || coalesce(x::text, '-') || ':' || y FROM k2 ORDER BY id"))
                .containsExactly("1:1:z", "2:20:again", "3:-:b");
    }

    @Test
    void uniqueNullsNotDistinctAndIncludeColumns() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE inc (a int, b int, c int UNIQUE NULLS NOT DISTINCT, UNIQUE (a) INCLUDE (b))");
        assertThat(column(c, "SELECT conname FROM pg_constraint WHERE conrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = 'inc') ORDER BY conname"))
                .containsExactly("inc_a_b_key", "inc_c_key");
        execute(c, "INSERT INTO inc VALUES (1, 1, NULL), (NULL, 2, 1), (NULL, 3, 2)");
        assertError(error(c, "INSERT INTO inc VALUES (5, 5, NULL)"), "23505",
                "duplicate key value violates unique constraint \"inc_c_key\"", "Key (c)=(null) already exists.");
        assertError(error(c, "INSERT INTO inc VALUES (1, 9, 9)"), "23505",
                "duplicate key value violates unique constraint \"inc_a_b_key\"", "Key (a)=(1) already exists.");
    }

    @Test
    void checkConstraintsHaveGeneratedNamesAndShowTheFailingRow() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE ch (a int CHECK (a > 0), b int, c int, CHECK (b > 0 AND b < 10), "
                + "CONSTRAINT named CHECK (c <> 5), CHECK (a < c))");
        assertThat(column(c, "SELECT conname FROM pg_constraint WHERE contype = 'c' "
                + "AND conrelid = (SELECT oid FROM pg_class WHERE relname = 'ch') ORDER BY conname"))
                .containsExactly("ch_a_check", "ch_b_check", "ch_check", "named");
        execute(c, "INSERT INTO ch VALUES (1, 1, 2), (NULL, NULL, NULL)");
        assertError(error(c, "INSERT INTO ch VALUES (0, 1, 2)"), "23514",
                "new row for relation \"ch\" violates check constraint \"ch_a_check\"",
                "Failing row contains (0, 1, 2).");
        assertError(error(c, "UPDATE ch SET c = 5 WHERE a = 1"), "23514",
                "new row for relation \"ch\" violates check constraint \"named\"",
                "Failing row contains (1, 1, 5).");
        assertError(error(c, "INSERT INTO ch VALUES (3, 1, 2)"), "23514",
                "new row for relation \"ch\" violates check constraint \"ch_check\"",
                "Failing row contains (3, 1, 2).");
        ServerErrorMessage notBoolean = error(c, "CREATE TABLE ch2 (a int CHECK (a + 1))");
        assertThat(notBoolean.getSQLState()).isEqualTo("42804");
        assertThat(error(c, "CREATE TABLE ch3 (a int CHECK (b > 0))").getSQLState()).isEqualTo("42703");
        assertThat(column(c, "SELECT count(*) FROM pg_class WHERE relname IN ('ch2', 'ch3')")).containsExactly("0");
    }

    @Test
    void createIndexBuildsFromRowsAndAFailedBuildLeavesNothing() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE ci (a int, b text, c int)");
        execute(c, "INSERT INTO ci VALUES (1, 'x', 1), (2, 'y', 1), (3, NULL, 2)");
        execute(c, "CREATE INDEX ON ci (a)");
        execute(c, "CREATE INDEX ON ci (a)");
        execute(c, "CREATE UNIQUE INDEX ci_b ON ci USING btree (b DESC NULLS LAST) INCLUDE (c)");
        execute(c, "CREATE INDEX IF NOT EXISTS ci_b ON ci (c)");
        assertThat(column(c, "SELECT c.relname || ' ' || i.indkey || ' ' || i.indnkeyatts || ' ' || i.indoption "
                + "|| CASE WHEN i.indisunique THEN ' unique' ELSE '' END FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE i.indrelid = (SELECT oid FROM pg_class WHERE relname = 'ci') ORDER BY c.relname"))
                .containsExactly("ci_a_idx 1 1 0", "ci_a_idx1 1 1 0", "ci_b 2 3 1 1 unique");
        assertError(error(c, "CREATE UNIQUE INDEX ci_c_key ON ci (c)"), "23505",
                "could not create unique index \"ci_c_key\"", "Key (c)=(1) is duplicated.");
        assertThat(column(c, "SELECT count(*) FROM pg_class WHERE relname = 'ci_c_key'")).containsExactly("0");
        assertError(error(c, "INSERT INTO ci VALUES (4, 'x', 4)"), "23505",
                "duplicate key value violates unique constraint \"ci_b\"", "Key (b)=(x) already exists.");
        assertThat(error(c, "CREATE INDEX ON ci (nope)").getSQLState()).isEqualTo("42703");
        assertThat(error(c, "CREATE INDEX ON missing (a)").getSQLState()).isEqualTo("42P01");
        execute(c, "REINDEX TABLE ci");
        execute(c, "REINDEX INDEX ci_b");
        assertError(error(c, "INSERT INTO ci VALUES (5, 'y', 5)"), "23505",
                "duplicate key value violates unique constraint \"ci_b\"", "Key (b)=(y) already exists.");
        execute(c, "TRUNCATE ci");
        execute(c, "INSERT INTO ci VALUES (1, 'x', 1)");
        assertThat(column(c, "SELECT count(*) FROM ci")).containsExactly("1");
    }

    @Test
    void dropIndexRefusesAConstraintsIndexAndDropTableTakesItsIndexes() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE di (id int PRIMARY KEY, v int)");
        execute(c, "CREATE INDEX di_v ON di (v)");
        ServerErrorMessage refused = error(c, "DROP INDEX di_pkey");
        assertThat(refused.getSQLState()).isEqualTo("2BP01");
        assertThat(refused.getMessage()).isEqualTo(
                "cannot drop index di_pkey because constraint di_pkey on table di requires it");
        assertThat(refused.getHint()).isEqualTo("You can drop constraint di_pkey on table di instead.");
        execute(c, "DROP INDEX di_v");
        execute(c, "DROP INDEX IF EXISTS di_v");
        assertThat(error(c, "DROP INDEX di_v").getSQLState()).isEqualTo("42704");
        execute(c, "DROP TABLE di");
        assertThat(column(c, "SELECT count(*) FROM pg_class WHERE relname LIKE 'di%'")).containsExactly("0");
        assertThat(column(c, "SELECT count(*) FROM pg_constraint WHERE conname LIKE 'di%'")).containsExactly("0");
    }

    @Test
    void alterTableAddsAndDropsConstraints() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE at (id int, v int)");
        execute(c, "INSERT INTO at VALUES (1, 1), (2, 1), (NULL, 3)");
        assertError(error(c, "ALTER TABLE at ADD PRIMARY KEY (id)"), "23502",
                "column \"id\" of relation \"at\" contains null values", null);
        execute(c, "DELETE FROM at WHERE id IS NULL");
        execute(c, "ALTER TABLE at ADD PRIMARY KEY (id)");
        assertError(error(c, "ALTER TABLE at ADD UNIQUE (v)"), "23505",
                "could not create unique index \"at_v_key\"", "Key (v)=(1) is duplicated.");
        assertError(error(c, "ALTER TABLE at ADD CHECK (v > 1)"), "23514",
                "check constraint \"at_v_check\" of relation \"at\" is violated by some row", null);
        execute(c, "ALTER TABLE at ADD CONSTRAINT v_small CHECK (v < 100)");
        assertError(error(c, "INSERT INTO at VALUES (1, 5)"), "23505",
                "duplicate key value violates unique constraint \"at_pkey\"", "Key (id)=(1) already exists.");
        assertThat(error(c, "ALTER TABLE at ADD PRIMARY KEY (v)").getSQLState()).isEqualTo("42P16");
        execute(c, "ALTER TABLE at DROP CONSTRAINT at_pkey");
        execute(c, "ALTER TABLE at DROP CONSTRAINT IF EXISTS at_pkey");
        execute(c, "INSERT INTO at VALUES (1, 5)");
        assertError(error(c, "INSERT INTO at VALUES (9, 500)"), "23514",
                "new row for relation \"at\" violates check constraint \"v_small\"", "Failing row contains (9, 500).");
        assertThat(column(c, "SELECT count(*) FROM pg_class WHERE relname = 'at_pkey'")).containsExactly("0");
    }

    @Test
    void twoSessionsRacingForOneKeyOneWins() throws Exception {
        Connection a = sessions.connect();
        Connection b = sessions.connect();
        execute(a, "CREATE TABLE race (id int PRIMARY KEY)");
        a.setAutoCommit(false);
        execute(a, "INSERT INTO race VALUES (1)");
        Future<Object> second = sessions.inBackground(() -> {
            execute(b, "INSERT INTO race VALUES (1)");
            return null;
        });
        Thread.sleep(1000);
        assertThat(second.isDone()).as("the second insert waits for the first transaction").isFalse();
        a.commit();
        Throwable thrown = catchThrowable(() -> second.get(20, TimeUnit.SECONDS));
        assertError(serverError(thrown), "23505", "duplicate key value violates unique constraint \"race_pkey\"",
                "Key (id)=(1) already exists.");

        execute(a, "INSERT INTO race VALUES (2)");
        Future<Object> third = sessions.inBackground(() -> {
            execute(b, "INSERT INTO race VALUES (2)");
            return null;
        });
        Thread.sleep(1000);
        assertThat(third.isDone()).isFalse();
        a.rollback();
        third.get(20, TimeUnit.SECONDS);
        a.setAutoCommit(true);
        assertThat(column(a, "SELECT id FROM race ORDER BY id")).containsExactly("1", "2");
    }
}
