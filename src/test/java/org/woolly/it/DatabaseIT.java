package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.WoollyServerExtension.assertStatementError;
import static org.woolly.it.WoollyServerExtension.errorOf;

/**
 * CREATE, ALTER and DROP DATABASE through the JDBC driver, psql and the createdb/dropdb
 * programs: each database is a namespace of its own made as a copy of its template
 * ({@code base/<oid>}), and the errors are PostgreSQL 15's (SQLSTATE, message, detail).
 */
class DatabaseIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void aNewDatabaseIsACopyOfItsTemplateAndTablesStayInTheirDatabase() throws Exception {
        Connection postgres = sessions.connect();
        Connection template1 = sessions.connectTo("template1", server.superuser());
        execute(template1, "CREATE TABLE from_template (id int PRIMARY KEY, label text)");
        execute(template1, "INSERT INTO from_template VALUES (1, 'copied'), (2, 'too')");
        template1.close();
        execute(postgres, "CREATE TABLE only_in_postgres (a int)");
        execute(postgres, "CREATE DATABASE shop");

        Connection shop = sessions.connectTo("shop", server.superuser());
        assertThat(rows(shop, "SELECT current_database()")).containsExactly("shop");
        assertThat(rows(shop, "SELECT label FROM from_template ORDER BY id")).containsExactly("copied", "too");
        assertThat(errorOf(shop, "SELECT * FROM only_in_postgres").getSQLState()).isEqualTo("42P01");
        execute(shop, "CREATE TABLE orders (id int PRIMARY KEY, item text)");
        execute(shop, "INSERT INTO orders VALUES (1, 'tea')");
        execute(shop, "INSERT INTO from_template VALUES (3, 'only in shop')");
        assertThat(errorOf(postgres, "SELECT * FROM orders").getSQLState()).isEqualTo("42P01");
        assertThat(rows(postgres, "SELECT datname FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                + "AND datname = 'shop'")).containsExactly("shop");
        assertThat(rows(postgres, "SELECT d.datname, a.rolname, d.encoding, d.datistemplate, d.datallowconn, "
                + "d.datconnlimit FROM pg_database d JOIN pg_authid a ON a.oid = d.datdba WHERE d.datname = 'shop'"))
                .containsExactly("shop|" + server.superuser() + "|6|f|t|-1");
        int oid = Integer.parseInt(rows(postgres, "SELECT oid FROM pg_database WHERE datname = 'shop'").getFirst());
        Path directory = server.server().dataDirectory().resolve("base").resolve(Integer.toString(oid));
        assertThat(directory).isDirectory();

        shop.close();
        execute(postgres, "DROP DATABASE shop");
        assertThat(directory).doesNotExist();
        PSQLException refused = catchThrowableOfType(PSQLException.class,
                () -> sessions.connectTo("shop", server.superuser()));
        assertThat(refused.getSQLState()).isEqualTo("3D000");
        assertThat(refused.getServerErrorMessage().getMessage()).isEqualTo("database \"shop\" does not exist");
        execute(sessions.connectTo("template1", server.superuser()), "DROP TABLE from_template");
    }

    @Test
    void errorsAreThoseOfPostgres() throws Exception {
        Connection postgres = sessions.connect();
        execute(postgres, "CREATE DATABASE errs WITH OWNER = " + server.superuser() + " TEMPLATE template0 "
                + "ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' STRATEGY file_copy CONNECTION LIMIT 5 OID 40000");
        assertStatementError(postgres, "CREATE DATABASE errs", "42P04", "database \"errs\" already exists");
        assertStatementError(postgres, "CREATE DATABASE x TEMPLATE nosuch", "3D000", "template database \"nosuch\" does not exist");
        assertStatementError(postgres, "CREATE DATABASE x OWNER nosuch", "42704", "role \"nosuch\" does not exist");
        assertStatementError(postgres, "CREATE DATABASE x foo 1", "42601", "option \"foo\" not recognized");
        assertStatementError(postgres, "CREATE DATABASE x TEMPLATE template1 TEMPLATE template0", "42601",
                "conflicting or redundant options");
        assertStatementError(postgres, "CREATE DATABASE x STRATEGY copy", "22023", "invalid create database strategy \"copy\"");
        assertStatementError(postgres, "CREATE DATABASE x CONNECTION LIMIT -2", "22023", "invalid connection limit: -2");
        assertStatementError(postgres, "CREATE DATABASE x IS_TEMPLATE 'maybe'", "42601", "is_template requires a Boolean value");
        assertStatementError(postgres, "CREATE DATABASE x OID 100", "22023", "OIDs less than 16384 are reserved for system objects");
        assertStatementError(postgres, "CREATE DATABASE x OID 40000", "22023",
                "database OID 40000 is already in use by database \"errs\"");
        assertStatementError(postgres, "CREATE DATABASE x ENCODING 'xyz'", "42704", "xyz is not a valid encoding name");
        assertStatementError(postgres, "CREATE DATABASE x TABLESPACE nosuch", "42704", "tablespace \"nosuch\" does not exist");
        postgres.setAutoCommit(false);
        assertStatementError(postgres, "CREATE DATABASE x", "25001", "CREATE DATABASE cannot run inside a transaction block");
        postgres.rollback();
        assertStatementError(postgres, "DROP DATABASE errs", "25001", "DROP DATABASE cannot run inside a transaction block");
        postgres.rollback();
        postgres.setAutoCommit(true);
        assertStatementError(postgres, "DROP DATABASE nosuch", "3D000", "database \"nosuch\" does not exist");
        execute(postgres, "DROP DATABASE IF EXISTS nosuch");
        assertStatementError(postgres, "DROP DATABASE postgres", "55006", "cannot drop the currently open database");
        assertStatementError(postgres, "DROP DATABASE template1", "42809", "cannot drop a template database");
        assertStatementError(postgres, "DROP DATABASE errs (force, foo)", "42601", "syntax error at or near \"foo\"");
        assertStatementError(postgres, "ALTER DATABASE nosuch RENAME TO x", "3D000", "database \"nosuch\" does not exist");
        assertStatementError(postgres, "ALTER DATABASE postgres RENAME TO x", "0A000", "current database cannot be renamed");
        assertStatementError(postgres, "ALTER DATABASE errs RENAME TO template1", "42P04", "database \"template1\" already exists");
        assertStatementError(postgres, "ALTER DATABASE errs CONNECTION LIMIT -5", "22023", "invalid connection limit: -5");

        execute(postgres, "CREATE ROLE plain LOGIN");
        Connection plain = sessions.connectTo("postgres", "plain");
        assertStatementError(plain, "CREATE DATABASE x", "42501", "permission denied to create database");
        assertStatementError(plain, "DROP DATABASE errs", "42501", "must be owner of database errs");
        execute(postgres, "ALTER ROLE plain CREATEDB");
        execute(plain, "CREATE DATABASE owned_by_plain");
        assertThat(rows(postgres, "SELECT a.rolname FROM pg_database d JOIN pg_authid a ON a.oid = d.datdba "
                + "WHERE d.datname = 'owned_by_plain'")).containsExactly("plain");
        assertStatementError(plain, "ALTER DATABASE owned_by_plain OWNER TO " + server.superuser(), "42501",
                "must be member of role \"" + server.superuser() + "\"");
        execute(plain, "DROP DATABASE owned_by_plain");

        PSQLException template0 = catchThrowableOfType(PSQLException.class,
                () -> sessions.connectTo("template0", server.superuser()));
        assertThat(template0.getSQLState()).isEqualTo("55000");
        assertThat(template0.getServerErrorMessage().getMessage())
                .isEqualTo("database \"template0\" is not currently accepting connections");
        execute(postgres, "DROP DATABASE errs");
        execute(postgres, "DROP ROLE plain");
    }

    @Test
    void alterDatabaseRenamesLimitsAndMarksTemplates() throws Exception {
        Connection postgres = sessions.connect();
        execute(postgres, "CREATE DATABASE before_rename");
        execute(postgres, "ALTER DATABASE before_rename RENAME TO after_rename");
        Connection renamed = sessions.connectTo("after_rename", server.superuser());
        assertThat(rows(renamed, "SELECT current_database()")).containsExactly("after_rename");
        renamed.close();
        assertThat(catchThrowableOfType(PSQLException.class,
                () -> sessions.connectTo("before_rename", server.superuser())).getSQLState()).isEqualTo("3D000");

        execute(postgres, "CREATE ROLE limited LOGIN");
        // a closed connection's backend counts against the limit until it has exited, in PostgreSQL too
        for (int i = 0; i < 200 && !rows(postgres, "SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = 'after_rename'").equals(java.util.List.of("0")); i++) {
            Thread.sleep(50);
        }
        execute(postgres, "ALTER DATABASE after_rename CONNECTION LIMIT 1");
        Connection first = sessions.connectTo("after_rename", "limited");
        PSQLException second = catchThrowableOfType(PSQLException.class,
                () -> sessions.connectTo("after_rename", "limited"));
        assertThat(second.getSQLState()).isEqualTo("53300");
        assertThat(second.getServerErrorMessage().getMessage())
                .isEqualTo("too many connections for database \"after_rename\"");
        assertStatementError(postgres, "ALTER DATABASE after_rename RENAME TO again", "55006",
                "database \"after_rename\" is being accessed by other users");
        first.close();

        execute(postgres, "ALTER DATABASE after_rename WITH ALLOW_CONNECTIONS false CONNECTION LIMIT -1");
        assertThat(catchThrowableOfType(PSQLException.class,
                () -> sessions.connectTo("after_rename", "limited")).getSQLState()).isEqualTo("55000");
        execute(postgres, "ALTER DATABASE after_rename ALLOW_CONNECTIONS true IS_TEMPLATE true");
        assertStatementError(postgres, "DROP DATABASE after_rename", "42809", "cannot drop a template database");
        execute(postgres, "ALTER DATABASE after_rename IS_TEMPLATE false");
        assertThat(rows(postgres, "SELECT datistemplate, datallowconn, datconnlimit FROM pg_database "
                + "WHERE datname = 'after_rename'")).containsExactly("f|t|-1");
        execute(postgres, "DROP DATABASE after_rename");
        execute(postgres, "DROP ROLE limited");
    }

    @Test
    void aDatabaseInUseIsNotDroppedOrCopiedUnlessForced() throws Exception {
        Connection postgres = sessions.connect();
        execute(postgres, "CREATE DATABASE busy");
        Connection user = sessions.connectTo("busy", server.superuser());
        execute(user, "CREATE TABLE t (a int)");

        ServerErrorMessage drop = errorOf(postgres, "DROP DATABASE busy");
        assertThat(drop.getSQLState()).isEqualTo("55006");
        assertThat(drop.getMessage()).isEqualTo("database \"busy\" is being accessed by other users");
        assertThat(drop.getDetail()).isEqualTo("There is 1 other session using the database.");
        ServerErrorMessage copy = errorOf(postgres, "CREATE DATABASE busy_copy TEMPLATE busy");
        assertThat(copy.getSQLState()).isEqualTo("55006");
        assertThat(copy.getMessage()).isEqualTo("source database \"busy\" is being accessed by other users");
        assertThat(user.isValid(5)).isTrue();

        execute(postgres, "DROP DATABASE busy WITH (FORCE)");
        SQLException terminated = catchThrowableOfType(SQLException.class, () -> execute(user, "SELECT 1"));
        assertThat((Throwable) terminated).isNotNull();
        assertThat(rows(postgres, "SELECT count(*) FROM pg_database WHERE datname = 'busy'")).containsExactly("0");
        assertThat(rows(postgres, "SELECT count(*) FROM pg_stat_activity WHERE datname = 'busy'")).containsExactly("0");
    }

    @Test
    void createdbAndDropdbProgramsAndPsqlWork() throws Exception {
        assertThat(runProgram("createdb", "from_createdb")).isEmpty();
        String output = PsqlIT.run(server, """
                CREATE TABLE in_createdb (a int);
                INSERT INTO in_createdb VALUES (42);
                SELECT current_database(), a FROM in_createdb;
                """, "-d", "from_createdb", "-A", "-t");
        assertThat(output).contains("from_createdb|42");
        assertThat(runProgram("createdb", "from_createdb")).contains(
                "createdb: error: database creation failed: ERROR:  database \"from_createdb\" already exists");
        assertThat(runProgram("dropdb", "from_createdb")).isEmpty();
        assertThat(runProgram("dropdb", "--if-exists", "from_createdb"))
                .isEqualTo("NOTICE:  database \"from_createdb\" does not exist, skipping");
        assertThat(runProgram("dropdb", "from_createdb")).contains(
                "dropdb: error: database removal failed: ERROR:  database \"from_createdb\" does not exist");
    }

    private static String runProgram(String program, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(PsqlIT.psql().resolveSibling(program).toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", server.superuser()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output.strip();
    }


    private static List<String> rows(Connection connection, String sql) throws SQLException {
        return TestSessions.rows(connection, sql);
    }
}
