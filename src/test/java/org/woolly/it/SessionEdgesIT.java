package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.server.DataDirectoryInitializer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of a session as a user meets them: a client that sends nothing or stops in the
 * middle of authentication (authentication_timeout), a repeated SSLRequest, malformed startup
 * packets, and what the server log then says. Raw sockets where the case is below any driver.
 */
class SessionEdgesIT {
    private static final String PASSWORD = "edge-pass";
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;

    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension(builder -> builder
            .initOptions(new DataDirectoryInitializer.Options("edgy", PASSWORD, "scram-sha-256", "scram-sha-256"))
            .setting("authentication_timeout", "3s"));

    @RegisterExtension
    static final CapturedServerLog LOG = new CapturedServerLog();

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), "edgy", PASSWORD);
    }

    private static String log() {
        return LOG.text();
    }

    private static Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void awaitLog(String text) throws InterruptedException {
        LOG.await(text);
    }

    /** Reads until the server closes the connection; what it sent. */
    private static String readToEnd(DataInputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                received.write(b);
            }
        } catch (SocketException reset) {
            // a reset also ends the connection
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static void request(DataOutputStream out, int code) throws IOException {
        out.writeInt(8);
        out.writeInt(code);
        out.flush();
    }

    @Test
    void aClientThatSendsNothingIsDisconnectedAfterAuthenticationTimeout() throws Exception {
        try (Socket socket = open()) {
            assertThat(readToEnd(new DataInputStream(socket.getInputStream()))).isEmpty();
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW authentication_timeout")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("3s");
        }
    }

    @Test
    void aClientThatStopsInTheMiddleOfAuthenticationIsDisconnectedAndLogged() throws Exception {
        try (Socket socket = open()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] parameters = "user\0edgy\0database\0postgres\0\0".getBytes(StandardCharsets.UTF_8);
            out.writeInt(8 + parameters.length);
            out.writeInt(196608);
            out.write(parameters);
            out.flush();
            assertThat(in.readUnsignedByte()).isEqualTo('R');
            String rest = readToEnd(in);
            assertThat(rest).contains("SCRAM-SHA-256").doesNotContain("canceling");
        }
        awaitLog("FATAL:  canceling authentication due to timeout");
    }

    @Test
    void aSecondSslRequestIsRefusedLikePostgresql() throws Exception {
        try (Socket socket = open()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            request(out, SSL_REQUEST);
            assertThat(in.readUnsignedByte()).isEqualTo('N');
            request(out, SSL_REQUEST);
            assertThat(readToEnd(in)).startsWith("E").contains("SFATAL").contains("C0A000")
                    .contains("Munsupported frontend protocol 1234.5679: server supports 3.0 to 3.0");
        }
        try (Socket socket = open()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            request(out, GSSENC_REQUEST);
            assertThat(in.readUnsignedByte()).isEqualTo('N');
            request(out, SSL_REQUEST);
            assertThat(in.readUnsignedByte()).as("SSL may follow a refused GSS request").isEqualTo('N');
            request(out, GSSENC_REQUEST);
            assertThat(readToEnd(in)).contains("C0A000")
                    .contains("unsupported frontend protocol 1234.5680: server supports 3.0 to 3.0");
        }
        awaitLog("FATAL:  unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0");
    }

    @Test
    void malformedStartupPacketsAreOneLogLineEach() throws Exception {
        try (Socket socket = open()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(3);
            out.writeInt(196608);
            out.flush();
            assertThat(readToEnd(new DataInputStream(socket.getInputStream()))).isEmpty();
        }
        awaitLog("LOG:  invalid length of startup packet");
        try (Socket socket = open()) {
            socket.getOutputStream().write(new byte[] {0, 0});
            socket.getOutputStream().flush();
        }
        awaitLog("LOG:  incomplete startup packet");
        try (Socket socket = open()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(40);
            out.writeInt(196608);
            out.flush();
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (log().split("incomplete startup packet", -1).length < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(log().split("incomplete startup packet", -1)).hasSize(3);
        assertThat(log()).doesNotContain("Exception").doesNotContain("\tat org.woolly");
    }

    @Test
    void showTitlesItsColumnWithTheParametersOwnSpelling() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String[] pair : new String[][] {{"datestyle", "DateStyle"}, {"TIMEZONE", "TimeZone"},
                    {"intervalstyle", "IntervalStyle"}, {"Work_Mem", "work_mem"}}) {
                try (ResultSet rows = statement.executeQuery("SHOW " + pair[0])) {
                    assertThat(rows.getMetaData().getColumnLabel(1)).isEqualTo(pair[1]);
                }
            }
        }
    }

    @Test
    void explainAnalyzeMeasuresPlanningTime() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE plan_me (a int, b text)");
            String query = "SELECT x.a, count(*) FROM plan_me x JOIN plan_me y ON x.a = y.a JOIN plan_me z "
                    + "ON z.b = y.b LEFT JOIN plan_me w ON w.a = z.a WHERE x.b <> 'q' GROUP BY x.a ORDER BY 2 DESC";
            java.util.List<String> analyzed = lines(statement, "EXPLAIN ANALYZE " + query);
            assertThat(analyzed.get(analyzed.size() - 2)).matches("Planning Time: \\d+\\.\\d{3} ms")
                    .isNotEqualTo("Planning Time: 0.000 ms");
            assertThat(analyzed.getLast()).matches("Execution Time: \\d+\\.\\d{3} ms");
            java.util.List<String> summary = lines(statement, "EXPLAIN (SUMMARY) " + query);
            assertThat(summary.getLast()).matches("Planning Time: \\d+\\.\\d{3} ms");
            assertThat(String.join("\n", summary)).doesNotContain("Execution Time");
            assertThat(String.join("\n", lines(statement, "EXPLAIN (ANALYZE, SUMMARY OFF) " + query)))
                    .doesNotContain("Planning Time").doesNotContain("Execution Time");
            assertThat(String.join("\n", lines(statement, "EXPLAIN " + query))).doesNotContain("Planning Time");
        }
    }

    private static java.util.List<String> lines(Statement statement, String sql) throws SQLException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines;
    }

    @Test
    void aFailedStatementIsLoggedWithItsText() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> statement.execute("SELECT 1 / 0 AS first_failure"))).isInstanceOf(SQLException.class);
            awaitLog("ERROR:  division by zero\n");
            assertThat(log()).containsPattern("\\[\\d+\\] ERROR:  division by zero\n[^\n]*\\[\\d+\\] "
                    + "STATEMENT:  SELECT 1 / 0 AS first_failure\n");
            statement.execute("SET log_min_error_statement = fatal");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> statement.execute("SELECT * FROM no_such_table_here"))).isInstanceOf(SQLException.class);
            awaitLog("ERROR:  relation \"no_such_table_here\" does not exist at character 15\n");
            assertThat(log()).doesNotContain("STATEMENT:  SELECT * FROM no_such_table_here");
            try (ResultSet rows = statement.executeQuery("SHOW log_min_error_statement")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("fatal");
            }
        }
    }

    @Test
    void aServerStartedOnAnExistingDirectoryNamesTheSuperuserInitdbCreated(@TempDir java.nio.file.Path directory)
            throws Exception {
        org.woolly.embedded.WoollyServer.builder().dataDirectory(directory).setting("fsync", "off")
                .initOptions(DataDirectoryInitializer.Options.trustAll("postgres")).start().close();
        // As `woolly start` does on a directory made by `woolly init -U postgres`: no superuser given.
        try (org.woolly.embedded.WoollyServer again = org.woolly.embedded.WoollyServer.builder()
                .dataDirectory(directory).setting("fsync", "off").start()) {
            assertThat(again.superuser()).isEqualTo("postgres");
            try (Connection connection = DriverManager.getConnection(again.jdbcUrl("postgres"), again.superuser(), "");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_user")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("postgres");
            }
        }
    }
}
