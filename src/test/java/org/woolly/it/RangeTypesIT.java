package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;

/**
 * Range and multirange types as clients see them: a psql script whose expected output
 * PostgreSQL 15 printed (input and output, canonical forms, errors, functions, operators,
 * aggregates, ORDER BY / GROUP BY / DISTINCT, B-tree and unique indexes, hash joins, pg_range),
 * and pgjdbc round trips of range columns as {@code PGobject} in the text and binary protocols.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RangeTypesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "ranges/rangetypes");
    }

    @Test
    void rangeColumnsRoundTripThroughPgjdbc() throws Exception {
        // prepareThreshold=-1: binary transfer from the first execution (range_recv / range_send)
        for (String parameters : new String[] {"prepareThreshold=0", "prepareThreshold=-1"}) {
            try (Connection c = server.connect(parameters)) {
                execute(c, "DROP TABLE IF EXISTS spans");
                execute(c, "CREATE TABLE spans (id int, r int4range, n numrange, d daterange, m int4multirange)");
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO spans VALUES (?, ?, ?, ?, ?)")) {
                    insert.setInt(1, 1);
                    insert.setObject(2, object("int4range", "(1,5]"));
                    insert.setObject(3, object("numrange", "[1.25,)"));
                    insert.setObject(4, object("daterange", "[2024-02-28,2024-03-01]"));
                    insert.setObject(5, object("int4multirange", "{[7,9), [1,3), [2,4)}"));
                    insert.executeUpdate();
                    insert.setInt(1, 2);
                    insert.setObject(2, object("int4range", "empty"));
                    insert.setObject(3, object("numrange", "(,)"));
                    insert.setObject(4, null);
                    insert.setObject(5, object("int4multirange", "{}"));
                    insert.executeUpdate();
                }
                try (PreparedStatement select = c.prepareStatement("SELECT r, n, d, m FROM spans ORDER BY id");
                     ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getObject(1)).isInstanceOf(PGobject.class);
                    assertThat(((PGobject) rows.getObject(1)).getType()).isEqualTo("int4range");
                    assertThat(rows.getString(1)).isEqualTo("[2,6)");
                    assertThat(rows.getString(2)).isEqualTo("[1.25,)");
                    assertThat(rows.getString(3)).isEqualTo("[2024-02-28,2024-03-02)");
                    assertThat(rows.getString(4)).isEqualTo("{[1,4),[7,9)}");
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("empty");
                    assertThat(rows.getString(2)).isEqualTo("(,)");
                    assertThat(rows.getString(3)).isNull();
                    assertThat(rows.getString(4)).isEqualTo("{}");
                }
                try (PreparedStatement contains = c.prepareStatement("SELECT count(*) FROM spans WHERE r @> ?")) {
                    contains.setInt(1, 4);
                    try (ResultSet count = contains.executeQuery()) {
                        assertThat(count.next()).isTrue();
                        assertThat(count.getInt(1)).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void rangesSurviveARestartFreeReread() throws Exception {
        try (Connection c = sessions.connect(); Statement s = c.createStatement()) {
            execute(c, "CREATE TABLE booking (during tstzrange, slots int8multirange)");
            execute(c, "SET TimeZone = 'UTC'");
            execute(c, "INSERT INTO booking SELECT tstzrange('2024-01-01'::timestamptz + g * interval '1 hour', "
                    + "'2024-01-01'::timestamptz + (g + 1) * interval '1 hour'), int8multirange(int8range(g, g + 1)) "
                    + "FROM generate_series(1, 200) g");
            execute(c, "CREATE INDEX booking_during ON booking (during)");
            try (ResultSet rows = s.executeQuery("SELECT during FROM booking "
                    + "WHERE during = tstzrange('2024-01-01 03:00+00', '2024-01-01 04:00+00')")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("[\"2024-01-01 03:00:00+00\",\"2024-01-01 04:00:00+00\")");
            }
            try (ResultSet rows = s.executeQuery("SELECT range_agg(slots) FROM booking")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("{[1,201)}");
            }
        }
    }

    private static PGobject object(String type, String value) throws java.sql.SQLException {
        PGobject object = new PGobject();
        object.setType(type);
        object.setValue(value);
        return object;
    }
}
