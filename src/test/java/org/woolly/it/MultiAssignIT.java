package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code UPDATE ... SET (a, b) = (SELECT x, y ...)} and {@code = ROW(...)}: a psql script whose
 * expected output PostgreSQL 15 produced (correlated sub-selects, no row, too many rows, column
 * count and type errors, ON CONFLICT DO UPDATE, a prepared statement); and through pgjdbc, a
 * prepared multi-column assignment with a parameter in the sub-select.
 */
class MultiAssignIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "multiassign/multiassign");
    }

    @Test
    void preparedSubSelectAssignment() throws Exception {
        try (Connection connection = server.connect("preferQueryMode=extended&prepareThreshold=1");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE jdbc_ma (id int, name text, score int)");
            statement.execute("INSERT INTO jdbc_ma SELECT g, 'n' || g, 0 FROM generate_series(1, 3) g");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE jdbc_ma t SET (name, score) = (SELECT upper(s.name), s.id * ? FROM jdbc_ma s WHERE s.id = t.id)")) {
                for (int round = 1; round <= 3; round++) {
                    update.setInt(1, round * 10);
                    assertThat(update.executeUpdate()).isEqualTo(3);
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT name, score FROM jdbc_ma ORDER BY id")) {
                StringBuilder seen = new StringBuilder();
                while (rows.next()) {
                    seen.append(rows.getString(1)).append('=').append(rows.getInt(2)).append(' ');
                }
                assertThat(seen.toString()).isEqualTo("N1=30 N2=60 N3=90 ");
            }
            assertThatThrownBy(() -> statement.executeUpdate(
                    "UPDATE jdbc_ma SET (name, score) = (SELECT name, score FROM jdbc_ma)"))
                    .satisfies(error -> assertThat(((SQLException) error).getSQLState()).isEqualTo("21000"));
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE jdbc_ma SET (name, score) = (SELECT 'x')"))
                    .hasMessageContaining("number of columns does not match number of values")
                    .satisfies(error -> assertThat(((SQLException) error).getSQLState()).isEqualTo("42601"));
        }
    }
}
