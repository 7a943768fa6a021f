package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The uuid type through psql (compared with PostgreSQL 15's output) and through the JDBC driver,
 * which sends and reads java.util.UUID in uuid's binary form.
 */
class UuidIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "types/uuid");
    }

    @Test
    void jdbcReadsAndWritesJavaUuids() throws Exception {
        UUID first = UUID.fromString("ffffffff-0000-4000-8000-000000000001");
        UUID second = UUID.fromString("00000000-0000-4000-8000-000000000002");
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE jdbc_uuid (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), n int)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jdbc_uuid VALUES (?, ?)")) {
                for (UUID id : new UUID[] {first, second}) {
                    insert.setObject(1, id);
                    insert.setInt(2, id == first ? 1 : 2);
                    insert.executeUpdate();
                }
            }
            execute(connection, "INSERT INTO jdbc_uuid (n) VALUES (3)");
            try (PreparedStatement select = connection.prepareStatement("SELECT id, n FROM jdbc_uuid WHERE id = ?")) {
                select.setObject(1, first);
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getObject(1)).isEqualTo(first);
                    assertThat(rows.getInt(2)).isEqualTo(1);
                }
            }
            try (PreparedStatement ordered = connection.prepareStatement(
                    "SELECT id FROM jdbc_uuid WHERE n < 3 ORDER BY id")) {
                try (ResultSet rows = ordered.executeQuery()) {
                    // PostgreSQL orders by unsigned bytes: 00... before ff...
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getObject(1, UUID.class)).isEqualTo(second);
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getObject(1, UUID.class)).isEqualTo(first);
                }
            }
            try (PreparedStatement generated = connection.prepareStatement("SELECT id FROM jdbc_uuid WHERE n = 3");
                 ResultSet rows = generated.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getObject(1, UUID.class).version()).isEqualTo(4);
            }
        }
    }
}
