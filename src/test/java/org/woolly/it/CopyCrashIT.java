package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * A server (separate JVM) killed with SIGKILL after a committed COPY, with a finished but
 * uncommitted COPY and with a COPY still streaming: recovery replays the MULTI_INSERT records
 * (a page reaches disk only after its WAL record, PostgreSQL's WAL rule), so every committed row
 * is back, in the heap and in the primary key, and no row of the two uncommitted COPYs is
 * visible or blocks a later insert of the same keys.
 */
class CopyCrashIT {
    private static final int COMMITTED = 60_000;

    @RegisterExtension
    final KillableServer server = new KillableServer();

    /** Text-format COPY input: ids {@code from .. to - 1}, a second column derived from the id. */
    private static String rows(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int id = from; id < to; id++) {
            text.append(id).append('\t').append("row ").append(id).append(" ").append("x".repeat(id % 40)).append('\n');
        }
        return text.toString();
    }

    /** Closes a connection whose server was killed (its socket is gone, so closing may fail). */
    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (java.sql.SQLException expected) {
            // the server is gone
        }
    }

    @Test
    void committedCopyRowsSurviveAKillAndUncommittedOnesVanish() throws Exception {
        server.initAndStart();
        Connection finished = server.connect();
        Connection streaming = server.connect();
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id int PRIMARY KEY, note text NOT NULL)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            assertThat(copy.copyIn("COPY t FROM STDIN", new StringReader(rows(0, COMMITTED)))).isEqualTo(COMMITTED);

            // a COPY that ended but whose transaction did not commit
            finished.setAutoCommit(false);
            CopyManager uncommitted = finished.unwrap(PGConnection.class).getCopyAPI();
            assertThat(uncommitted.copyIn("COPY t FROM STDIN", new StringReader(rows(COMMITTED, 2 * COMMITTED))))
                    .isEqualTo(COMMITTED);

            // a COPY still receiving data when the server dies: 20,000 rows (20 batches) sent, no end
            CopyIn inFlight = streaming.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY t FROM STDIN");
            byte[] chunk = rows(2 * COMMITTED, 2 * COMMITTED + 20_000).getBytes(StandardCharsets.UTF_8);
            inFlight.writeToCopy(chunk, 0, chunk.length);
            inFlight.flushCopy();

            server.kill();
        }
        closeQuietly(finished);
        closeQuietly(streaming);

        server.restart();
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            long expectedSum = (long) COMMITTED * (COMMITTED - 1) / 2;
            assertThat(TestSessions.rows(connection, "SELECT count(*), sum(id), min(id), max(id) FROM t"))
                    .containsExactly(COMMITTED + "|" + expectedSum + "|0|" + (COMMITTED - 1));
            assertThat(TestSessions.rows(connection, "SELECT note FROM t WHERE id = 12345"))
                    .containsExactly("row 12345 " + "x".repeat(12345 % 40));
            statement.execute("SET enable_seqscan = off");
            assertThat(TestSessions.rows(connection, "SELECT count(*) FROM t WHERE id >= 0"))
                    .containsExactly(Integer.toString(COMMITTED));
            statement.execute("RESET enable_seqscan");

            // the keys of the lost COPYs are free again, and a committed key is still taken
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            assertThat(copy.copyIn("COPY t FROM STDIN", new StringReader(rows(COMMITTED, COMMITTED + 30_000))))
                    .isEqualTo(30_000);
            assertThat(TestSessions.rows(connection, "SELECT count(*) FROM t"))
                    .containsExactly(Integer.toString(COMMITTED + 30_000));
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> copy.copyIn("COPY t FROM STDIN", new StringReader(rows(5, 6))))
                    .hasMessageContaining("duplicate key value violates unique constraint \"t_pkey\"");
        }
    }
}
