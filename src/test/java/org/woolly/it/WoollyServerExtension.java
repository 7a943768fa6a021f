package org.woolly.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.woolly.embedded.WoollyServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Starts an embedded server on a temporary directory and a free port before a test class and
 * removes it after. Register with {@code @RegisterExtension static final WoollyServerExtension
 * server = new WoollyServerExtension();}, optionally customizing the builder.
 */
final class WoollyServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<WoollyServer.Builder> customization;
    private WoollyServer server;

    WoollyServerExtension() {
        this(UnaryOperator.identity());
    }

    WoollyServerExtension(UnaryOperator<WoollyServer.Builder> customization) {
        this.customization = customization;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // autovacuum off unless a test turns it on: an automatic VACUUM or ANALYZE in the middle of
        // a test would change the plans, sizes and counters that many tests assert exactly
        server = customization.apply(WoollyServer.builder().temporaryDirectory().setting("fsync", "off")
                .setting("autovacuum", "off")).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            // The extension is a static field of its test class and outlives it in the IT JVM.
            server = null;
        }
    }

    WoollyServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    String superuser() {
        return server.superuser();
    }

    String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    /** A connection to {@code postgres} as the superuser (trust authentication). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), "");
    }

    /** A connection with pgjdbc URL parameters ({@code "prepareThreshold=-1"}: binary transfer from the first execution). */
    Connection connect(String urlParameters) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres") + "?" + urlParameters, server.superuser(), "");
    }

    /** The error the server sends for {@code sql}; fails the test if the statement succeeds. */
    static ServerErrorMessage errorOf(Connection connection, String sql) {
        Throwable thrown = catchThrowable(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
        assertThat(thrown).as(sql).isInstanceOf(PSQLException.class);
        return ((PSQLException) thrown).getServerErrorMessage();
    }

    /** Runs {@code sql}, which must fail, and asserts the error's SQLSTATE and message (whatever the DETAIL). */
    static void assertStatementError(Connection connection, String sql, String sqlState, String message) {
        ServerErrorMessage error = errorOf(connection, sql);
        assertThat(error.getSQLState()).as(sql).isEqualTo(sqlState);
        assertThat(error.getMessage()).as(sql).isEqualTo(message);
    }

    /** Asserts a server error's SQLSTATE, message and DETAIL (null for none). */
    static void assertError(ServerErrorMessage error, String sqlState, String message, String detail) {
        assertThat(error.getSQLState()).isEqualTo(sqlState);
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.getDetail()).isEqualTo(detail);
    }
}
