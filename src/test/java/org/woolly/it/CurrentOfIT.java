package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * UPDATE and DELETE ... WHERE CURRENT OF: a psql script whose expected output PostgreSQL 15
 * produced (plain scans, FOR UPDATE over joins, scrolling, WITH HOLD, PL/pgSQL, every error);
 * and through pgjdbc, one prepared UPDATE run at each row a cursor moves to.
 */
class CurrentOfIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "currentof/currentof");
    }

    @Test
    void preparedUpdateFollowsTheCursor() throws Exception {
        try (Connection connection = server.connect("preferQueryMode=extended&prepareThreshold=1");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE jdbc_uc AS SELECT g AS id, 0 AS hits FROM generate_series(1, 20) g");
            connection.setAutoCommit(false);
            statement.execute("DECLARE walk CURSOR FOR SELECT id FROM jdbc_uc WHERE id % 5 = 0 FOR UPDATE");
            List<Integer> visited = new ArrayList<>();
            try (PreparedStatement fetch = connection.prepareStatement("FETCH NEXT FROM walk");
                 PreparedStatement bump = connection.prepareStatement(
                         "UPDATE jdbc_uc SET hits = hits + ? WHERE CURRENT OF walk")) {
                while (true) {
                    try (ResultSet row = fetch.executeQuery()) {
                        if (!row.next()) {
                            break;
                        }
                        visited.add(row.getInt(1));
                    }
                    bump.setInt(1, visited.size());
                    assertThat(bump.executeUpdate()).isEqualTo(1);
                }
                assertThatThrownBy(bump::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("cursor \"walk\" is not positioned on a row")
                        .satisfies(error -> assertThat(((SQLException) error).getSQLState()).isEqualTo("24000"));
            }
            connection.rollback();
            assertThat(visited).containsExactly(5, 10, 15, 20);
            statement.execute("DECLARE walk CURSOR FOR SELECT id FROM jdbc_uc WHERE id % 5 = 0 FOR UPDATE");
            statement.execute("MOVE 2 IN walk");
            statement.executeUpdate("UPDATE jdbc_uc SET hits = 7 WHERE CURRENT OF walk");
            try (ResultSet rows = statement.executeQuery("SELECT id FROM jdbc_uc WHERE hits = 7")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(10);
                assertThat(rows.next()).isFalse();
            }
            connection.rollback();
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM jdbc_uc WHERE CURRENT OF walk"))
                    .satisfies(error -> assertThat(((SQLException) error).getSQLState()).isEqualTo("34000"));
            connection.rollback();
        }
    }
}
