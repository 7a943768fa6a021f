package org.woolly.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * ALTER TABLE and ALTER INDEX ... RENAME through psql and pgjdbc: every action of the issue,
 * its errors, what other sessions and prepared statements see afterwards, and a rolled-back
 * rewrite. The psql script's expected output ({@code altertable/alter_table-pg15.out}) was
 * produced by PostgreSQL 15 from the same script.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AlterTableIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), "");
        connections.add(connection);
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        return TestSessions.rows(connection, sql);
    }

    /** {@code format} for 1 to {@code count}, comma-separated (there is no generate_series yet). */
    static String numbered(int count, String format) {
        StringBuilder values = new StringBuilder();
        for (int n = 1; n <= count; n++) {
            values.append(n > 1 ? ", " : "").append(format.formatted(n));
        }
        return values.toString();
    }

    private static String sqlState(Throwable thrown) {
        assertThat(thrown).isInstanceOf(PSQLException.class);
        return ((PSQLException) thrown).getSQLState();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AlterTableIT.class.getResourceAsStream("/altertable/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theRegressionScriptGivesPostgresOutput() throws Exception {
        String output = PsqlIT.run(server, resource("alter_table.sql"), "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("alter_table-pg15.out"));
    }

    @Test
    void addColumnWithAConstantDefaultStoresAMissingValueAndKeepsTheFile() throws SQLException {
        Connection connection = connect();
        execute(connection, "CREATE TABLE at_missing (a int)");
        execute(connection, "INSERT INTO at_missing VALUES " + numbered(100, "(%d)"));
        String fileBefore = rows(connection, "SELECT relfilenode FROM pg_class WHERE relname = 'at_missing'").getFirst();
        execute(connection, "ALTER TABLE at_missing ADD COLUMN b text DEFAULT 'x y'");
        assertThat(rows(connection, "SELECT relfilenode FROM pg_class WHERE relname = 'at_missing'"))
                .containsExactly(fileBefore);
        assertThat(rows(connection, "SELECT atthasmissing, attmissingval FROM pg_attribute a JOIN pg_class c "
                + "ON c.oid = a.attrelid WHERE c.relname = 'at_missing' AND a.attname = 'b'"))
                .containsExactly("t|{\"x y\"}");
        assertThat(rows(connection, "SELECT count(*), min(b), max(b) FROM at_missing")).containsExactly("100|x y|x y");

        execute(connection, "ALTER TABLE at_missing ALTER COLUMN a TYPE bigint");
        assertThat(rows(connection, "SELECT relfilenode FROM pg_class WHERE relname = 'at_missing'"))
                .doesNotContain(fileBefore);
        assertThat(rows(connection, "SELECT atthasmissing FROM pg_attribute a JOIN pg_class c "
                + "ON c.oid = a.attrelid WHERE c.relname = 'at_missing' AND a.attname = 'b'")).containsExactly("f");
        assertThat(rows(connection, "SELECT count(*), sum(a), min(b) FROM at_missing")).containsExactly("100|5050|x y");
    }

    @Test
    void anAddColumnWithoutADefinitionIsASyntaxError() throws SQLException {
        Connection connection = connect();
        execute(connection, "CREATE TABLE at_refused (a int)");
        // constraint actions and SET SCHEMA work: KeysAndIndexesIT, ForeignKeyIT, AccessControlIT
        assertThat(sqlState(catchThrowable(() -> execute(connection, "ALTER TABLE at_refused ADD COLUMN"))))
                .isEqualTo("42601");
    }

    @Test
    void ifExistsOnAMissingTableIsANotice() throws SQLException {
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE IF EXISTS at_nowhere ADD COLUMN a int");
            SQLWarning warning = statement.getWarnings();
            assertThat((Object) warning).isNotNull();
            assertThat(warning.getMessage()).isEqualTo("relation \"at_nowhere\" does not exist, skipping");
        }
        Throwable thrown = catchThrowable(() -> execute(connection, "ALTER TABLE at_nowhere ADD COLUMN a int"));
        assertThat(sqlState(thrown)).isEqualTo("42P01");
        assertThat(thrown).hasMessageContaining("relation \"at_nowhere\" does not exist");
    }

    @Test
    void otherSessionsAndPreparedStatementsSeeTheChangeOnceCommitted() throws SQLException {
        Connection first = connect();
        Connection second = connect();
        execute(first, "CREATE TABLE at_shared (a int, b text)");
        execute(first, "INSERT INTO at_shared VALUES (1, 'one'), (2, 'two')");
        try (PreparedStatement select = second.prepareStatement("SELECT a FROM at_shared ORDER BY a");
             PreparedStatement insert = second.prepareStatement("INSERT INTO at_shared (a) VALUES (?)")) {
            for (int i = 0; i < 6; i++) {
                // past pgjdbc's prepareThreshold, so a server-side prepared statement is used
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
            }
            first.setAutoCommit(false);
            execute(first, "ALTER TABLE at_shared DROP COLUMN b");
            execute(first, "ALTER TABLE at_shared ALTER COLUMN a TYPE text USING 'v' || a");
            execute(first, "ALTER TABLE at_shared ADD COLUMN c int DEFAULT 9");
            assertThat(rows(first, "SELECT * FROM at_shared ORDER BY a")).containsExactly("v1|9", "v2|9");
            first.commit();
            assertThat(rows(second, "SELECT * FROM at_shared ORDER BY a")).containsExactly("v1|9", "v2|9");
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("v1");
            }
            insert.setInt(1, 3);
            insert.executeUpdate();
            assertThat(rows(second, "SELECT * FROM at_shared ORDER BY a")).containsExactly("3|9", "v1|9", "v2|9");
        }
        execute(first, "ALTER TABLE at_shared RENAME TO at_renamed");
        first.commit();
        assertThat(sqlState(catchThrowable(() -> rows(second, "SELECT * FROM at_shared")))).isEqualTo("42P01");
        assertThat(rows(second, "SELECT count(*) FROM at_renamed")).containsExactly("3");
    }

    @Test
    void aRolledBackRewriteLeavesTheTableAsItWas() throws SQLException {
        Connection connection = connect();
        execute(connection, "CREATE TABLE at_rollback (a int, b text)");
        execute(connection, "INSERT INTO at_rollback VALUES " + numbered(500, "(%1$d, 'row %1$d')"));
        connection.setAutoCommit(false);
        execute(connection, "ALTER TABLE at_rollback ALTER COLUMN a TYPE numeric(10,2)");
        execute(connection, "ALTER TABLE at_rollback ADD COLUMN c float8 DEFAULT random()");
        execute(connection, "ALTER TABLE at_rollback DROP COLUMN b");
        assertThat(rows(connection, "SELECT sum(a), count(c) FROM at_rollback")).containsExactly("125250.00|500");
        connection.rollback();
        connection.setAutoCommit(true);
        assertThat(rows(connection, "SELECT sum(a), count(b), max(b) FROM at_rollback"))
                .containsExactly("125250|500|row 99");
        Throwable notNull = catchThrowable(() -> execute(connection,
                "ALTER TABLE at_rollback ADD COLUMN d int NOT NULL DEFAULT NULL"));
        assertThat(sqlState(notNull)).isEqualTo("23502");
        assertThat(notNull).hasMessageContaining("column \"d\" of relation \"at_rollback\" contains null values");
    }

    @Test
    void alterIndexRenamesAndWrongObjectsAreRefused() throws SQLException {
        Connection connection = connect();
        execute(connection, "CREATE TABLE at_index_target (a int)");
        execute(connection, "ALTER INDEX IF EXISTS at_no_index RENAME TO at_other");
        assertThat(sqlState(catchThrowable(() -> execute(connection, "ALTER INDEX at_no_index RENAME TO at_other"))))
                .isEqualTo("42P01");
        assertThat(sqlState(catchThrowable(() -> execute(connection,
                "ALTER INDEX at_index_target SET TABLESPACE pg_default")))).isEqualTo("0A000");
        assertThat(sqlState(catchThrowable(() -> execute(connection, "ALTER TABLE pg_class ADD COLUMN x int"))))
                .isEqualTo("42501");
        assertThat(sqlState(catchThrowable(() -> execute(connection, "ALTER TABLE at_index_target OWNER TO nobody"))))
                .isEqualTo("42704");
    }

    @Test
    void alterWaitsForATransactionThatReadTheTable() throws Exception {
        Connection reader = connect();
        Connection alterer = connect();
        execute(reader, "CREATE TABLE at_locked (a int)");
        execute(reader, "INSERT INTO at_locked VALUES (1)");
        reader.setAutoCommit(false);
        assertThat(rows(reader, "SELECT a FROM at_locked")).containsExactly("1");
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        try {
            java.util.concurrent.Future<?> alter = background.submit(() -> {
                execute(alterer, "ALTER TABLE at_locked ADD COLUMN b int DEFAULT 2");
                return null;
            });
            Thread.sleep(500);
            assertThat(alter.isDone()).as("ALTER TABLE waits for the AccessShareLock of the reader").isFalse();
            // the reader's snapshot still sees the table as it was
            assertThat(rows(reader, "SELECT * FROM at_locked")).containsExactly("1");
            reader.commit();
            alter.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(rows(reader, "SELECT * FROM at_locked")).containsExactly("1|2");
            reader.commit();
        } finally {
            background.shutdownNow();
        }
    }
}
