package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Array types as clients use them: a psql script whose expected output PostgreSQL 15 produced
 * (literals and their errors, constructors, subscripts, ANY/ALL, functions, operators, unnest,
 * array_agg, array columns), and pgjdbc's {@code createArrayOf}/{@code setArray}/{@code getArray}
 * in text and binary transfer, {@code = ANY(?)} with an array parameter.
 */
class ArraysIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "arrays/arrays");
    }

    @Test
    void assignmentFunctionsAndRowComparisonsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "arrays/assignment");
        PsqlIT.assertScriptMatchesPostgres(server, "arrays/rowcompare");
    }

    @Test
    void fieldAndElementAssignmentMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "arrays/field_assignment");
    }

    @Test
    void preparedElementAndFieldAssignmentTakeParameters() throws SQLException {
        try (Connection connection = server.connect("prepareThreshold=1"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TYPE pj_pair AS (a int, b text[])");
            statement.execute("CREATE TABLE pj (id int, arr int[], c pj_pair)");
            statement.execute("INSERT INTO pj VALUES (1, '{1,2}', '(1,{x})')");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE pj SET arr[?] = ?, c.b[?] = ? WHERE id = 1")) {
                // executed several times: the server-side prepared statement is reused
                for (int i = 3; i <= 5; i++) {
                    update.setInt(1, i);
                    update.setInt(2, i * 10);
                    update.setInt(3, i - 1);
                    update.setString(4, "v" + i);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
            }
            try (ResultSet result = statement.executeQuery("SELECT arr::text, c::text FROM pj")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("{1,2,30,40,50}");
                assertThat(result.getString(2)).isEqualTo("(1,\"{x,v3,v4,v5}\")");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE pj SET arr[?] = 1")) {
                update.setNull(1, java.sql.Types.INTEGER);
                assertThatThrownBy(update::executeUpdate).isInstanceOf(PSQLException.class)
                        .hasMessageContaining("array subscript in assignment must not be null")
                        .satisfies(error -> assertThat(((PSQLException) error).getSQLState()).isEqualTo("22004"));
            }
            statement.execute("DROP TABLE pj");
            statement.execute("DROP TYPE pj_pair");
        }
    }

    @Test
    void arraysOfEnumsCompositesDomainsAndRowTypesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "arrays/kinds");
    }

    @Test
    void enumAndCompositeArraysThroughPgjdbc() throws SQLException {
        try (Connection connection = server.connect("prepareThreshold=-1"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TYPE kj_mood AS ENUM ('sad', 'ok', 'happy')");
            statement.execute("CREATE TYPE kj_complex AS (r float8, i float8)");
            statement.execute("CREATE TABLE kj (id int, m kj_mood[], c kj_complex[])");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO kj VALUES (?, ?::kj_mood[], ?::kj_complex[])")) {
                insert.setInt(1, 1);
                insert.setString(2, "{happy,sad,NULL}");
                insert.setString(3, "{\"(1,2)\",\"(3.5,-4)\"}");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            // a renamed label shows in the stored array: enum elements are stored by their pg_enum OID
            statement.execute("ALTER TYPE kj_mood RENAME VALUE 'sad' TO 'blue'");
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT m, c, m[1] < m[2] FROM kj WHERE 'blue' = ANY (m) AND id = ?")) {
                select.setInt(1, 1);
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat((Object[]) result.getArray(1).getArray()).containsExactly("happy", "blue", null);
                    assertThat(result.getArray(1).getBaseTypeName()).isEqualTo("kj_mood");
                    assertThat(List.of((Object[]) result.getArray(2).getArray()).stream().map(String::valueOf))
                            .containsExactly("(1,2)", "(3.5,-4)");
                    assertThat(result.getBoolean(3)).isFalse();
                }
            }
            statement.execute("DROP TABLE kj");
            statement.execute("DROP TYPE kj_mood, kj_complex");
        }
    }

    @Test
    void elementAssignmentWithParametersThroughPgjdbc() throws SQLException {
        try (Connection connection = server.connect("prepareThreshold=-1"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE arr_set (id int, a int[])");
            statement.execute("INSERT INTO arr_set VALUES (1, '{1,2,3}'), (2, NULL)");
            try (PreparedStatement update = connection.prepareStatement("UPDATE arr_set SET a[?] = ? WHERE id = ?")) {
                for (int run = 0; run < 3; run++) {
                    update.setInt(1, 4 + run);
                    update.setInt(2, 40 + run);
                    update.setInt(3, 1);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
                update.setInt(1, 2);
                update.setInt(2, 7);
                update.setInt(3, 2);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet result = statement.executeQuery("SELECT a, array_dims(a) FROM arr_set ORDER BY id")) {
                assertThat(result.next()).isTrue();
                assertThat((Object[]) result.getArray(1).getArray()).containsExactly(1, 2, 3, 40, 41, 42);
                assertThat(result.next()).isTrue();
                assertThat(result.getString(2)).isEqualTo("[2:2]");
            }
            ServerErrorMessage error = WoollyServerExtension.errorOf(connection,
                    "UPDATE arr_set SET a[1][1] = 0 WHERE id = 1");
            WoollyServerExtension.assertError(error, "2202E", "wrong number of array subscripts", null);
            statement.execute("DROP TABLE arr_set");
        }
    }

    @Test
    void arraysRoundTripThroughPgjdbc() throws SQLException {
        for (boolean binary : new boolean[] {false, true}) {
            try (Connection connection = server.connect(binary ? "prepareThreshold=-1" : "preferQueryMode=extended");
                 Statement statement = connection.createStatement()) {
                String table = binary ? "arr_jdbc_binary" : "arr_jdbc_text";
                statement.execute("CREATE TABLE " + table + " (id int, ints int[], texts text[], amounts numeric[])");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
                    insert.setInt(1, 1);
                    insert.setArray(2, connection.createArrayOf("int4", new Integer[] {1, null, 3}));
                    insert.setArray(3, connection.createArrayOf("text", new String[] {"a", "b c", "", "\"q\"", null}));
                    insert.setArray(4, connection.createArrayOf("numeric", new BigDecimal[] {new BigDecimal("1.50"),
                            new BigDecimal("-2")}));
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                }
                for (int run = 0; run < 3; run++) {
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT ints, texts, amounts, ints[3] FROM " + table + " WHERE id = ?")) {
                        select.setInt(1, 1);
                        try (ResultSet result = select.executeQuery()) {
                            assertThat(result.next()).isTrue();
                            assertThat((Object[]) result.getArray(1).getArray()).containsExactly(1, null, 3);
                            assertThat((Object[]) result.getArray(2).getArray())
                                    .containsExactly("a", "b c", "", "\"q\"", null);
                            assertThat((Object[]) result.getArray(3).getArray())
                                    .containsExactly(new BigDecimal("1.50"), new BigDecimal("-2"));
                            assertThat(result.getInt(4)).isEqualTo(3);
                        }
                    }
                }
                statement.execute("DROP TABLE " + table);
            }
        }
    }

    @Test
    void anyWithAnArrayParameter() throws SQLException {
        try (Connection connection = server.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT g FROM generate_series(1, 20) g WHERE g = ANY(?) ORDER BY g")) {
            for (int run = 0; run < 6; run++) {
                Array wanted = connection.createArrayOf("int4", new Object[] {2, 5, run + 6});
                select.setArray(1, wanted);
                List<Integer> rows = new ArrayList<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getInt(1));
                    }
                }
                assertThat(rows).containsExactly(2, 5, run + 6);
            }
        }
    }

    @Test
    void primitiveArraysAndMultipleDimensions() throws SQLException {
        try (Connection connection = server.connect("prepareThreshold=-1");
             PreparedStatement select = connection.prepareStatement("SELECT ?::int8[], ARRAY[[1,2],[3,4]], ?::text[]")) {
            select.setObject(1, new long[] {7L, 8L});
            select.setArray(2, connection.createArrayOf("text", new String[] {"x"}));
            try (ResultSet result = select.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat((Object[]) result.getArray(1).getArray()).containsExactly(7L, 8L);
                Integer[][] matrix = (Integer[][]) result.getArray(2).getArray();
                assertThat(matrix[1]).containsExactly(3, 4);
                assertThat((Object[]) result.getArray(3).getArray()).containsExactly("x");
            }
        }
    }

    @Test
    void malformedLiteralIsPostgresError() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT '{1,'::int[]")).satisfies(thrown -> {
                PSQLException error = (PSQLException) thrown;
                assertThat(error.getSQLState()).isEqualTo("22P02");
                assertThat(error.getServerErrorMessage().getDetail()).isEqualTo("Unexpected end of input.");
            });
        }
    }
}
