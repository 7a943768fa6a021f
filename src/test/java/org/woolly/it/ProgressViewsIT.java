package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

/**
 * The pg_stat_progress_* views as a second session sees them: a COPY FROM STDIN whose client
 * has sent part of its data shows its relation, command, type and the rows taken so far; every
 * view is empty again once its command ended (successfully or not).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProgressViewsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void aRunningCopyShowsItsProgressToAnotherSession() throws Exception {
        try (Connection loader = server.connect(); Connection observer = server.connect()) {
            execute(loader, "CREATE TABLE progress_copy (a int, b text)");
            String pid = firstValue(loader, "SELECT pg_backend_pid()");
            CopyIn copy = loader.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY progress_copy FROM STDIN");
            byte[] data = "1\tone\n2\ttwo\n3\tthree\n".getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(data, 0, data.length);
            copy.flushCopy();
            // the rows reach the server before the end of the copy; the observer waits for the third
            String progress = null;
            for (int attempt = 0; attempt < 600 && (progress == null || !progress.endsWith("|3|0")); attempt++) {
                progress = firstValue(observer, "SELECT pid || '|' || datname || '|' || relid::regclass || '|' || "
                        + "command || '|' || type || '|' || tuples_processed || '|' || tuples_excluded "
                        + "FROM pg_stat_progress_copy");
                if (progress == null || !progress.endsWith("|3|0")) {
                    Thread.sleep(50);
                }
            }
            assertThat(progress).isEqualTo(pid + "|postgres|progress_copy|COPY FROM|PIPE|3|0");
            assertThat(copy.endCopy()).isEqualTo(3);
            assertThat(rows(observer, "SELECT * FROM pg_stat_progress_copy")).isEmpty();
        }
    }

    @Test
    void viewsAreEmptyOnceTheirCommandsEnded() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE progress_done (a int)");
            execute(connection, "INSERT INTO progress_done SELECT generate_series(1, 500)");
            execute(connection, "CREATE INDEX progress_done_a ON progress_done (a)");
            execute(connection, "REINDEX INDEX progress_done_a");
            execute(connection, "ANALYZE progress_done");
            execute(connection, "VACUUM progress_done");
            assertThat(connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY progress_done TO STDOUT", new java.io.ByteArrayOutputStream())).isEqualTo(500);
            WoollyServerExtension.errorOf(connection, "COPY progress_done FROM STDIN (FORMAT nonsense)");
            for (String view : new String[] {"pg_stat_progress_vacuum", "pg_stat_progress_analyze",
                    "pg_stat_progress_create_index", "pg_stat_progress_copy"}) {
                assertThat(rows(connection, "SELECT * FROM " + view)).as(view).isEmpty();
            }
        }
    }
}
