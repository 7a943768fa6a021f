package org.woolly.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Schemas, roles and privileges through psql and pgjdbc. Each psql script's expected output
 * ({@code access/*-pg15.out}) was produced by PostgreSQL 15 from the same script on a fresh
 * {@code postgres} database.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AccessControlIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }

    private Connection connect(String user, String password) throws SQLException {
        Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), user, password);
        connections.add(connection);
        return connection;
    }

    private Connection connect() throws SQLException {
        return connect(server.superuser(), "");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String sqlState(Throwable thrown) {
        assertThat(thrown).isInstanceOf(PSQLException.class);
        return ((PSQLException) thrown).getSQLState();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = AccessControlIT.class.getResourceAsStream("/access/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void isSuperuserFollowsTheCurrentRoleAsInPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "access/current-role");
    }

    @Test
    void theSchemaScriptGivesPostgresOutput() throws Exception {
        String output = PsqlIT.run(server, resource("schemas.sql"), "-v", "ON_ERROR_STOP=0", "-f", "-");
        assertThat(output).isEqualTo(resource("schemas-pg15.out"));
    }

    @Test
    void aSchemaCreatedInAnotherSessionIsUsableOnceCommitted() throws SQLException {
        Connection creator = connect();
        Connection other = connect();
        creator.setAutoCommit(false);
        execute(creator, "CREATE SCHEMA visible_later");
        execute(creator, "CREATE TABLE visible_later.t (a int)");
        Throwable before = catchThrowable(() -> execute(other, "SELECT * FROM visible_later.t"));
        assertThat(sqlState(before)).isEqualTo("42P01");
        creator.commit();
        execute(other, "INSERT INTO visible_later.t VALUES (1)");
        execute(other, "SET search_path = visible_later");
        assertThat(TestSessions.rows(other, "SELECT a FROM t")).containsExactly("1");
        execute(creator, "DROP SCHEMA visible_later CASCADE");
        creator.commit();
    }

    @Test
    void theRoleScriptGivesPostgresOutput() throws Exception {
        String output = PsqlIT.run(server, resource("roles.sql"), "-v", "ON_ERROR_STOP=0", "-f", "-");
        assertThat(output).isEqualTo(resource("roles-pg15.out"));
    }

    @Test
    void aCreatedRoleLogsInOnlyWithLogin() throws SQLException {
        Connection admin = connect();
        execute(admin, "CREATE ROLE login_nologin");
        execute(admin, "CREATE USER login_user PASSWORD 'pw'");
        Throwable refused = catchThrowable(() -> connect("login_nologin", ""));
        assertThat(sqlState(refused)).isEqualTo("28000");
        assertThat(refused).hasMessageContaining("role \"login_nologin\" is not permitted to log in");
        Connection user = connect("login_user", "pw");
        assertThat(TestSessions.rows(user, "SELECT current_user, session_user")).containsExactly("login_user|login_user");
        Throwable notAllowed = catchThrowable(() -> execute(user, "CREATE ROLE sneaky"));
        assertThat(sqlState(notAllowed)).isEqualTo("42501");
        execute(admin, "ALTER ROLE login_nologin LOGIN");
        assertThat(TestSessions.rows(connect("login_nologin", ""), "SELECT current_user"))
                .containsExactly("login_nologin");
    }

    @Test
    void aRoleWithoutPrivilegesIsRefusedAndOneGrantedIsAllowed() throws SQLException {
        Connection admin = connect();
        execute(admin, "CREATE USER priv_user");
        execute(admin, "CREATE TABLE priv_t (a int)");
        execute(admin, "INSERT INTO priv_t VALUES (1)");
        Connection user = connect("priv_user", "");
        Throwable refused = catchThrowable(() -> TestSessions.rows(user, "SELECT a FROM priv_t"));
        assertThat(sqlState(refused)).isEqualTo("42501");
        assertThat(refused).hasMessageContaining("permission denied for table priv_t");
        execute(admin, "GRANT SELECT ON priv_t TO priv_user");
        assertThat(TestSessions.rows(user, "SELECT a FROM priv_t")).containsExactly("1");
        Throwable insert = catchThrowable(() -> execute(user, "INSERT INTO priv_t VALUES (2)"));
        assertThat(sqlState(insert)).isEqualTo("42501");
        execute(admin, "REVOKE SELECT ON priv_t FROM priv_user");
        assertThat(sqlState(catchThrowable(() -> TestSessions.rows(user, "SELECT a FROM priv_t"))))
                .isEqualTo("42501");
    }
}
