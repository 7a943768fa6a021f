package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * Roles, membership and the catalog views of roles, sequences and settings through psql, compared
 * with PostgreSQL 15's output of the same script: {@code \du}, {@code \dg}, pg_has_role, SET ROLE
 * and SET SESSION AUTHORIZATION with the privileges they change, pg_sequences and pg_settings;
 * privileges on databases (CONNECT, CREATE, TEMPORARY) and schemas (USAGE, CREATE) as they are
 * granted, shown and enforced.
 */
class PrivilegesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void rolesSequencesAndSettingsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "settings/roles");
    }

    @Test
    void databaseAndSchemaPrivilegesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "privileges/database_schema");
    }

    @Test
    void addingIdentityToAColumnMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "privileges/add_identity");
    }

    @Test
    void revokingAGrantOptionCascadesToWhatWasGrantedWithIt() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "privileges/grant_options");
    }

    @Test
    void aRoleWithoutConnectIsRefusedAtConnectionStart() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE dp_nologin_db LOGIN");
            statement.execute("CREATE DATABASE dp_closed");
            statement.execute("REVOKE CONNECT ON DATABASE dp_closed FROM PUBLIC");
        }
        Throwable refused = catchThrowable(
                () -> DriverManager.getConnection(server.jdbcUrl("dp_closed"), "dp_nologin_db", "").close());
        assertThat(refused).isInstanceOf(PSQLException.class);
        WoollyServerExtension.assertError(((PSQLException) refused).getServerErrorMessage(), "42501",
                "permission denied for database \"dp_closed\"", "User does not have CONNECT privilege.");
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("GRANT CONNECT ON DATABASE dp_closed TO dp_nologin_db");
        }
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("dp_closed"), "dp_nologin_db", "")) {
            assertThat(TestSessions.firstValue(connection, "SELECT current_database()")).isEqualTo("dp_closed");
        }
    }
}
