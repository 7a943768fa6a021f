package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQL as a JDBC user sees it: DDL, DML, queries, transactions and errors with their SQLSTATE. */
class SqlBehaviourIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static Connection connect() throws SQLException {
        return server.connect();
    }

    private static List<String> column(ResultSet resultSet) throws SQLException {
        List<String> values = new ArrayList<>();
        while (resultSet.next()) {
            values.add(resultSet.getString(1));
        }
        return values;
    }

    private static ServerErrorMessage serverError(Throwable thrown) {
        return ((PSQLException) thrown).getServerErrorMessage();
    }

    @Test
    void createInsertSelectUpdateDeleteDrop() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id integer NOT NULL, name text, price numeric(10,2), qty int DEFAULT 1)");
            assertThat(statement.executeUpdate(
                    "INSERT INTO items (id, name, price) VALUES (1, 'apple', 0.5), (2, 'pear', 0.75), (3, 'fig', 2)"))
                    .isEqualTo(3);
            assertThat(statement.executeUpdate("INSERT INTO items VALUES (4, 'kiwi', 1.25, 10)")).isEqualTo(1);

            assertThat(column(statement.executeQuery("SELECT name FROM items WHERE price > 0.6 ORDER BY price DESC")))
                    .containsExactly("fig", "kiwi", "pear");
            assertThat(column(statement.executeQuery("SELECT id FROM items ORDER BY id LIMIT 2 OFFSET 1")))
                    .containsExactly("2", "3");
            assertThat(column(statement.executeQuery("SELECT qty FROM items ORDER BY id")))
                    .containsExactly("1", "1", "1", "10");
            assertThat(column(statement.executeQuery("SELECT price * 2 FROM items WHERE id = 3")))
                    .containsExactly("4.00");

            assertThat(statement.executeUpdate("UPDATE items SET price = price + 1 WHERE id <= 2")).isEqualTo(2);
            assertThat(column(statement.executeQuery("SELECT price FROM items WHERE id = 1"))).containsExactly("1.50");
            assertThat(statement.executeUpdate("DELETE FROM items WHERE name = 'fig'")).isEqualTo(1);
            assertThat(column(statement.executeQuery("SELECT count(*) FROM items"))).containsExactly("3");

            statement.execute("DROP TABLE items");
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM items"))
                    .satisfies(thrown -> assertThat(((SQLException) thrown).getSQLState()).isEqualTo("42P01"));
        }
    }

    @Test
    void insertWithoutAColumnListFillsTheLeadingColumnsAndDefaultsTheRest() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE partial (a int, b text DEFAULT 'dflt', c int)");
            assertThat(statement.executeUpdate("INSERT INTO partial VALUES (1), (2)")).isEqualTo(2);
            assertThat(column(statement.executeQuery("SELECT a || '/' || b || '/' || coalesce(c, -1) FROM partial ORDER BY a")))
                    .containsExactly("1/dflt/-1", "2/dflt/-1");
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO partial (a, b) VALUES (1)"))
                    .satisfies(thrown -> assertThat(serverError(thrown).getMessage())
                            .isEqualTo("INSERT has more target columns than expressions"));
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO partial VALUES (1, 'x', 2, 3)"))
                    .satisfies(thrown -> assertThat(serverError(thrown).getMessage())
                            .isEqualTo("INSERT has more expressions than target columns"));
            statement.execute("DROP TABLE partial");
        }
    }

    @Test
    void aggregatesWithGroupBy() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE sales (region text, amount integer)");
            statement.execute("INSERT INTO sales VALUES ('north', 10), ('north', 30), ('south', 5), ('east', NULL)");
            ResultSet rows = statement.executeQuery("SELECT region, count(*), count(amount), sum(amount), min(amount), "
                    + "max(amount), avg(amount) FROM sales GROUP BY region ORDER BY region");
            List<String> lines = new ArrayList<>();
            while (rows.next()) {
                lines.add(String.join("|", rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), rows.getString(7)));
            }
            assertThat(lines).containsExactly(
                    "east|1|0|null|null|null|null",
                    "north|2|2|40|10|30|20.0000000000000000",
                    "south|1|1|5|5|5|5.0000000000000000");
            assertThat(column(statement.executeQuery("SELECT sum(amount) FROM sales"))).containsExactly("45");
            statement.execute("DROP TABLE sales");
        }
    }

    @Test
    void theCatalogIsQueryable() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE catalog_probe (a int)");
            assertThat(column(statement.executeQuery("SELECT relname FROM pg_class WHERE relname = 'catalog_probe'")))
                    .containsExactly("catalog_probe");
            assertThat(column(statement.executeQuery("SELECT relname FROM pg_class WHERE relname = 'pg_class'")))
                    .containsExactly("pg_class");
            statement.execute("DROP TABLE catalog_probe");
            assertThat(column(statement.executeQuery("SELECT relname FROM pg_class WHERE relname = 'catalog_probe'")))
                    .isEmpty();
        }
    }

    @Test
    void rolledBackWorkLeavesNothingAndUncommittedWorkIsInvisible() throws SQLException {
        try (Connection writer = connect(); Connection reader = connect();
             Statement write = writer.createStatement(); Statement read = reader.createStatement()) {
            write.execute("CREATE TABLE visibility (v int)");
            writer.setAutoCommit(false);
            write.execute("INSERT INTO visibility VALUES (1)");
            assertThat(column(read.executeQuery("SELECT count(*) FROM visibility"))).containsExactly("0");
            writer.rollback();
            assertThat(column(write.executeQuery("SELECT count(*) FROM visibility"))).containsExactly("0");

            write.execute("INSERT INTO visibility VALUES (2)");
            assertThat(column(read.executeQuery("SELECT count(*) FROM visibility"))).containsExactly("0");
            writer.commit();
            assertThat(column(read.executeQuery("SELECT v FROM visibility"))).containsExactly("2");

            // DDL is transactional too.
            write.execute("CREATE TABLE never_committed (x int)");
            writer.rollback();
            assertThatThrownBy(() -> read.executeQuery("SELECT * FROM never_committed"))
                    .satisfies(thrown -> assertThat(((SQLException) thrown).getSQLState()).isEqualTo("42P01"));
            writer.setAutoCommit(true);
            write.execute("DROP TABLE visibility");
        }
    }

    @Test
    void errorsCarryPostgresSqlStatesAndPositions() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE errs (a int NOT NULL, b varchar(3))");

            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table")).satisfies(thrown -> {
                assertThat(serverError(thrown).getSQLState()).isEqualTo("42P01");
                assertThat(serverError(thrown).getMessage()).isEqualTo("relation \"no_such_table\" does not exist");
                assertThat(serverError(thrown).getPosition()).isEqualTo(15);
            });
            assertThatThrownBy(() -> statement.executeQuery("SELECT nope FROM errs")).satisfies(thrown -> {
                assertThat(serverError(thrown).getSQLState()).isEqualTo("42703");
                assertThat(serverError(thrown).getMessage()).isEqualTo("column \"nope\" does not exist");
                assertThat(serverError(thrown).getPosition()).isEqualTo(8);
            });
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FORM errs")).satisfies(thrown -> {
                assertThat(serverError(thrown).getSQLState()).isEqualTo("42601");
                assertThat(serverError(thrown).getMessage()).isEqualTo("syntax error at or near \"FORM\"");
                assertThat(serverError(thrown).getPosition()).isEqualTo(10);
            });
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1 / 0")).satisfies(thrown -> {
                assertThat(serverError(thrown).getSQLState()).isEqualTo("22012");
                assertThat(serverError(thrown).getMessage()).isEqualTo("division by zero");
            });
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO errs (b) VALUES ('x')")).satisfies(thrown -> {
                assertThat(serverError(thrown).getSQLState()).isEqualTo("23502");
                assertThat(serverError(thrown).getMessage())
                        .isEqualTo("null value in column \"a\" of relation \"errs\" violates not-null constraint");
                assertThat(serverError(thrown).getDetail()).isEqualTo("Failing row contains (null, x).");
            });
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO errs VALUES (1, 'toolong')"))
                    .satisfies(thrown -> {
                        assertThat(serverError(thrown).getSQLState()).isEqualTo("22001");
                        assertThat(serverError(thrown).getMessage())
                                .isEqualTo("value too long for type character varying(3)");
                    });
            statement.execute("DROP TABLE errs");
        }
    }

    @Test
    void aFailedTransactionBlockRejectsCommandsUntilRollback() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1 / 0"));
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1")).satisfies(thrown -> {
                assertThat(serverError(thrown).getSQLState()).isEqualTo("25P02");
                assertThat(serverError(thrown).getMessage())
                        .isEqualTo("current transaction is aborted, commands ignored until end of transaction block");
            });
            connection.rollback();
            assertThat(column(statement.executeQuery("SELECT 1"))).containsExactly("1");
        }
    }

    @Test
    void settingsThroughSetShowResetAndFunctions() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET work_mem = '64MB'");
            assertThat(column(statement.executeQuery("SHOW work_mem"))).containsExactly("64MB");
            assertThat(column(statement.executeQuery("SELECT current_setting('work_mem')"))).containsExactly("64MB");
            statement.execute("RESET work_mem");
            assertThat(column(statement.executeQuery("SHOW work_mem"))).containsExactly("4MB");
            assertThat(column(statement.executeQuery("SELECT set_config('application_name', 'probe', false)")))
                    .containsExactly("probe");
            assertThat(column(statement.executeQuery("SHOW application_name"))).containsExactly("probe");
            assertThatThrownBy(() -> statement.execute("SET no_such_parameter = 1")).satisfies(thrown -> {
                assertThat(serverError(thrown).getSQLState()).isEqualTo("42704");
                assertThat(serverError(thrown).getMessage())
                        .isEqualTo("unrecognized configuration parameter \"no_such_parameter\"");
            });
            assertThat(connection.getMetaData().getDatabaseMajorVersion()).isEqualTo(15);
            // pg_backend_pid() is the process id BackendKeyData gave the driver (used for cancel).
            int backendPid = connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            assertThat(column(statement.executeQuery("SELECT pg_backend_pid()")))
                    .containsExactly(Integer.toString(backendPid));
        }
    }
}
