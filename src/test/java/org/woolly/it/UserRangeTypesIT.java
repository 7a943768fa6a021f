package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;

/**
 * CREATE TYPE ... AS RANGE, shell types and the base-type form as clients see them: a psql
 * script whose expected output PostgreSQL 15 printed (pg_type, pg_range and pg_proc rows, the
 * constructors, I/O, operators and functions over the new type, columns, arrays and domains of
 * it, {@code \dT}, PostgreSQL's errors, DROP TYPE), and pgjdbc reading a column of a user range
 * type as a {@code PGobject} carrying the type's name and text form.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UserRangeTypesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "rangetypes/usertypes");
    }

    @Test
    void userRangeColumnsReachPgjdbcAsPgobjects() throws Exception {
        for (String parameters : new String[] {"prepareThreshold=0", "prepareThreshold=-1"}) {
            try (Connection c = server.connect(parameters)) {
                execute(c, "DROP TABLE IF EXISTS periods");
                execute(c, "DROP TYPE IF EXISTS timerange");
                execute(c, "CREATE TYPE timerange AS RANGE (subtype = time)");
                execute(c, "CREATE TABLE periods (id int, p timerange, m timemultirange)");
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO periods VALUES (?, ?, ?)")) {
                    insert.setInt(1, 1);
                    insert.setObject(2, object("timerange", "[09:00,12:30)"));
                    insert.setObject(3, object("timemultirange", "{[13:00,14:00), [09:00,10:00)}"));
                    insert.executeUpdate();
                }
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT p, m, timerange('08:00', '09:00', '[]') FROM periods WHERE p @> ?::time");
                     ResultSet rows = bind(select, "10:15").executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getObject(1)).isInstanceOf(PGobject.class);
                    assertThat(((PGobject) rows.getObject(1)).getType()).isEqualTo("timerange");
                    assertThat(rows.getString(1)).isEqualTo("[09:00:00,12:30:00)");
                    assertThat(((PGobject) rows.getObject(2)).getType()).isEqualTo("timemultirange");
                    assertThat(rows.getString(2)).isEqualTo("{[09:00:00,10:00:00),[13:00:00,14:00:00)}");
                    assertThat(rows.getString(3)).isEqualTo("[08:00:00,09:00:00]");
                    assertThat(rows.next()).isFalse();
                }
                execute(c, "DROP TABLE periods");
                execute(c, "DROP TYPE timerange");
            }
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, String value) throws java.sql.SQLException {
        statement.setString(1, value);
        return statement;
    }

    private static PGobject object(String type, String value) throws java.sql.SQLException {
        PGobject object = new PGobject();
        object.setType(type);
        object.setValue(value);
        return object;
    }
}
