package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bit(n) and bit varying(n) as PostgreSQL 15 has them: B'...' and X'...' constants, the length
 * rules (bit(n) exactly n bits, varbit(n) at most n, explicit casts truncate or pad), bitwise
 * operators and shifts, substring/overlay/position/get_bit/set_bit/bit_count, integer casts,
 * bit_and/bit_or/bit_xor, B-tree indexes and column defaults; the psql script's expected output
 * is PostgreSQL 15's.
 */
class BitStringIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "bitstring/bit");
    }

    @Test
    void valuesRoundTripThroughTheDriverAndAnIndex() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE flags (id int PRIMARY KEY, mask bit(8), tail varbit(16))");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO flags VALUES (?, ?::bit(8), ?::varbit)")) {
                for (int i = 0; i < 200; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, String.format("%8s", Integer.toBinaryString(i)).replace(' ', '0'));
                    insert.setString(3, Integer.toBinaryString(i * 7));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            execute(connection, "CREATE INDEX flags_mask ON flags (mask)");
            assertThat(rows(connection, "SELECT id, tail FROM flags WHERE mask = B'00010101'"))
                    .containsExactly("21|10010011");
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT mask::int, get_bit(mask, 7), tail FROM flags WHERE id = ?")) {
                select.setInt(1, 5);
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getInt(1)).isEqualTo(5);
                    assertThat(result.getInt(2)).isEqualTo(1);
                    assertThat(result.getString(3)).isEqualTo("100011");
                }
            }
            assertThat(rows(connection, "SELECT count(*) FROM flags WHERE mask & B'10000000' = B'10000000'"))
                    .containsExactly("72");
        }
    }
}
