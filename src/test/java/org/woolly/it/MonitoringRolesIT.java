package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * PostgreSQL 15's predefined monitoring roles and what they allow, seen from two ordinary roles:
 * pg_stat_activity and pg_stat_statements hide another role's queries unless the viewer has the
 * privileges of that role or of pg_read_all_stats; pg_signal_backend cancels another role's
 * (non-superuser) query; pg_read_all_settings shows the superuser-only settings; pg_monitor has
 * all three reading roles.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MonitoringRolesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @BeforeAll
    static void createRoles() throws Exception {
        try (Connection connection = server.connect()) {
            for (String role : new String[] {"alice", "bob", "reader", "signaller", "settings_reader", "monitor",
                    "alice_admin"}) {
                execute(connection, "CREATE ROLE " + role + " LOGIN");
            }
            execute(connection, "GRANT pg_read_all_stats TO reader");
            execute(connection, "GRANT pg_signal_backend TO signaller");
            execute(connection, "GRANT pg_read_all_settings TO settings_reader");
            execute(connection, "GRANT pg_monitor TO monitor");
            execute(connection, "GRANT alice TO alice_admin");
        }
    }

    private static Connection as(String role) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), role, "");
    }

    private static String sqlStateAndMessage(Connection connection, String sql) {
        try {
            execute(connection, sql);
            return "no error";
        } catch (SQLException e) {
            PSQLException error = (PSQLException) e;
            return error.getSQLState() + " " + error.getServerErrorMessage().getMessage();
        }
    }

    @Test
    void thePredefinedRolesHavePostgresOidsAndPgMonitorsMemberships() throws Exception {
        try (Connection connection = server.connect()) {
            assertThat(rows(connection, "SELECT oid, rolname, rolcanlogin FROM pg_roles WHERE rolname IN ('pg_monitor', "
                    + "'pg_read_all_settings', 'pg_read_all_stats', 'pg_stat_scan_tables', 'pg_signal_backend') "
                    + "ORDER BY oid")).containsExactly("3373|pg_monitor|f", "3374|pg_read_all_settings|f",
                    "3375|pg_read_all_stats|f", "3377|pg_stat_scan_tables|f", "4200|pg_signal_backend|f");
            assertThat(rows(connection, "SELECT roleid::regrole, member::regrole, admin_option FROM pg_auth_members "
                    + "WHERE member = 'pg_monitor'::regrole ORDER BY roleid")).containsExactly(
                    "pg_read_all_settings|pg_monitor|f", "pg_read_all_stats|pg_monitor|f",
                    "pg_stat_scan_tables|pg_monitor|f");
            assertThat(sqlStateAndMessage(connection, "CREATE ROLE pg_monitor")).isEqualTo(
                    "42939 role name \"pg_monitor\" is reserved");
        }
    }

    @Test
    void anotherRolesSessionIsHiddenWithoutPgReadAllStats() throws Exception {
        try (Connection alice = as("alice"); Connection bob = as("bob"); Connection reader = as("reader");
             Connection monitor = as("monitor"); Connection admin = as("alice_admin")) {
            String pid = firstValue(alice, "SELECT pg_backend_pid()");
            execute(alice, "SELECT 'alice activity marker'");
            String view = "SELECT usename, state, query, backend_start IS NULL FROM pg_stat_activity WHERE pid = " + pid;
            assertThat(rows(bob, view)).containsExactly("alice|null|<insufficient privilege>|t");
            for (Connection privileged : new Connection[] {reader, monitor, admin}) {
                assertThat(rows(privileged, view)).containsExactly("alice|idle|SELECT 'alice activity marker'|f");
            }
        }
    }

    @Test
    void anotherRolesStatementTextIsHiddenWithoutPgReadAllStats() throws Exception {
        try (Connection alice = as("alice"); Connection bob = as("bob"); Connection reader = as("reader");
             Connection admin = as("alice_admin")) {
            execute(alice, "SELECT 'alice' AS alice_statement_marker");
            String statements = "SELECT query FROM pg_stat_statements WHERE userid = 'alice'::regrole "
                    + "AND query LIKE '%alice_statement_marker%'";
            String hidden = "SELECT count(*) > 0 FROM pg_stat_statements WHERE userid = 'alice'::regrole "
                    + "AND query = '<insufficient privilege>' AND queryid IS NULL";
            // pg_stat_statements asks for pg_read_all_stats only, not the privileges of the role
            for (Connection unprivileged : new Connection[] {bob, admin}) {
                assertThat(rows(unprivileged, statements)).isEmpty();
                assertThat(firstValue(unprivileged, hidden)).isEqualTo("t");
            }
            assertThat(rows(reader, statements)).containsExactly("SELECT $1 AS alice_statement_marker");
            assertThat(firstValue(reader, hidden)).isEqualTo("f");
        }
    }

    @Test
    void pgSignalBackendCancelsAnotherNonSuperusersQuery() throws Exception {
        try (Connection alice = as("alice"); Connection bob = as("bob"); Connection signaller = as("signaller");
             Connection superuser = server.connect()) {
            String alicePid = firstValue(alice, "SELECT pg_backend_pid()");
            String superuserPid = firstValue(superuser, "SELECT pg_backend_pid()");
            assertThat(sqlStateAndMessage(bob, "SELECT pg_cancel_backend(" + alicePid + ")")).isEqualTo("42501 must be "
                    + "a member of the role whose query is being canceled or member of pg_signal_backend");
            assertThat(sqlStateAndMessage(bob, "SELECT pg_terminate_backend(" + alicePid + ")")).isEqualTo("42501 "
                    + "must be a member of the role whose process is being terminated or member of pg_signal_backend");
            assertThat(firstValue(signaller, "SELECT pg_cancel_backend(" + alicePid + ")")).isEqualTo("t");
            assertThat(sqlStateAndMessage(signaller, "SELECT pg_cancel_backend(" + superuserPid + ")"))
                    .isEqualTo("42501 must be a superuser to cancel superuser query");
            assertThat(sqlStateAndMessage(signaller, "SELECT pg_terminate_backend(" + superuserPid + ")"))
                    .isEqualTo("42501 must be a superuser to terminate superuser process");
        }
    }

    @Test
    void superuserOnlySettingsNeedPgReadAllSettings() throws Exception {
        try (Connection bob = as("bob"); Connection settingsReader = as("settings_reader");
             Connection monitor = as("monitor")) {
            String listed = "SELECT count(*) FROM pg_settings WHERE name IN ('data_directory', 'log_directory')";
            assertThat(firstValue(bob, listed)).isEqualTo("0");
            assertThat(sqlStateAndMessage(bob, "SHOW data_directory")).isEqualTo("42501 must be superuser or have "
                    + "privileges of pg_read_all_settings to examine \"data_directory\"");
            assertThat(sqlStateAndMessage(bob, "SELECT current_setting('log_directory')")).isEqualTo("42501 must be "
                    + "superuser or have privileges of pg_read_all_settings to examine \"log_directory\"");
            assertThat(firstValue(bob, "SHOW work_mem")).isEqualTo("4MB");
            for (Connection privileged : new Connection[] {settingsReader, monitor}) {
                assertThat(firstValue(privileged, listed)).isEqualTo("2");
                assertThat(firstValue(privileged, "SELECT current_setting('data_directory') <> ''")).isEqualTo("t");
            }
        }
    }
}
