package org.woolly.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Prepared statements and portals across DDL on their tables (PostgreSQL's plan cache): a plan
 * follows TRUNCATE and DROP + CREATE, is re-planned after its session's or another session's
 * DDL, fails as PostgreSQL 15 does when its table is gone (42P01) or its result row type would
 * change (0A000). Expected outputs were taken from PostgreSQL 15.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PlanCacheIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private final List<Connection> connections = new ArrayList<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void closeEverything() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already closed by the test
            }
        }
        background.shutdownNow();
    }

    private Connection connect(String options) throws SQLException {
        Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres") + options, server.superuser(),
                "");
        connections.add(connection);
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static long queryLong(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static ServerErrorMessage serverError(Throwable thrown) {
        assertThat(thrown).isInstanceOf(PSQLException.class);
        return ((PSQLException) thrown).getServerErrorMessage();
    }

    private static String runPsql(String script) throws IOException, InterruptedException {
        return PsqlIT.run(server, script, "-A", "-t", "-v", "ON_ERROR_STOP=0");
    }

    @Test
    void preparedStatementsInPsqlFollowDdlAsInPostgres() throws Exception {
        String script = """
                CREATE TABLE pc_u (a int);
                INSERT INTO pc_u VALUES (1), (2);
                PREPARE pc_count AS SELECT count(*) FROM pc_u;
                PREPARE pc_star AS SELECT * FROM pc_u ORDER BY a;
                PREPARE pc_ins AS INSERT INTO pc_u VALUES ($1);
                EXECUTE pc_count;
                TRUNCATE pc_u;
                EXECUTE pc_count;
                EXECUTE pc_ins(7);
                EXECUTE pc_star;
                DROP TABLE pc_u;
                CREATE TABLE pc_u (a int);
                INSERT INTO pc_u VALUES (5);
                EXECUTE pc_count;
                EXECUTE pc_star;
                DROP TABLE pc_u;
                CREATE TABLE pc_u (a bigint);
                EXECUTE pc_star;
                EXECUTE pc_count;
                DROP TABLE pc_u;
                EXECUTE pc_count;
                EXECUTE pc_ins(1);
                CREATE TABLE pc_u (a text);
                EXECUTE pc_ins(3);
                SELECT * FROM pc_u;
                BEGIN;
                CREATE TABLE pc_w (x int);
                PREPARE pc_w_all AS SELECT * FROM pc_w;
                EXECUTE pc_w_all;
                ROLLBACK;
                EXECUTE pc_w_all;
                BEGIN;
                EXECUTE pc_count;
                TRUNCATE pc_u;
                EXECUTE pc_count;
                COMMIT;
                PREPARE pc_am AS SELECT count(*) > 0 FROM pg_am;
                CREATE TABLE public.pg_am (a int);
                EXECUTE pc_am;
                SET search_path = public, pg_catalog;
                EXECUTE pc_am;
                RESET search_path;
                EXECUTE pc_am;
                DISCARD PLANS;
                EXECUTE pc_count;
                DROP TABLE public.pg_am;
                DROP TABLE pc_u;
                """;
        assertThat(runPsql(script).lines().toList()).containsExactly(
                "CREATE TABLE",
                "INSERT 0 2",
                "PREPARE",
                "PREPARE",
                "PREPARE",
                "2",
                "TRUNCATE TABLE",
                "0",
                "INSERT 0 1",
                "7",
                "DROP TABLE",
                "CREATE TABLE",
                "INSERT 0 1",
                "1",
                "5",
                "DROP TABLE",
                "CREATE TABLE",
                "ERROR:  cached plan must not change result type",
                "0",
                "DROP TABLE",
                "ERROR:  relation \"pc_u\" does not exist",
                "ERROR:  relation \"pc_u\" does not exist",
                "CREATE TABLE",
                "INSERT 0 1",
                "3",
                "BEGIN",
                "CREATE TABLE",
                "PREPARE",
                "ROLLBACK",
                "ERROR:  relation \"pc_w\" does not exist",
                "BEGIN",
                "1",
                "TRUNCATE TABLE",
                "0",
                "COMMIT",
                "PREPARE",
                "CREATE TABLE",
                "t",
                "SET",
                "f",
                "RESET",
                "t",
                "DISCARD PLANS",
                "0",
                "DROP TABLE",
                "DROP TABLE");
    }

    @Test
    void anotherSessionsDdlReachesSqlPreparedStatements() throws Exception {
        Connection a = connect("");
        Connection b = connect("");
        execute(b, "CREATE TABLE pc_other (a int)");
        execute(b, "INSERT INTO pc_other VALUES (1), (2), (3)");
        String prepare = "PREPARE pc_other_count AS SELECT count(*) FROM pc_other";
        execute(a, prepare);
        execute(a, "PREPARE pc_other_star AS SELECT * FROM pc_other");
        assertThat(queryLong(a, "EXECUTE pc_other_count")).isEqualTo(3);
        execute(b, "TRUNCATE pc_other");
        assertThat(queryLong(a, "EXECUTE pc_other_count")).isZero();
        execute(b, "DROP TABLE pc_other");
        execute(b, "CREATE TABLE pc_other (a int)");
        execute(b, "INSERT INTO pc_other VALUES (4)");
        assertThat(queryLong(a, "EXECUTE pc_other_count")).isEqualTo(1);
        assertThat(queryLong(a, "EXECUTE pc_other_star")).isEqualTo(4);

        execute(b, "DROP TABLE pc_other");
        execute(b, "CREATE TABLE pc_other (a bigint)");
        ServerErrorMessage changed = serverError(catchThrowable(() -> queryLong(a, "EXECUTE pc_other_star")));
        assertThat(changed.getSQLState()).isEqualTo("0A000");
        assertThat(changed.getMessage()).isEqualTo("cached plan must not change result type");
        assertThat(queryLong(a, "EXECUTE pc_other_count")).isZero();

        execute(b, "DROP TABLE pc_other");
        ServerErrorMessage gone = serverError(catchThrowable(() -> queryLong(a, "EXECUTE pc_other_count")));
        assertThat(gone.getSQLState()).isEqualTo("42P01");
        assertThat(gone.getMessage()).isEqualTo("relation \"pc_other\" does not exist");
        // as in PostgreSQL, the position is in the text of the PREPARE
        assertThat(gone.getPosition()).isEqualTo(prepare.indexOf("pc_other", 30) + 1);
    }

    @Test
    void serverSidePreparedStatementsSurviveDdl() throws Exception {
        Connection a = connect("?prepareThreshold=1");
        Connection b = connect("");
        execute(b, "CREATE TABLE pc_server (a int)");
        execute(b, "INSERT INTO pc_server VALUES (1), (2), (3)");
        String sql = "SELECT count(*) FROM pc_server WHERE a > ?";
        try (PreparedStatement count = a.prepareStatement(sql);
             PreparedStatement insert = a.prepareStatement("INSERT INTO pc_server VALUES (?)")) {
            count.setInt(1, 0);
            for (int i = 0; i < 3; i++) {
                assertThat(queryLong(count)).isEqualTo(3);
            }
            execute(b, "TRUNCATE pc_server");
            assertThat(queryLong(count)).isZero();
            insert.setInt(1, 5);
            assertThat(insert.executeUpdate()).isEqualTo(1);
            assertThat(queryLong(count)).isEqualTo(1);

            execute(b, "DROP TABLE pc_server");
            execute(b, "CREATE TABLE pc_server (a int)");
            assertThat(queryLong(count)).isZero();
            assertThat(insert.executeUpdate()).isEqualTo(1);
            assertThat(queryLong(b, "SELECT count(*) FROM pc_server")).isEqualTo(1);

            execute(b, "DROP TABLE pc_server");
            ServerErrorMessage gone = serverError(catchThrowable(() -> queryLong(count)));
            assertThat(gone.getSQLState()).isEqualTo("42P01");
            assertThat(gone.getMessage()).isEqualTo("relation \"pc_server\" does not exist");
            assertThat(gone.getPosition()).isEqualTo(sql.indexOf("pc_server") + 1);

            execute(b, "CREATE TABLE pc_server (a int)");
            assertThat(queryLong(count)).isZero();
        }
    }

    @Test
    void aChangedResultTypeInsideATransactionIsRefused() throws Exception {
        Connection a = connect("?prepareThreshold=1");
        Connection b = connect("");
        execute(b, "CREATE TABLE pc_types (a int)");
        execute(b, "INSERT INTO pc_types VALUES (1)");
        try (PreparedStatement select = a.prepareStatement("SELECT a FROM pc_types")) {
            assertThat(queryLong(select)).isEqualTo(1);
            assertThat(queryLong(select)).isEqualTo(1);
            a.setAutoCommit(false);
            execute(b, "DROP TABLE pc_types");
            execute(b, "CREATE TABLE pc_types (a bigint)");
            execute(b, "INSERT INTO pc_types VALUES (2)");
            ServerErrorMessage changed = serverError(catchThrowable(() -> queryLong(select)));
            assertThat(changed.getSQLState()).isEqualTo("0A000");
            assertThat(changed.getMessage()).isEqualTo("cached plan must not change result type");
            a.rollback();
            // outside a transaction pgjdbc prepares the statement again, as it does with PostgreSQL
            a.setAutoCommit(true);
            assertThat(queryLong(select)).isEqualTo(2);
        }
    }

    @Test
    void anOpenPortalKeepsItsTableUntilItsTransactionEnds() throws Exception {
        Connection a = connect("?prepareThreshold=1");
        Connection b = connect("");
        execute(b, "CREATE TABLE pc_portal (a int)");
        StringBuilder values = new StringBuilder("INSERT INTO pc_portal VALUES (1)");
        for (int i = 2; i <= 100; i++) {
            values.append(", (").append(i).append(')');
        }
        execute(b, values.toString());
        a.setAutoCommit(false);
        try (Statement statement = a.createStatement()) {
            statement.setFetchSize(10);
            int rows = 0;
            try (ResultSet result = statement.executeQuery("SELECT a FROM pc_portal")) {
                for (int i = 0; i < 15; i++) {
                    assertThat(result.next()).isTrue();
                    rows++;
                }
                Future<?> truncate = background.submit(() -> {
                    execute(b, "TRUNCATE pc_portal");
                    return null;
                });
                Thread.sleep(1000);
                assertThat(truncate.isDone()).as("TRUNCATE waits for the reader's transaction").isFalse();
                while (result.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(100);
                a.commit();
                truncate.get(20, TimeUnit.SECONDS);
            }
        }
        assertThat(queryLong(a, "SELECT count(*) FROM pc_portal")).isZero();
        a.commit();
    }

    @Test
    void aServerSidePreparedStatementFollowsSearchPath() throws Exception {
        Connection a = connect("?prepareThreshold=1");
        execute(a, "CREATE TABLE public.pg_am (amname text)");
        try (PreparedStatement any = a.prepareStatement("SELECT count(*) FROM pg_am WHERE amname = ?")) {
            any.setString(1, "heap");
            assertThat(queryLong(any)).isEqualTo(1);
            assertThat(queryLong(any)).isEqualTo(1);
            // pg_catalog listed last: public.pg_am (empty) now comes first; Bind and Execute only
            execute(a, "SET search_path = public, pg_catalog");
            assertThat(queryLong(any)).isZero();
            execute(a, "RESET search_path");
            assertThat(queryLong(any)).isEqualTo(1);
        } finally {
            execute(a, "DROP TABLE public.pg_am");
        }
    }

    /** The unnamed statement, parsed once and bound after DDL: what a raw extended-protocol client does. */
    @Test
    void theUnnamedStatementIsReplannedAfterAnotherSessionsDdl() throws Exception {
        Connection b = connect("");
        execute(b, "CREATE TABLE pc_unnamed (a int)");
        execute(b, "INSERT INTO pc_unnamed VALUES (1)");
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            Raw raw = parsed(socket, "", "SELECT count(*) FROM pc_unnamed");
            DataOutputStream out = raw.out();
            DataInputStream in = raw.in();
            assertThat(bindAndExecute(out, in)).containsExactly("2:", "D:1", "C:SELECT 1");

            execute(b, "TRUNCATE pc_unnamed");
            assertThat(bindAndExecute(out, in)).containsExactly("2:", "D:0", "C:SELECT 1");
            execute(b, "DROP TABLE pc_unnamed");
            execute(b, "CREATE TABLE pc_unnamed (a int)");
            execute(b, "INSERT INTO pc_unnamed VALUES (1), (2)");
            assertThat(bindAndExecute(out, in)).containsExactly("2:", "D:2", "C:SELECT 1");
            execute(b, "DROP TABLE pc_unnamed");
            assertThat(bindAndExecute(out, in)).containsExactly("E:42P01");
        }
    }

    /**
     * Describe of a prepared statement re-checks its plan first ({@code CachedPlanGetTargetList}):
     * after another session's DDL it describes the columns as they are or fails as Execute would,
     * after the ParameterDescription; in a failed transaction block it fails before anything.
     */
    @Test
    void describeOfAPreparedStatementIsRecheckedAfterDdl() throws Exception {
        Connection b = connect("");
        execute(b, "CREATE TABLE pc_describe (a int)");
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            Raw raw = parsed(socket, "d1", "SELECT * FROM pc_describe");
            DataOutputStream out = raw.out();
            DataInputStream in = raw.in();
            assertThat(describeStatement(out, in, "d1")).containsExactly("t:", "T:a");
            execute(b, "DROP TABLE pc_describe");
            execute(b, "CREATE TABLE pc_describe (a int)");
            assertThat(describeStatement(out, in, "d1")).containsExactly("t:", "T:a");
            execute(b, "DROP TABLE pc_describe");
            execute(b, "CREATE TABLE pc_describe (a int, b text)");
            assertThat(describeStatement(out, in, "d1")).containsExactly("t:", "E:0A000");
            execute(b, "DROP TABLE pc_describe");
            assertThat(describeStatement(out, in, "d1")).containsExactly("t:", "E:42P01");
            message(out, 'Q', cStrings("BEGIN"));
            readUntilReady(in);
            message(out, 'Q', cStrings("SELECT * FROM pc_describe"));
            assertThat(readUntilReady(in)).containsExactly("E:42P01");
            assertThat(describeStatement(out, in, "d1")).containsExactly("E:25P02");
        }
    }

    private record Raw(DataOutputStream out, DataInputStream in) {}

    /** Logs in over {@code socket} and parses {@code sql} as statement {@code name} (ParseComplete checked). */
    private static Raw parsed(Socket socket, String name, String sql) throws IOException {
        socket.setSoTimeout(20_000);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        message(out, -1, startupBody());
        readUntilReady(in);
        message(out, 'P', cStrings(name, sql), new byte[] {0, 0});
        message(out, 'S');
        assertThat(readUntilReady(in)).containsExactly("1:");
        return new Raw(out, in);
    }

    private List<String> describeStatement(DataOutputStream out, DataInputStream in, String name) throws IOException {
        message(out, 'D', new byte[] {'S'}, cStrings(name));
        message(out, 'S');
        return readUntilReady(in);
    }

    private List<String> bindAndExecute(DataOutputStream out, DataInputStream in) throws IOException {
        message(out, 'B', cStrings("", ""), new byte[] {0, 0, 0, 0, 0, 0});
        message(out, 'E', cStrings(""), new byte[] {0, 0, 0, 0});
        message(out, 'S');
        return readUntilReady(in);
    }

    private static byte[] startupBody() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 3, 0, 0});
        body.writeBytes(cStrings("user", server.superuser(), "database", "postgres", ""));
        return body.toByteArray();
    }

    private static byte[] cStrings(String... values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String value : values) {
            bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return bytes.toByteArray();
    }

    /** Sends one message; type -1 is the untyped startup packet. */
    private static void message(DataOutputStream out, int type, byte[]... parts) throws IOException {
        int length = 4;
        for (byte[] part : parts) {
            length += part.length;
        }
        if (type >= 0) {
            out.writeByte(type);
        }
        out.writeInt(length);
        for (byte[] part : parts) {
            out.write(part);
        }
        out.flush();
    }

    /**
     * The messages up to ReadyForQuery, as "1:" (ParseComplete), "2:" (BindComplete), "D:value"
     * (first column of a DataRow), "C:tag" and "E:sqlstate"; others are skipped.
     */
    private static List<String> readUntilReady(DataInputStream in) throws IOException {
        List<String> seen = new ArrayList<>();
        while (true) {
            int type = in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            switch (type) {
                case 'Z' -> {
                    return seen;
                }
                case '1', '2', 't' -> seen.add((char) type + ":");
                case 'T' -> seen.add("T:" + columnNames(body));
                case 'C' -> seen.add("C:" + new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                case 'D' -> {
                    DataInputStream row = new DataInputStream(new ByteArrayInputStream(body));
                    row.readShort();
                    byte[] value = new byte[row.readInt()];
                    row.readFully(value);
                    seen.add("D:" + new String(value, StandardCharsets.UTF_8));
                }
                case 'E' -> {
                    String fields = new String(body, StandardCharsets.UTF_8);
                    int code = fields.indexOf("\0C") + 2;
                    seen.add("E:" + fields.substring(code, fields.indexOf('\0', code)));
                }
                default -> { }
            }
        }
    }

    /** The column names of a RowDescription, comma-separated. */
    private static String columnNames(byte[] body) {
        List<String> names = new ArrayList<>();
        int count = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        int at = 2;
        for (int i = 0; i < count; i++) {
            int end = at;
            while (body[end] != 0) {
                end++;
            }
            names.add(new String(body, at, end - at, StandardCharsets.UTF_8));
            at = end + 1 + 18;
        }
        return String.join(",", names);
    }

    /** PostgreSQL's CheckTableNotInUse: the session's own suspended portal keeps its table. */
    @Test
    void aSuspendedPortalOfTheSameSessionRefusesTruncateAndDrop() throws Exception {
        Connection a = connect("");
        execute(a, "CREATE TABLE pc_own (a int)");
        execute(a, "INSERT INTO pc_own VALUES (1), (2), (3), (4), (5)");
        for (String ddl : List.of("TRUNCATE pc_own", "DROP TABLE pc_own", "TRUNCATE public.pc_own")) {
            a.setAutoCommit(false);
            try (Statement reader = a.createStatement()) {
                reader.setFetchSize(2);
                try (ResultSet rows = reader.executeQuery("SELECT a FROM pc_own")) {
                    assertThat(rows.next()).isTrue();
                    ServerErrorMessage inUse = serverError(catchThrowable(() -> execute(a, ddl)));
                    assertThat(inUse.getSQLState()).isEqualTo("55006");
                    assertThat(inUse.getMessage()).isEqualTo("cannot %s \"pc_own\" because it is being used by "
                            + "active queries in this session", ddl.startsWith("DROP") ? "DROP TABLE" : "TRUNCATE");
                }
                a.rollback();
                // once the portal has run to its end the table is free again
                try (ResultSet rows = reader.executeQuery("SELECT a FROM pc_own")) {
                    int count = 0;
                    while (rows.next()) {
                        count++;
                    }
                    assertThat(count).isEqualTo(5);
                }
                execute(a, ddl);
                a.rollback();
            }
            a.setAutoCommit(true);
        }
    }

    /** Portals end with their transaction: a suspended one is gone after COMMIT (PostgreSQL: 34000). */
    @Test
    void aSuspendedPortalDoesNotOutliveItsTransaction() throws Exception {
        Connection a = connect("");
        execute(a, "CREATE TABLE pc_commit (a int)");
        execute(a, "INSERT INTO pc_commit VALUES (1), (2), (3), (4), (5), (6)");
        a.setAutoCommit(false);
        try (Statement reader = a.createStatement()) {
            reader.setFetchSize(2);
            try (ResultSet rows = reader.executeQuery("SELECT a FROM pc_commit")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.next()).isTrue();
                a.commit();
                ServerErrorMessage gone = serverError(catchThrowable(() -> {
                    while (rows.next()) {
                        // fetches the next batch from the portal
                    }
                }));
                assertThat(gone.getSQLState()).isEqualTo("34000");
                assertThat(gone.getMessage()).matches("portal \"C_\\d+\" does not exist");
            }
            a.rollback();
        }
    }
}
