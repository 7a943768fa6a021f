package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Relation sizes are cached per fork ({@code smgrnblocks}' cached size): every session reads
 * the size another session's inserts extended, VACUUM truncated, and TRUNCATE replaced, and
 * after a kill -9 crash recovery (which extends the files again by redo) leaves sizes that
 * show every committed row.
 */
class RelationSizeCacheCrashIT {
    @RegisterExtension
    final KillableServer server = new KillableServer();

    private static String count(Connection connection) throws Exception {
        return TestSessions.firstValue(connection, "SELECT count(*) FROM t");
    }

    @Test
    void everySessionSeesTheSizeAfterExtendTruncateAndCrashRecovery() throws Exception {
        server.initAndStart();
        try (Connection writer = server.connect(); Connection reader = server.connect()) {
            TestSessions.execute(writer, "CREATE TABLE t (id int, pad text) WITH (autovacuum_enabled = off)");
            // the reader learns the size of the empty table first
            assertThat(count(reader)).isEqualTo("0");
            TestSessions.execute(writer, "INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series(1, 1200) g");
            assertThat(count(reader)).isEqualTo("1200");
            String pagesBefore = TestSessions.firstValue(reader, "SELECT pg_relation_size('t') / 8192");
            assertThat(Integer.parseInt(pagesBefore)).isGreaterThan(20);

            // VACUUM cuts the empty tail of the file (the cached size goes with it)
            TestSessions.execute(writer, "DELETE FROM t WHERE id > 10");
            TestSessions.execute(writer, "VACUUM t");
            assertThat(TestSessions.firstValue(reader, "SELECT pg_relation_size('t') / 8192")).isEqualTo("1");
            assertThat(count(reader)).isEqualTo("10");
            // extended again after the truncation: the other session sees every new page
            TestSessions.execute(writer, "INSERT INTO t SELECT g, repeat('y', 200) FROM generate_series(11, 2000) g");
            assertThat(count(reader)).isEqualTo("2000");
            assertThat(TestSessions.firstValue(reader, "SELECT count(*) FROM t WHERE pad LIKE 'y%'")).isEqualTo("1990");

            // TRUNCATE gives a new file; the old one's size must not carry over
            TestSessions.execute(writer, "TRUNCATE t");
            assertThat(count(reader)).isEqualTo("0");
            TestSessions.execute(writer, "INSERT INTO t SELECT g, repeat('z', 200) FROM generate_series(1, 1500) g");
            assertThat(count(reader)).isEqualTo("1500");
        }
        server.kill();

        server.restart();
        try (Connection connection = server.connect(); Connection other = server.connect()) {
            assertThat(count(connection)).isEqualTo("1500");
            TestSessions.execute(connection, "INSERT INTO t SELECT g, repeat('w', 200) FROM generate_series(1, 500) g");
            assertThat(count(other)).isEqualTo("2000");
        }
    }
}
