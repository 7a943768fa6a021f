package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/**
 * COPY as clients use it: a psql script (text and CSV, options, the errors with their CONTEXT)
 * whose expected output PostgreSQL 15 produced, pgjdbc's CopyManager in both directions, a
 * failed or cancelled COPY that leaves nothing behind, psql's {@code \copy}, and server files.
 */
class CopyIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static String resource(String name) throws IOException {
        try (InputStream in = CopyIT.class.getResourceAsStream("/copy/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        String output = PsqlIT.run(server, resource("copy.sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("copy-pg15.out"));
    }

    @Test
    void copyManagerLoadsAndDumps() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cm (id int PRIMARY KEY, name text, filler char(10))");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder data = new StringBuilder();
            for (int i = 1; i <= 10_000; i++) {
                data.append(i).append('\t').append("name ").append(i).append("\t\\N\n");
            }
            long loaded = copy.copyIn("COPY cm (id, name, filler) FROM STDIN",
                    new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
            assertThat(loaded).isEqualTo(10_000);
            assertThat(count(statement, "cm")).isEqualTo(10_000);
            try (ResultSet rows = statement.executeQuery("SELECT name FROM cm WHERE id = 777")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("name 777");
            }
            StringWriter out = new StringWriter();
            long dumped = copy.copyOut("COPY (SELECT id, name FROM cm WHERE id <= 3 ORDER BY id) TO STDOUT WITH CSV HEADER",
                    out);
            assertThat(dumped).isEqualTo(3);
            assertThat(out.toString()).isEqualTo("id,name\n1,name 1\n2,name 2\n3,name 3\n");
            statement.execute("DROP TABLE cm");
        }
    }

    @Test
    void copyOfADataModifyingStatementSendsItsReturningRows() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cd (id serial, t text)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringWriter inserted = new StringWriter();
            assertThat(copy.copyOut("COPY (INSERT INTO cd (t) VALUES ('a'), ('b') RETURNING id, t) TO STDOUT (FORMAT csv)",
                    inserted)).isEqualTo(2);
            assertThat(inserted.toString()).isEqualTo("1,a\n2,b\n");
            StringWriter updated = new StringWriter();
            assertThat(copy.copyOut("COPY (UPDATE cd SET t = t || t WHERE id = 2 RETURNING t) TO STDOUT", updated))
                    .isEqualTo(1);
            assertThat(updated.toString()).isEqualTo("bb\n");
            StringWriter deleted = new StringWriter();
            assertThat(copy.copyOut("COPY (DELETE FROM cd WHERE id = 1 RETURNING id) TO STDOUT", deleted)).isEqualTo(1);
            assertThat(deleted.toString()).isEqualTo("1\n");
            assertThat(count(statement, "cd")).isEqualTo(1);
            assertThatThrownBy(() -> copy.copyOut("COPY (DELETE FROM cd) TO STDOUT", new StringWriter()))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("0A000");
                        assertThat(e.getServerErrorMessage().getMessage())
                                .isEqualTo("COPY query must have a RETURNING clause");
                    });
            assertThat(count(statement, "cd")).isEqualTo(1);
            statement.execute("DROP TABLE cd");
        }
    }

    @Test
    void binaryFormatRoundTripsAsPostgresWritesIt() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cb (a int, b text, c numeric, d bool)");
            statement.execute("INSERT INTO cb VALUES (1, 'x', 1.5, true), (2, NULL, NULL, NULL)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(copy.copyOut("COPY cb TO STDOUT (FORMAT binary)", out)).isEqualTo(2);
            byte[] dump = out.toByteArray();
            // PostgreSQL 15 writes these bytes for the same rows
            String expected = "5047434f50590aff0d0a0000000000000000000004000000040000000100000001780000000c0002"
                    + "00000000000100011388000000010100040000000400000002ffffffffffffffffffffffffffff";
            assertThat(java.util.HexFormat.of().formatHex(dump)).isEqualTo(expected);
            statement.execute("TRUNCATE cb");
            assertThat(copy.copyIn("COPY cb FROM STDIN BINARY", new ByteArrayInputStream(dump))).isEqualTo(2);
            try (ResultSet rows = statement.executeQuery("SELECT a, b, c, d FROM cb ORDER BY a")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(2)).isEqualTo("x");
                assertThat(rows.getBigDecimal(3)).isEqualByComparingTo("1.5");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(2)).isNull();
            }
            assertThatThrownBy(() -> copy.copyIn("COPY cb FROM STDIN BINARY",
                    new ByteArrayInputStream("garbage".getBytes(StandardCharsets.UTF_8))))
                    .hasMessageContaining("COPY file signature not recognized");
            statement.execute("DROP TABLE cb");
        }
    }

    private static ByteArrayInputStream lines(int from, int to, String extra) {
        StringBuilder data = new StringBuilder();
        for (int i = from; i <= to; i++) {
            data.append(i).append(extra).append('\n');
        }
        return new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Rows are written 1000 at a time (PostgreSQL's batch size): an error found when a later
     * batch reaches the indexes still names its line, as PostgreSQL does (without the line's
     * text), a constraint error names its line and text, and defaults, serial values and foreign
     * keys are those of row-by-row INSERT across batch boundaries.
     */
    @Test
    void batchedRowsKeepLineNumbersDefaultsAndKeys() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cbp (id int PRIMARY KEY)");
            statement.execute("CREATE TABLE cb (id int PRIMARY KEY, n serial, p int REFERENCES cbp, "
                    + "d text DEFAULT 'dflt', c int CHECK (c < 5000))");
            statement.execute("INSERT INTO cbp SELECT g FROM generate_series(1, 3) g");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();

            // line 2500 repeats the key of line 1200, which went to the index in the first batches
            StringBuilder data = new StringBuilder();
            for (int i = 1; i <= 3000; i++) {
                data.append(i == 2500 ? 1200 : i).append("\t1\t").append(i).append('\n');
            }
            assertThatThrownBy(() -> copy.copyIn("COPY cb (id, p, c) FROM STDIN",
                    new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8))))
                    .satisfies(thrown -> {
                        PSQLException error = (PSQLException) thrown;
                        assertThat(error.getSQLState()).isEqualTo("23505");
                        assertThat(error.getServerErrorMessage().getDetail()).isEqualTo("Key (id)=(1200) already exists.");
                        assertThat(error.getServerErrorMessage().getWhere()).isEqualTo("COPY cb, line 2500");
                    });
            // column c is the line number: the CHECK fails on line 5000, in the fifth batch
            StringBuilder checked = new StringBuilder();
            for (int i = 1; i <= 6000; i++) {
                checked.append(i).append("\t2\t").append(i).append('\n');
            }
            assertThatThrownBy(() -> copy.copyIn("COPY cb (id, p, c) FROM STDIN",
                    new ByteArrayInputStream(checked.toString().getBytes(StandardCharsets.UTF_8))))
                    .satisfies(thrown -> {
                        PSQLException error = (PSQLException) thrown;
                        assertThat(error.getSQLState()).isEqualTo("23514");
                        assertThat(error.getServerErrorMessage().getWhere())
                                .isEqualTo("COPY cb, line 5000: \"5000\t2\t5000\"");
                    });
            assertThatThrownBy(() -> copy.copyIn("COPY cb (id, p) FROM STDIN", lines(1, 2500, "\t4")))
                    .satisfies(thrown -> assertThat(((PSQLException) thrown).getSQLState()).isEqualTo("23503"));
            assertThat(count(statement, "cb")).isZero();

            assertThat(copy.copyIn("COPY cb (id, p) FROM STDIN", lines(1, 2500, "\t3"))).isEqualTo(2500);
            try (ResultSet rows = statement.executeQuery(
                    "SELECT count(*), count(DISTINCT n), min(d), max(d), sum(p) FROM cb")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(2500);
                assertThat(rows.getLong(2)).isEqualTo(2500);
                assertThat(rows.getString(3)).isEqualTo("dflt");
                assertThat(rows.getString(4)).isEqualTo("dflt");
                assertThat(rows.getLong(5)).isEqualTo(7500);
            }
            statement.execute("DROP TABLE cb");
            statement.execute("DROP TABLE cbp");
        }
    }

    @Test
    void aFailedCopyLeavesNoRowAndTheConnectionUsable() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cf (id int PRIMARY KEY)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            assertThatThrownBy(() -> copy.copyIn("COPY cf FROM STDIN",
                    new ByteArrayInputStream("1\n2\n3\nx\n5\n".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(thrown -> {
                        PSQLException error = (PSQLException) thrown;
                        assertThat(error.getSQLState()).isEqualTo("22P02");
                        assertThat(error.getServerErrorMessage().getWhere()).isEqualTo("COPY cf, line 4, column id: \"x\"");
                    });
            assertThat(count(statement, "cf")).isZero();
            assertThatThrownBy(() -> copy.copyIn("COPY cf FROM STDIN",
                    new ByteArrayInputStream("1\n1\n".getBytes(StandardCharsets.UTF_8))))
                    .satisfies(thrown -> assertThat(((PSQLException) thrown).getSQLState()).isEqualTo("23505"));
            assertThat(count(statement, "cf")).isZero();

            // the client gives up: CopyFail ends the COPY with 57014 and nothing is kept
            CopyIn in = copy.copyIn("COPY cf FROM STDIN");
            byte[] rows = "7\n8\n".getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(rows, 0, rows.length);
            in.flushCopy();
            in.cancelCopy();
            assertThat(count(statement, "cf")).isZero();

            // inside a transaction block the error fails the block; ROLLBACK ends it
            connection.setAutoCommit(false);
            copy.copyIn("COPY cf FROM STDIN", new ByteArrayInputStream("1\n".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> copy.copyIn("COPY cf FROM STDIN",
                    new ByteArrayInputStream("1\n".getBytes(StandardCharsets.UTF_8))))
                    .satisfies(thrown -> assertThat(((PSQLException) thrown).getSQLState()).isEqualTo("23505"));
            connection.rollback();
            connection.setAutoCommit(true);
            assertThat(count(statement, "cf")).isZero();
            statement.execute("DROP TABLE cf");
        }
    }

    @Test
    void aClientThatDisconnectsMidCopyLeavesNoRow() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cd (id int)");
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                java.io.DataOutputStream out = new java.io.DataOutputStream(socket.getOutputStream());
                java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
                ProtocolRobustnessIT.sendStartup(out, server.superuser(), "postgres");
                awaitMessage(in, 'Z');
                send(out, 'Q', "COPY cd FROM STDIN\0");
                awaitMessage(in, 'G');
                send(out, 'd', "1\n2\n3\n");
            } // closed without CopyDone or Terminate
            assertThat(count(statement, "cd")).isZero();
            // DROP needs the lock the loader's COPY held: it comes once that backend ended and rolled back
            statement.execute("SET lock_timeout = '10s'");
            statement.execute("DROP TABLE cd");
        }
    }

    private static void send(java.io.DataOutputStream out, char type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.writeByte(type);
        out.writeInt(bytes.length + 4);
        out.write(bytes);
        out.flush();
    }

    private static void awaitMessage(java.io.DataInputStream in, char wanted) throws IOException {
        while (true) {
            int type = in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            assertThat(type).as("message type").isNotEqualTo('E');
            if (type == wanted) {
                return;
            }
        }
    }

    @Test
    void copyThroughTheExtendedProtocolReachesTheCopySubProtocol() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ce (id int)");
            // pgjdbc answers a CopyInResponse outside its CopyManager with CopyFail
            assertThatThrownBy(() -> connection.prepareStatement("COPY ce FROM STDIN").execute())
                    .satisfies(thrown -> assertThat(((PSQLException) thrown).getSQLState()).isEqualTo("57014"));
            assertThat(count(statement, "ce")).isZero();
            statement.execute("DROP TABLE ce");
        }
    }

    @Test
    void psqlBackslashCopyAndServerFiles() throws Exception {
        Path dir = Files.createTempDirectory("woolly-copy");
        Path file = dir.resolve("rows.csv");
        Path dump = dir.resolve("dump.txt");
        String output = PsqlIT.run(server, """
                CREATE TABLE pc (a int, b text);
                INSERT INTO pc VALUES (1, 'x'), (2, NULL);
                \\copy pc to '%1$s' csv
                TRUNCATE pc;
                \\copy pc from '%1$s' csv
                SELECT a, b IS NULL AS null_b FROM pc ORDER BY a;
                COPY pc TO '%2$s';
                COPY pc FROM '%2$s';
                SELECT count(*) FROM pc;
                COPY pc TO 'relative.txt';
                COPY pc FROM PROGRAM 'cat';
                DROP TABLE pc;
                """.formatted(file, dump), "-v", "ON_ERROR_STOP=0");
        assertThat(output).contains("COPY 2\nTRUNCATE TABLE\nCOPY 2\n");
        assertThat(output).contains(" 1 | f\n 2 | t\n");
        assertThat(output).contains(" count \n-------\n     4\n");
        assertThat(output).contains("ERROR:  relative path not allowed for COPY to file");
        assertThat(Files.readString(file)).isEqualTo("1,x\n2,\n");
        assertThat(Files.readString(dump)).isEqualTo("1\tx\n2\t\\N\n");
    }
}
