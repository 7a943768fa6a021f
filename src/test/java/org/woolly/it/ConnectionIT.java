package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.woolly.server.DataDirectoryInitializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connections: SCRAM authentication, unknown databases, max_connections, cancel. */
class ConnectionIT {
    private static final String PASSWORD = "s3cret-pass";
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension(builder -> builder
            .initOptions(new DataDirectoryInitializer.Options("alice", PASSWORD, "scram-sha-256", "scram-sha-256"))
            .setting("max_connections", "4"));

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), "alice", PASSWORD);
    }

    @Test
    void scramAuthenticationAcceptsTheRightPasswordOnly() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_user, 1 + 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("alice");
            assertThat(rows.getInt(2)).isEqualTo(2);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), "alice", "wrong"))
                .satisfies(thrown -> {
                    assertThat(((SQLException) thrown).getSQLState()).isEqualTo("28P01");
                    assertThat(thrown.getMessage()).contains("password authentication failed for user \"alice\"");
                });
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("nosuchdb"), "alice", PASSWORD))
                .satisfies(thrown -> assertThat(((SQLException) thrown).getSQLState()).isEqualTo("3D000"));
    }

    /** {@code SELECT;} is a row of no columns: a RowDescription of zero fields comes first, in both protocols. */
    @Test
    void aQueryWithoutColumnsStillDescribesItsRows() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : new String[] {"SELECT", "SELECT FROM generate_series(1, 3) LIMIT 1"}) {
                try (ResultSet rows = statement.executeQuery(sql)) {
                    assertThat(rows.getMetaData().getColumnCount()).isZero();
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.next()).isFalse();
                }
                try (java.sql.PreparedStatement prepared = connection.prepareStatement(sql);
                     ResultSet rows = prepared.executeQuery()) {
                    assertThat(rows.getMetaData().getColumnCount()).isZero();
                    assertThat(rows.next()).isTrue();
                }
            }
            assertThatThrownBy(() -> statement.executeQuery("SELECT DISTINCT FROM generate_series(1, 3)"))
                    .hasMessageContaining("syntax error at or near \"FROM\"");
            try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue(); // the session goes on
            }
        }
    }

    @Test
    void theConnectionBeyondMaxConnectionsIsRefused() throws SQLException {
        List<Connection> open = new ArrayList<>();
        try {
            // max_connections = 4; other tests of this class may hold none at this point.
            for (int i = 0; i < 4; i++) {
                open.add(connect());
            }
            assertThatThrownBy(ConnectionIT::connect).satisfies(thrown -> {
                assertThat(((SQLException) thrown).getSQLState()).isEqualTo("53300");
                assertThat(thrown.getMessage()).contains("sorry, too many clients already");
            });
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
        // Slots are released when sessions end.
        try (Connection again = connect()) {
            assertThat(again.isValid(5)).isTrue();
        }
    }

    @Test
    void cancelStopsARunningStatementAndTheSessionGoesOn() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cancel_rows (n int)");
            StringBuilder values = new StringBuilder("INSERT INTO cancel_rows VALUES (0)");
            for (int i = 1; i < 2000; i++) {
                values.append(", (").append(i).append(')');
            }
            statement.execute(values.toString());
            Statement slow = connection.createStatement();
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    // 2000^3 = 8e9 row combinations: runs until cancelled.
                    slow.executeQuery("SELECT count(*) FROM cancel_rows a, cancel_rows b, cancel_rows c");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(1000);
            slow.cancel();
            Throwable thrown = outcome.get(60, TimeUnit.SECONDS);
            slow.close();
            assertThat(thrown).isInstanceOf(SQLException.class);
            assertThat(((SQLException) thrown).getSQLState()).isEqualTo("57014");
            assertThat(thrown.getMessage()).contains("canceling statement due to user request");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM cancel_rows")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(2000);
            }
            statement.execute("DROP TABLE cancel_rows");
        }
    }

    /**
     * A backend ended by idle_in_transaction_session_timeout rolls back its writes on its own
     * thread: the timeout must not leave that thread interrupted, or the rollback's WAL write
     * would close the shared WAL file and PANIC the server.
     */
    @Test
    void idleInTransactionTimeoutRollsBackAndTheServerKeepsWriting() throws Exception {
        try (Connection setup = connect(); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE idle_rollback (n int)");
        }
        for (int round = 0; round < 5; round++) {
            try (Connection idle = connect(); Statement statement = idle.createStatement()) {
                statement.execute("SET idle_in_transaction_session_timeout = 100");
                idle.setAutoCommit(false);
                statement.execute("INSERT INTO idle_rollback VALUES (" + round + ")");
                TimeUnit.MILLISECONDS.sleep(400);
                assertThatThrownBy(() -> statement.execute("SELECT 1"))
                        .isInstanceOf(SQLException.class);
            }
        }
        try (Connection after = connect(); Statement statement = after.createStatement()) {
            statement.execute("INSERT INTO idle_rollback VALUES (100)");
            try (ResultSet rows = statement.executeQuery("SELECT count(*), max(n) FROM idle_rollback")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.getInt(2)).isEqualTo(100);
            }
        }
    }
}
