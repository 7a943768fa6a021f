package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.it.TestSessions.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * User-defined operators, operator classes and families as clients see them: psql scripts whose
 * expected output PostgreSQL 15 printed (CREATE / ALTER / DROP OPERATOR with shell commutators
 * and negators, operators in WHERE, joins, views and prepared statements, OPERATOR(schema.op),
 * {@code \do}; CREATE / ALTER / DROP OPERATOR CLASS and FAMILY with their pg_opclass,
 * pg_opfamily, pg_amop and pg_amproc rows and PostgreSQL's errors), and a pgjdbc session that
 * binds parameters to a user operator and sees another session's operator once it commits.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OperatorsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void operatorScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "operators/operators");
    }

    @Test
    void operatorClassScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "operators/opclass");
    }

    @Test
    void parametersBindToAUserOperatorAndOtherSessionsSeeItAfterCommit() throws Exception {
        try (Connection owner = server.connect("prepareThreshold=1"); Connection other = server.connect()) {
            execute(owner, "CREATE FUNCTION jdbc_close(float8, float8) RETURNS bool LANGUAGE sql IMMUTABLE "
                    + "AS 'SELECT abs($1 - $2) < 0.01'");
            owner.setAutoCommit(false);
            execute(owner, "CREATE OPERATOR ~= (leftarg = float8, rightarg = float8, function = jdbc_close)");
            assertThatThrownBy(() -> execute(other, "SELECT 1.0::float8 ~= 1.001::float8"))
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("42883");
            owner.commit();
            owner.setAutoCommit(true);
            try (PreparedStatement close = other.prepareStatement("SELECT ?::float8 ~= ?::float8")) {
                for (double[] pair : new double[][] {{1.0, 1.001}, {1.0, 1.5}, {2.0, 2.0}}) {
                    close.setDouble(1, pair[0]);
                    close.setDouble(2, pair[1]);
                    try (ResultSet rows = close.executeQuery()) {
                        assertThat(rows.next()).isTrue();
                        assertThat(rows.getBoolean(1)).isEqualTo(Math.abs(pair[0] - pair[1]) < 0.01);
                    }
                }
            }
            execute(owner, "DROP OPERATOR ~= (float8, float8)");
            assertThatThrownBy(() -> execute(other, "SELECT 1.0::float8 ~= 1.001::float8"))
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("42883");
            execute(owner, "DROP FUNCTION jdbc_close(float8, float8)");
        }
    }
}
