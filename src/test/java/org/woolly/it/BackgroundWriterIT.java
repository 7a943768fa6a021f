package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstRow;
import static org.woolly.it.TestSessions.firstValue;

/**
 * The background writer on a server whose table does not fit in shared_buffers (1MB, 128
 * pages): it cleans pages ahead of the clock hand (pg_stat_bgwriter's buffers_clean grows), the
 * data read back is what was written, it shows in pg_stat_activity, and
 * pg_stat_reset_shared('bgwriter') zeroes its counters.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackgroundWriterIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension(builder -> builder
            .setting("shared_buffers", "1MB").setting("bgwriter_delay", "10ms"));

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static long counter(Connection connection, String column) throws SQLException {
        return Long.parseLong(firstValue(connection, "SELECT " + column + " FROM pg_stat_bgwriter"));
    }

    @Test
    void cleansPagesAheadOfTheClockWhenTheTableOutgrowsSharedBuffers() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE big (id int, v text)");
        execute(connection, "INSERT INTO big SELECT g, repeat('x', 200) FROM generate_series(1, 6000) g");
        execute(connection, "UPDATE big SET id = id + 1");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (counter(connection, "buffers_clean") == 0 && System.nanoTime() < deadline) {
            // each scan allocates buffers, which keeps the writer awake and gives it work
            firstValue(connection, "SELECT count(*) FROM big");
            Thread.sleep(20);
        }
        List<String> row = firstRow(connection,
                "SELECT buffers_clean, buffers_backend, buffers_alloc, buffers_backend_fsync FROM pg_stat_bgwriter");
        assertThat(Long.parseLong(row.get(0))).as("buffers_clean").isPositive();
        assertThat(Long.parseLong(row.get(1))).as("buffers_backend").isPositive();
        // 300-odd pages (the rows and their new versions) through a pool of 128 buffers
        assertThat(Long.parseLong(row.get(2))).as("buffers_alloc").isGreaterThan(300);
        assertThat(row.get(3)).as("buffers_backend_fsync: fsyncs go to the checkpointer").isEqualTo("0");
        assertThat(firstRow(connection, "SELECT count(*), sum(id), min(id), max(id), min(length(v)) FROM big"))
                .containsExactly("6000", "18009000", "2", "6001", "200");
    }

    @Test
    void showsAsABackgroundWriterProcessWithItsSettings() throws Exception {
        Connection connection = sessions.connect();
        String query = "SELECT backend_type, wait_event_type, wait_event IN ('BgWriterMain', "
                + "'BgWriterHibernate'), datname IS NULL, state IS NULL FROM pg_stat_activity "
                + "WHERE backend_type = 'background writer'";
        // while it writes a round of pages it waits on nothing (wait_event NULL, as in PostgreSQL):
        // look again until the round is over
        List<String> row = firstRow(connection, query);
        for (long deadline = System.nanoTime() + 10_000_000_000L; row.get(1) == null && System.nanoTime() < deadline; ) {
            Thread.sleep(20);
            row = firstRow(connection, query);
        }
        assertThat(row).containsExactly("background writer", "Activity", "t", "t", "t");
        assertThat(TestSessions.rows(connection, "SELECT name || '=' || setting || ' ' || context || ' ' || category "
                + "FROM pg_settings WHERE name LIKE 'bgwriter%' ORDER BY name"))
                .containsExactly("bgwriter_delay=10 sighup Resource Usage / Background Writer",
                        "bgwriter_lru_maxpages=100 sighup Resource Usage / Background Writer",
                        "bgwriter_lru_multiplier=2 sighup Resource Usage / Background Writer");
    }

    @Test
    void resetSharedBgwriterZeroesTheBufferCounters() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE resettable (id int, v text)");
        execute(connection, "INSERT INTO resettable SELECT g, repeat('y', 200) FROM generate_series(1, 3000) g");
        assertThat(counter(connection, "buffers_alloc")).isPositive();
        execute(connection, "SELECT pg_stat_reset_shared('bgwriter')");
        List<String> row = firstRow(connection,
                "SELECT buffers_backend, buffers_alloc, stats_reset > now() - interval '1 minute' FROM pg_stat_bgwriter");
        // nothing of the 3000-row insert's ~90 pages is left in the counters
        assertThat(Long.parseLong(row.get(0))).isLessThan(20);
        assertThat(Long.parseLong(row.get(1))).isLessThan(20);
        assertThat(row.get(2)).isEqualTo("t");
    }
}
