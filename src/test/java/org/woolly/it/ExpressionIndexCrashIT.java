package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * Expression and partial index entries are B-tree inserts like any other, WAL-logged before
 * the commit that makes their rows visible (PostgreSQL's rule: the WAL record of a change goes
 * to disk before the change's data page, and a commit's record before the client hears of
 * it). A server (separate JVM) killed with SIGKILL comes back with its expression and partial
 * indexes agreeing with the table: an index scan finds what a sequential scan finds, the unique
 * ones still refuse committed keys, and the keys of the transaction the kill aborted are free.
 */
class ExpressionIndexCrashIT {
    private static final int ROWS = 3000;

    @RegisterExtension
    final KillableServer server = new KillableServer();

    @Test
    void expressionAndPartialIndexesAgreeWithTheTableAfterAKill() throws Exception {
        server.initAndStart();
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id int, name text, active bool)");
            statement.execute("CREATE UNIQUE INDEX items_lower ON items (lower(name))");
            statement.execute("CREATE UNIQUE INDEX items_active ON items ((id % 1000)) WHERE active");
            statement.execute("INSERT INTO items SELECT g, 'Item' || g, g <= 1000 FROM generate_series(1, " + ROWS
                    + ") g");
            statement.execute("UPDATE items SET name = 'Renamed' || id WHERE id % 7 = 0");
        }
        // left open: its transaction dies with the server
        Connection open = server.connect();
        open.setAutoCommit(false);
        try (Statement statement = open.createStatement()) {
            statement.execute("INSERT INTO items VALUES (5001, 'Pending', false)");
        }
        server.kill();
        open.close();

        server.restart();
        try (Connection connection = server.connect()) {
            String bySeqScan = scan(connection, "on");
            execute(connection, "SET enable_seqscan = off");
            // ANALYZE keeps no statistics of index expressions yet, so Woolly estimates ten rows
            // where PostgreSQL estimates one and would pick a bitmap scan: ask for the index scan
            execute(connection, "SET enable_bitmapscan = off");
            assertThat(TestSessions.rows(connection,
                    "EXPLAIN (COSTS OFF) SELECT id FROM items WHERE lower(name) = 'item5'"))
                    .first().isEqualTo("Index Scan using items_lower on items");
            assertThat(scan(connection, "off")).isEqualTo(bySeqScan);
            assertThat(TestSessions.rows(connection, "SELECT id FROM items WHERE lower(name) = 'renamed14'"))
                    .containsExactly("14");
            assertThat(TestSessions.rows(connection, "SELECT id FROM items WHERE lower(name) = 'item14'")).isEmpty();
            assertThat(TestSessions.rows(connection, "SELECT id FROM items WHERE id % 1000 = 5 AND active"))
                    .containsExactly("5");
            assertThat(sqlState(connection, "INSERT INTO items VALUES (9000, 'ITEM5', false)")).isEqualTo("23505");
            assertThat(sqlState(connection, "INSERT INTO items VALUES (9005, 'Other', true)")).isEqualTo("23505");
            // the aborted transaction's keys are free
            execute(connection, "INSERT INTO items VALUES (5001, 'pending', false)");
            assertThat(TestSessions.rows(connection, "SELECT id FROM items WHERE lower(name) = 'pending'"))
                    .containsExactly("5001");
        }
    }

    /** Every row found through the expression index, and through the partial index, as one string. */
    private static String scan(Connection connection, String seqScan) throws SQLException {
        StringBuilder found = new StringBuilder();
        for (int id = 1; id <= ROWS; id += 97) {
            found.append(TestSessions.rows(connection, "SELECT id FROM items WHERE lower(name) = lower('Item" + id
                    + "')")).append(TestSessions.rows(connection, "SELECT id FROM items WHERE id % 1000 = " + (id % 1000)
                    + " AND active"));
        }
        return found.toString();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        TestSessions.execute(connection, sql);
    }

    private static String sqlState(Connection connection, String sql) {
        Throwable thrown = catchThrowable(() -> execute(connection, sql));
        assertThat(thrown).isInstanceOf(PSQLException.class);
        return ((PSQLException) thrown).getSQLState();
    }
}
