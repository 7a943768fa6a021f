package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server killed with SIGKILL while sessions hold temporary tables (one committed with rows, one
 * still being created in an open transaction) comes back without them: no pg_class rows in any
 * temporary schema, and their files gone. PostgreSQL removes temporary relation files at start-up
 * ({@code RemovePgTempFiles}) and their catalog rows when the schema is next used; Woolly drops both
 * at start-up, and the next session that gets the same pg_temp_N starts empty.
 */
class TempTablesCrashIT {
    @RegisterExtension
    final KillableServer server = new KillableServer();

    @Test
    void temporaryTablesDoNotSurviveAKill() throws Exception {
        server.initAndStart();
        Path file;
        String schema;
        Connection holder = server.connect();
        execute(holder, "CREATE TABLE kept (a int)");
        execute(holder, "INSERT INTO kept VALUES (1)");
        execute(holder, "CREATE TEMP TABLE crash_temp (id int PRIMARY KEY, label text)");
        execute(holder, "INSERT INTO crash_temp SELECT g, 'row ' || g FROM generate_series(1, 2000) g");
        schema = firstValue(holder, "SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()");
        String database = firstValue(holder, "SELECT oid FROM pg_database WHERE datname = current_database()");
        String relfilenode = firstValue(holder, "SELECT relfilenode FROM pg_class WHERE relname = 'crash_temp'");
        file = server.dataDirectory().resolve("base").resolve(database).resolve(relfilenode);
        execute(holder, "CHECKPOINT");
        assertThat(Files.exists(file)).isTrue();
        Connection open = server.connect();
        open.setAutoCommit(false);
        execute(open, "CREATE TEMP TABLE crash_uncommitted (a int)");
        execute(open, "INSERT INTO crash_uncommitted VALUES (1)");

        server.kill();
        server.restart();

        try (Connection after = server.connect()) {
            assertThat(rows(after, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname LIKE 'pg_temp%' OR c.relname LIKE 'crash%'")).containsExactly("0");
            assertThat(Files.exists(file)).isFalse();
            assertThat(rows(after, "SELECT a FROM kept")).containsExactly("1");
            // the schema of a dead session is taken again, empty
            execute(after, "CREATE TEMP TABLE crash_temp (a int)");
            assertThat(rows(after, "SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()"))
                    .containsExactly(schema);
            assertThat(rows(after, "SELECT count(*) FROM crash_temp")).containsExactly("0");
        }
    }

    /** UNLOGGED tables come back empty after a crash (PostgreSQL's {@code ResetUnloggedRelations}), still unlogged. */
    @Test
    void unloggedTablesAreEmptyAfterAKill() throws Exception {
        server.initAndStart();
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE UNLOGGED TABLE scratch (id int PRIMARY KEY, label text)");
            execute(connection, "CREATE TABLE durable (id int PRIMARY KEY)");
            execute(connection, "INSERT INTO scratch SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
            execute(connection, "INSERT INTO durable SELECT generate_series(1, 1000)");
            execute(connection, "CHECKPOINT");
            execute(connection, "INSERT INTO scratch VALUES (1001, 'after the checkpoint')");
            assertThat(rows(connection, "SELECT relname, relpersistence FROM pg_class "
                    + "WHERE relname IN ('scratch', 'scratch_pkey', 'durable') ORDER BY 1"))
                    .containsExactly("durable|p", "scratch|u", "scratch_pkey|u");
        }
        server.kill();
        server.restart();
        try (Connection connection = server.connect()) {
            assertThat(rows(connection, "SELECT count(*) FROM scratch")).containsExactly("0");
            assertThat(rows(connection, "SELECT count(*) FROM durable")).containsExactly("1000");
            execute(connection, "INSERT INTO scratch VALUES (1, 'again')");
            execute(connection, "SET enable_seqscan = off");
            assertThat(rows(connection, "SELECT label FROM scratch WHERE id = 1")).containsExactly("again");
            assertThat(rows(connection, "SELECT relpersistence FROM pg_class WHERE relname = 'scratch'"))
                    .containsExactly("u");
        }
    }
}
