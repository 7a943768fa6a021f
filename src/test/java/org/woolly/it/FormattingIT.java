package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The data type formatting functions: psql scripts of to_char and to_number templates over
 * numbers, timestamps and intervals, and of format() with %s/%I/%L, positions and widths,
 * whose expected output PostgreSQL 15 printed; and through
 * pgjdbc, to_char with the template as a bound parameter.
 */
class FormattingIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "formatting/to_char");
    }

    @Test
    void formatMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "formatting/format");
    }

    @Test
    void templateAsABoundParameter() throws Exception {
        try (Connection connection = server.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT to_char(?::numeric, ?), to_char(timestamp '2026-03-01 09:07:00', ?)")) {
            statement.setBigDecimal(1, new java.math.BigDecimal("-1234.5"));
            statement.setString(2, "S9G999D00");
            statement.setString(3, "FMDay DDth \"of\" FMMonth, HH12:MI AM");
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("-1,234.50");
                assertThat(rows.getString(2)).isEqualTo("Sunday 01st of March, 09:07 AM");
            }
        }
    }
}
