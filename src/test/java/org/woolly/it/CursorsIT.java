package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQL cursors: a psql script whose expected output PostgreSQL 15 produced (DECLARE with SCROLL,
 * NO SCROLL and WITH HOLD, every FETCH and MOVE direction, CLOSE [ALL], their errors, the end of
 * a transaction closing cursors, psql's FETCH_COUNT, which reads a query through a cursor); and
 * through pgjdbc, FETCH as a prepared statement in the extended protocol.
 */
class CursorsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "cursors/cursors");
    }

    @Test
    void fetchRunsAsAPreparedStatement() throws Exception {
        try (Connection connection = server.connect("preferQueryMode=extended");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE jdbc_cur AS SELECT g AS id, 'n' || g AS name FROM generate_series(1, 100) g");
            connection.setAutoCommit(false);
            statement.execute("DECLARE jc SCROLL CURSOR FOR SELECT id, name FROM jdbc_cur ORDER BY id");
            List<String> seen = new ArrayList<>();
            try (PreparedStatement fetch = connection.prepareStatement("FETCH 30 FROM jc")) {
                for (int round = 0; round < 5; round++) {
                    try (ResultSet rows = fetch.executeQuery()) {
                        int count = 0;
                        while (rows.next()) {
                            count++;
                            if (rows.getInt(1) % 25 == 0) {
                                seen.add(rows.getInt(1) + "=" + rows.getString("name"));
                            }
                        }
                        seen.add("#" + count);
                    }
                }
            }
            assertThat(seen).containsExactly("25=n25", "#30", "50=n50", "#30", "75=n75", "#30", "100=n100", "#10", "#0");
            try (ResultSet row = statement.executeQuery("FETCH ABSOLUTE -1 FROM jc")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt("id")).isEqualTo(100);
            }
            connection.commit();
            assertThatThrownBy(() -> statement.executeQuery("FETCH jc"))
                    .hasMessageContaining("cursor \"jc\" does not exist");
        }
    }
}
