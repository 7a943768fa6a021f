package org.woolly.it;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The connections and background statements of one test, closed after it: register with
 * {@code @RegisterExtension final TestSessions sessions = new TestSessions(server);}.
 */
final class TestSessions implements AfterEachCallback {
    private final WoollyServerExtension server;
    private final List<Connection> connections = new ArrayList<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    TestSessions(WoollyServerExtension server) {
        this.server = server;
    }

    /** A connection to {@code postgres} as the superuser; {@code parameters} are URL parameters ("prepareThreshold=1"). */
    Connection connect(String... parameters) throws SQLException {
        String url = server.jdbcUrl("postgres") + (parameters.length == 0 ? "" : "?" + String.join("&", parameters));
        Connection connection = DriverManager.getConnection(url, server.superuser(), "");
        connections.add(connection);
        return connection;
    }

    /** A connection to {@code database} as {@code user} (trust authentication). */
    Connection connectTo(String database, String user) throws SQLException {
        Connection connection = DriverManager.getConnection(server.jdbcUrl(database), user, "");
        connections.add(connection);
        return connection;
    }

    <T> Future<T> inBackground(Callable<T> work) {
        return background.submit(work);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every row of {@code sql}'s result, columns joined by '|' (null as "null"). */
    static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rows.getString(i));
                }
                result.add(row.toString());
            }
        }
        return result;
    }

    /** The first column of the first row of {@code sql}'s result, as text (null if no row). */
    static String firstValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** The first row of {@code sql}'s result as text (null for SQL NULL); empty when there is no row. */
    static List<String> firstRow(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            if (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    values.add(rows.getString(i));
                }
            }
            return values;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the test may have closed or broken it on purpose
            }
        }
        background.shutdownNow();
    }
}
