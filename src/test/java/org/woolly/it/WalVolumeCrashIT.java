package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WAL volume bounded by max_wal_size (a separate JVM server with max_wal_size = 48MB,
 * min_wal_size = 32MB): under a write-heavy workload the WAL asks for checkpoints ("checkpoint
 * starting: wal"), pg_wal stays within a few segments of max_wal_size, old segments are
 * recycled (PostgreSQL 15's log_checkpoints line says so), and a kill -9 in the middle, with
 * the WAL running through recycled files full of stale records, loses no acknowledged commit.
 */
class WalVolumeCrashIT {
    private static final int SESSIONS = 3;
    private static final int ROWS_PER_COMMIT = 10;
    private static final Pattern COMPLETE = Pattern.compile("checkpoint complete: wrote \\d+ buffers \\(\\d+\\.\\d%\\); "
            + "0 WAL file\\(s\\) added, (\\d+) removed, (\\d+) recycled; write=\\d+\\.\\d{3} s, sync=\\d+\\.\\d{3} s, "
            + "total=\\d+\\.\\d{3} s; sync files=\\d+, longest=\\d+\\.\\d{3} s, average=\\d+\\.\\d{3} s; "
            + "distance=\\d+ kB, estimate=\\d+ kB");

    @RegisterExtension
    final KillableServer server = new KillableServer();

    private static long directorySize(Path directory) throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                try {
                    total += Files.isRegularFile(file) ? Files.size(file) : 0;
                } catch (NoSuchFileException removedMeanwhile) {
                    // a checkpoint removed it
                }
            }
        }
        return total;
    }

    /**
     * A checkpoint recycled segments, and a later one was asked for by the WAL. With 48MB a
     * checkpoint is asked for at the end of each segment from the redo segment on, and the first
     * free name for a recycled file is the one after the segment being written; so the end of the
     * segment that asks next is where the WAL enters a recycled file.
     */
    private static boolean walPassedARecycledSegment(String log) {
        Matcher matcher = COMPLETE.matcher(log);
        while (matcher.find()) {
            if (Integer.parseInt(matcher.group(2)) > 0) {
                return log.indexOf("checkpoint starting: wal", matcher.end()) >= 0;
            }
        }
        return false;
    }

    @Test
    void walStaysBoundedSegmentsAreRecycledAndAKillLosesNoAcknowledgedCommit() throws Exception {
        server.initAndStart("-c", "max_wal_size=48MB", "-c", "min_wal_size=32MB", "-c", "log_checkpoints=on");
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE w (session int, seq int, pad text)");
        }
        AtomicBoolean stop = new AtomicBoolean();
        int[] acknowledged = new int[SESSIONS];
        List<Thread> writers = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            writers.add(Thread.ofPlatform().start(() -> {
                try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                    for (int seq = 1; !stop.get(); seq++) {
                        statement.execute("INSERT INTO w SELECT " + session + ", " + seq + ", repeat('x', 1800) "
                                + "FROM generate_series(1, " + ROWS_PER_COMMIT + ")");
                        acknowledged[session] = seq;
                    }
                } catch (SQLException killed) {
                    // the server was killed under this session
                }
            }));
        }
        Path walDirectory = server.dataDirectory().resolve("pg_wal");
        long peak = 0;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!walPassedARecycledSegment(server.log()) && System.nanoTime() < deadline) {
            peak = Math.max(peak, directorySize(walDirectory));
            Thread.sleep(50);
        }
        int[] acknowledgedAtKill = acknowledged.clone();
        server.kill();
        stop.set(true);
        for (Thread writer : writers) {
            writer.join();
        }
        String log = server.log();
        assertThat(walPassedARecycledSegment(log)).as(log).isTrue();
        assertThat(log).contains("checkpoint starting: wal");
        // the redo segment to the insert segment, plus the segments recycled ahead: a few segments
        // over max_wal_size at most (PostgreSQL's limit is soft too)
        assertThat(peak).isLessThanOrEqualTo(6L * 16 * 1024 * 1024);

        server.restart();
        try (Connection connection = server.connect()) {
            for (int s = 0; s < SESSIONS; s++) {
                int ack = acknowledgedAtKill[s];
                assertThat(TestSessions.firstValue(connection, "SELECT count(*) FROM w WHERE session = " + s
                        + " AND seq <= " + ack)).as("session %d, acknowledged %d", s, ack)
                        .isEqualTo(Integer.toString(ack * ROWS_PER_COMMIT));
            }
            assertThat(TestSessions.firstValue(connection,
                    "SELECT count(*) FROM w WHERE length(pad) <> 1800")).isEqualTo("0");
        }
    }
}
