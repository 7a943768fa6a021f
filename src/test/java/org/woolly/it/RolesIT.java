package org.woolly.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstRow;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

/**
 * SET ROLE, RESET ROLE and SET SESSION AUTHORIZATION through pgjdbc with several roles:
 * current_user and session_user, privileges checked for the current role, membership and
 * superuser checks with PostgreSQL's errors, and the transactional behaviour of the settings.
 */
class RolesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @BeforeEach
    void createRoles() throws Exception {
        try (Connection admin = server.connect()) {
            // NOINHERIT: alice has readers' privileges only after SET ROLE readers
            execute(admin, "CREATE ROLE alice LOGIN NOINHERIT");
            execute(admin, "CREATE ROLE readers");
            execute(admin, "CREATE ROLE outsiders");
            execute(admin, "GRANT readers TO alice");
            execute(admin, "CREATE TABLE secret (a int)");
            execute(admin, "INSERT INTO secret VALUES (7)");
            execute(admin, "GRANT SELECT ON secret TO readers");
        }
    }

    @AfterEach
    void dropRoles() throws Exception {
        try (Connection admin = server.connect()) {
            execute(admin, "DROP TABLE secret");
            execute(admin, "DROP ROLE alice");
            execute(admin, "DROP ROLE readers");
            execute(admin, "DROP ROLE outsiders");
        }
    }

    private static Connection connectAs(String user) throws Exception {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), user, "");
    }

    @Test
    void setRoleChangesCurrentUserAndThePrivilegesChecked() throws Exception {
        try (Connection alice = connectAs("alice")) {
            assertError(errorOf(alice, "SELECT * FROM secret"), "42501", "permission denied for table secret", null);
            execute(alice, "SET ROLE readers");
            assertThat(firstRow(alice, "SELECT current_user, session_user, current_role")).containsExactly("readers",
                    "alice", "readers");
            assertThat(firstValue(alice, "SHOW role")).isEqualTo("readers");
            assertThat(firstValue(alice, "SELECT a FROM secret")).isEqualTo("7");
            assertThat(firstValue(alice, "SELECT has_table_privilege('secret', 'SELECT')")).isEqualTo("t");
            execute(alice, "RESET ROLE");
            assertThat(firstValue(alice, "SELECT current_user")).isEqualTo("alice");
            assertThat(firstValue(alice, "SHOW role")).isEqualTo("none");
            assertError(errorOf(alice, "SELECT * FROM secret"), "42501", "permission denied for table secret", null);
        }
    }

    @Test
    void aRoleMustExistAndBeOneTheSessionUserBelongsTo() throws Exception {
        try (Connection alice = connectAs("alice")) {
            assertError(errorOf(alice, "SET ROLE outsiders"), "42501", "permission denied to set role \"outsiders\"",
                    null);
            assertError(errorOf(alice, "SET ROLE nosuch"), "42704", "role \"nosuch\" does not exist", null);
            assertError(errorOf(alice, "SET SESSION AUTHORIZATION readers"), "42501",
                    "permission denied to set session authorization", null);
            assertError(errorOf(alice, "SELECT set_config('role', 'postgres', false)"), "0A000",
                    "parameter \"role\" can only be set with SET ROLE or SET SESSION AUTHORIZATION", null);
            assertThat(firstValue(alice, "SELECT current_user")).isEqualTo("alice");
            // setting the session to oneself is allowed
            execute(alice, "SET SESSION AUTHORIZATION alice");
            assertThat(firstValue(alice, "SELECT session_user")).isEqualTo("alice");
        }
    }

    @Test
    void aSuperuserBecomesAnotherSessionUserUntilDefault() throws Exception {
        try (Connection admin = server.connect()) {
            execute(admin, "SET SESSION AUTHORIZATION alice");
            assertThat(firstRow(admin, "SELECT current_user, session_user")).containsExactly("alice", "alice");
            assertError(errorOf(admin, "SELECT * FROM secret"), "42501", "permission denied for table secret", null);
            // the authenticated user is still a superuser, so it may come back or become anyone
            execute(admin, "SET SESSION AUTHORIZATION outsiders");
            assertThat(firstValue(admin, "SELECT session_user")).isEqualTo("outsiders");
            execute(admin, "SET SESSION AUTHORIZATION DEFAULT");
            assertThat(firstRow(admin, "SELECT current_user, session_user"))
                    .containsExactly(server.superuser(), server.superuser());
        }
    }

    @Test
    void roleSettingsFollowTheirTransaction() throws Exception {
        try (Connection alice = connectAs("alice")) {
            execute(alice, "BEGIN");
            execute(alice, "SET LOCAL ROLE readers");
            assertThat(firstValue(alice, "SELECT current_user")).isEqualTo("readers");
            execute(alice, "COMMIT");
            assertThat(firstValue(alice, "SELECT current_user")).isEqualTo("alice");
            execute(alice, "BEGIN");
            execute(alice, "SET ROLE readers");
            execute(alice, "ROLLBACK");
            assertThat(firstValue(alice, "SELECT current_user")).isEqualTo("alice");
            execute(alice, "SET ROLE readers");
            execute(alice, "RESET ALL");
            assertThat(firstValue(alice, "SELECT current_user")).as("RESET ALL leaves the role").isEqualTo("readers");
        }
    }
}
