package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertStatementError;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session defaults stored with ALTER ROLE ... [IN DATABASE ...] SET and ALTER DATABASE ... SET:
 * the pg_db_role_setting rows, what a new session starts with (role in database over role over
 * database over every role, the startup packet over all), pg_settings.source, RESET back to
 * the stored value, who may set what, and psql's {@code \drds}. Expected texts and rows were
 * checked against PostgreSQL 15.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RoleSettingsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void newSessionsStartWithTheStoredDefaultsInPostgresOrder() throws Exception {
        Connection admin = sessions.connect();
        execute(admin, "CREATE ROLE ann LOGIN");
        execute(admin, "CREATE DATABASE annsdb");
        execute(admin, "ALTER ROLE ALL SET statement_timeout = 5000");
        execute(admin, "ALTER ROLE ALL SET work_mem = '1MB'");
        execute(admin, "ALTER DATABASE annsdb SET work_mem = '2MB'");
        execute(admin, "ALTER DATABASE annsdb SET datestyle = 'ISO, DMY'");
        execute(admin, "ALTER DATABASE annsdb SET lock_timeout = '2s'");
        execute(admin, "ALTER ROLE ann SET work_mem = '3MB'");
        execute(admin, "ALTER ROLE ann SET my.custom = 'x'");
        execute(admin, "ALTER ROLE ann IN DATABASE annsdb SET work_mem = '4MB'");
        assertThat(rows(admin, "SELECT d.datname, r.rolname, s.setconfig FROM pg_db_role_setting s "
                + "LEFT JOIN pg_database d ON d.oid = s.setdatabase LEFT JOIN pg_roles r ON r.oid = s.setrole "
                + "ORDER BY 1 NULLS FIRST, 2 NULLS FIRST")).containsExactly(
                "null|null|{statement_timeout=5000,work_mem=1MB}",
                "null|ann|{work_mem=3MB,my.custom=x}",
                "annsdb|null|{work_mem=2MB,\"DateStyle=ISO, DMY\",lock_timeout=2s}",
                "annsdb|ann|{work_mem=4MB}");
        assertThat(firstValue(admin, "SELECT rolconfig FROM pg_roles WHERE rolname = 'ann'"))
                .isEqualTo("{work_mem=3MB,my.custom=x}");

        Connection inDatabase = sessions.connectTo("annsdb", "ann");
        assertThat(rows(inDatabase, "SELECT name, setting, source FROM pg_settings "
                + "WHERE name IN ('work_mem', 'DateStyle', 'lock_timeout', 'statement_timeout') ORDER BY name"))
                .as("pgjdbc's startup packet sets DateStyle, which outranks the database's").containsExactly(
                "DateStyle|ISO, MDY|client", "lock_timeout|2000|database", "statement_timeout|5000|global",
                "work_mem|4096|database user");
        execute(inDatabase, "SET work_mem = '64kB'");
        execute(inDatabase, "RESET work_mem");
        assertThat(firstValue(inDatabase, "SHOW work_mem")).isEqualTo("4MB");
        assertThat(firstValue(sessions.connectTo("postgres", "ann"), "SHOW work_mem")).isEqualTo("3MB");
        assertThat(firstValue(sessions.connectTo("annsdb", server.superuser()), "SHOW work_mem")).isEqualTo("2MB");
        assertThat(firstValue(admin, "SHOW work_mem")).as("a session open before keeps its value").isEqualTo("4MB");
        assertThat(firstValue(sessions.connect(), "SHOW work_mem")).isEqualTo("1MB");

        Properties startup = new Properties();
        startup.setProperty("user", "ann");
        startup.setProperty("options", "-c work_mem=5MB");
        try (Connection client = DriverManager.getConnection(server.jdbcUrl("annsdb"), startup)) {
            assertThat(rows(client, "SELECT setting, source FROM pg_settings WHERE name = 'work_mem'"))
                    .containsExactly("5120|client");
        }

        execute(admin, "ALTER ROLE ann IN DATABASE annsdb RESET work_mem");
        execute(admin, "ALTER ROLE ann RESET ALL");
        execute(admin, "ALTER DATABASE annsdb SET work_mem TO DEFAULT");
        assertThat(rows(admin, "SELECT s.setconfig FROM pg_db_role_setting s "
                + "WHERE s.setrole IN (0, 'ann'::regrole) ORDER BY 1")).containsExactly(
                "{\"DateStyle=ISO, DMY\",lock_timeout=2s}", "{statement_timeout=5000,work_mem=1MB}");
        assertThat(firstValue(sessions.connectTo("annsdb", "ann"), "SHOW work_mem")).isEqualTo("1MB");
        execute(admin, "ALTER ROLE ALL RESET ALL");
        execute(admin, "ALTER DATABASE annsdb RESET ALL");
        assertThat(rows(admin, "SELECT count(*) FROM pg_db_role_setting WHERE setrole IN (0, 'ann'::regrole)"))
                .containsExactly("0");
    }

    @Test
    void valuesAreCheckedAsSetChecksThemAndOnlyThoseAllowedMaySet() throws Exception {
        Connection admin = sessions.connect();
        execute(admin, "CREATE ROLE bob LOGIN");
        execute(admin, "CREATE DATABASE bobsdb");
        assertStatementError(admin, "ALTER ROLE bob SET shared_buffers = '1MB'", "55P02",
                "parameter \"shared_buffers\" cannot be changed without restarting the server");
        assertStatementError(admin, "ALTER ROLE bob SET log_connections = on", "55P02",
                "parameter \"log_connections\" cannot be set after connection start");
        assertStatementError(admin, "ALTER ROLE bob SET nosuch = 1", "42704", "unrecognized configuration parameter \"nosuch\"");
        assertStatementError(admin, "ALTER ROLE bob SET work_mem = 'abc'", "22023",
                "invalid value for parameter \"work_mem\": \"abc\"");
        assertStatementError(admin, "ALTER ROLE nobody SET work_mem = '1MB'", "42704", "role \"nobody\" does not exist");
        assertStatementError(admin, "ALTER DATABASE nowhere SET work_mem = '1MB'", "3D000",
                "database \"nowhere\" does not exist");
        assertStatementError(admin, "ALTER ROLE bob IN DATABASE nowhere SET work_mem = '1MB'", "3D000",
                "database \"nowhere\" does not exist");

        Connection bob = sessions.connectTo("postgres", "bob");
        execute(bob, "ALTER ROLE bob SET work_mem = '5MB'");
        assertStatementError(bob, "ALTER ROLE bob SET log_statement = 'all'", "42501",
                "permission denied to set parameter \"log_statement\"");
        assertStatementError(bob, "ALTER ROLE ALL SET work_mem = '5MB'", "42501", "must be superuser to alter settings globally");
        assertStatementError(bob, "ALTER DATABASE bobsdb SET work_mem = '5MB'", "42501", "must be owner of database bobsdb");
        assertStatementError(bob, "ALTER ROLE " + server.superuser() + " SET work_mem = '5MB'", "42501",
                "must be superuser to alter superusers");

        execute(admin, "ALTER ROLE bob SET log_statement = 'all'");
        assertThat(firstValue(sessions.connectTo("postgres", "bob"), "SHOW log_statement"))
                .as("a superuser-only value stored by a superuser applies").isEqualTo("all");
        execute(admin, "DROP ROLE bob");
        assertThat(rows(admin, "SELECT count(*) FROM pg_db_role_setting "
                + "WHERE setrole NOT IN (SELECT oid FROM pg_roles) AND setrole <> 0")).containsExactly("0");
    }

    @Test
    void psqlListsThemWithDrds() throws Exception {
        Connection admin = sessions.connect();
        execute(admin, "CREATE ROLE cid LOGIN");
        execute(admin, "ALTER ROLE cid SET work_mem = '8MB'");
        execute(admin, "ALTER ROLE cid SET timezone = 'UTC'");
        execute(admin, "ALTER ROLE cid IN DATABASE postgres SET work_mem = '16MB'");
        String output = PsqlIT.run(server, "\\drds cid\n");
        assertThat(output).isEqualTo("""
                        List of settings
                 Role | Database |   Settings   \s
                ------+----------+---------------
                 cid  | postgres | work_mem=16MB
                 cid  |          | work_mem=8MB +
                      |          | TimeZone=UTC
                (2 rows)

                """);
        execute(admin, "ALTER ROLE cid RESET ALL");
        execute(admin, "ALTER ROLE cid IN DATABASE postgres RESET ALL");
    }

}
