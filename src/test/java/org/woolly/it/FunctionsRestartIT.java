package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A committed function is a pg_proc row, made durable by the WAL like any catalog change: after
 * kill -9 and crash recovery, a table whose DEFAULT, CHECK constraint and expression index call
 * user functions keeps working, and a function created by a transaction the kill interrupted is gone.
 */
class FunctionsRestartIT {
    @RegisterExtension
    final KillableServer server = new KillableServer();

    @Test
    void functionsUsedByDefaultsChecksAndIndexesSurviveAKill() throws Exception {
        server.initAndStart();
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE FUNCTION r_label(i int) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT ''n'' || i::text'");
            execute(connection, "CREATE FUNCTION r_positive(i int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN i > 0");
            execute(connection, "CREATE TABLE r_items (k int CHECK (r_positive(k)), label text DEFAULT r_label(0))");
            execute(connection, "CREATE INDEX r_items_label ON r_items (r_label(k))");
            execute(connection, "INSERT INTO r_items (k) SELECT g FROM generate_series(1, 50) g");
        }
        Connection open = server.connect();
        open.setAutoCommit(false);
        execute(open, "CREATE FUNCTION r_uncommitted() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        server.kill();
        server.restart();
        try (Connection connection = server.connect()) {
            execute(connection, "INSERT INTO r_items (k) VALUES (51)");
            assertThat(rows(connection, "SELECT count(*), min(label) FROM r_items")).containsExactly("51|n0");
            execute(connection, "SET enable_seqscan = off");
            assertThat(rows(connection, "SELECT k FROM r_items WHERE r_label(k) = 'n42'")).containsExactly("42");
            assertThat(WoollyServerExtension.errorOf(connection, "INSERT INTO r_items (k) VALUES (-1)").getSQLState())
                    .isEqualTo("23514");
            assertThat(rows(connection, "SELECT count(*) FROM pg_proc WHERE proname = 'r_uncommitted'"))
                    .containsExactly("0");
        }
    }
}
