package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rule system as PostgreSQL 15 runs it: the psql script (ALSO and INSTEAD rules, conditional
 * rules, DO INSTEAD NOTHING, RETURNING, views made writable, rules firing rules and the recursion
 * error, COPY, pg_rules, pg_get_ruledef, \d; expected output from PostgreSQL 15), and the row
 * counts and RETURNING rows pgjdbc gets through the extended protocol with parameters.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RulesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "rules/rules");
    }

    @Test
    void pgjdbcGetsTheRowCountOfTheStatementThatSetsTheTag() throws Exception {
        Connection connection = sessions.connect();
        TestSessions.execute(connection, "CREATE TABLE jr (id int, v text)");
        TestSessions.execute(connection, "CREATE TABLE jr_log (id int, v text)");
        TestSessions.execute(connection, "CREATE RULE jr_also AS ON INSERT TO jr DO ALSO "
                + "INSERT INTO jr_log VALUES (new.id, new.v || '!')");
        TestSessions.execute(connection, "CREATE RULE jr_skip AS ON UPDATE TO jr WHERE new.v IS NULL DO INSTEAD NOTHING");
        TestSessions.execute(connection, "CREATE RULE jr_keep AS ON DELETE TO jr DO INSTEAD "
                + "UPDATE jr_log SET v = 'deleted' WHERE id = old.id");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jr VALUES (?, ?)")) {
            for (int id = 1; id <= 3; id++) {
                insert.setInt(1, id);
                insert.setString(2, "v" + id);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE jr SET v = ? WHERE id <= ?")) {
            update.setString(1, null);
            update.setInt(2, 2);
            assertThat(update.executeUpdate()).isEqualTo(0);
            update.setString(1, "w");
            update.setInt(2, 2);
            assertThat(update.executeUpdate()).isEqualTo(2);
        }
        try (Statement statement = connection.createStatement()) {
            // the INSTEAD action is an UPDATE: no statement of the original's kind sets the tag
            assertThat(statement.executeUpdate("DELETE FROM jr WHERE id = 3")).isZero();
        }
        assertThat(TestSessions.rows(connection, "SELECT * FROM jr ORDER BY id")).containsExactly("1|w", "2|w", "3|v3");
        assertThat(TestSessions.rows(connection, "SELECT * FROM jr_log ORDER BY id"))
                .containsExactly("1|v1!", "2|v2!", "3|deleted");
    }

    @Test
    void aViewWithAnInsteadRuleReturnsTheRowsOfItsAction() throws Exception {
        Connection connection = sessions.connect();
        TestSessions.execute(connection, "CREATE TABLE jv_base (id serial, v text)");
        TestSessions.execute(connection, "CREATE VIEW jv AS SELECT id, v FROM jv_base");
        TestSessions.execute(connection, "CREATE RULE jv_ins AS ON INSERT TO jv DO INSTEAD "
                + "INSERT INTO jv_base (v) VALUES (new.v) RETURNING *");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jv (v) VALUES (?) RETURNING id, v")) {
            insert.setString(1, "a");
            try (ResultSet rows = insert.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.getString(2)).isEqualTo("a");
                assertThat(rows.next()).isFalse();
            }
        }
        assertThat(TestSessions.rows(connection, "SELECT * FROM jv")).containsExactly("1|a");
    }
}
