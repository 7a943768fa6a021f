package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Wide rows and a server killed with SIGKILL: a value's chunk rows and index entries in the
 * TOAST relation are WAL-logged like any heap and B-tree change and belong to the inserting
 * transaction, so after crash recovery every row whose commit was acknowledged reads back whole
 * (its chunks replayed before its commit record, the WAL rule), and neither the rows of a
 * transaction that never committed nor their chunks are visible. A concurrent session keeps
 * inserting wide rows until the kill, so the kill lands in the middle of a TOAST insert.
 */
class ToastCrashIT {
    @RegisterExtension
    final KillableServer server = new KillableServer();

    /** Row {@code id}'s value: random (stored out of line) for odd ids, repetitive (compressed) for even ones. */
    private static String value(int id) {
        if (id % 2 == 0) {
            return ("row " + id + " ").repeat(30_000);
        }
        Random random = new Random(id);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60_000 + id; i++) {
            text.append((char) ('0' + random.nextInt(75)));
        }
        return text.toString();
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (java.sql.SQLException expected) {
            // the server is gone
        }
    }

    @Test
    void acknowledgedWideRowsSurviveAKillAndUncommittedOnesVanish() throws Exception {
        server.initAndStart();
        List<Integer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        Connection uncommitted = server.connect();
        Connection writer = server.connect();
        try (Connection connection = server.connect()) {
            TestSessions.execute(connection, "CREATE TABLE wide (id int PRIMARY KEY, body text)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wide VALUES (?, ?)")) {
                for (int id = 1; id <= 20; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, value(id));
                    insert.executeUpdate();
                    acknowledged.add(id);
                }
            }
            uncommitted.setAutoCommit(false);
            try (PreparedStatement insert = uncommitted.prepareStatement("INSERT INTO wide VALUES (?, ?)")) {
                for (int id = 1001; id <= 1004; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, value(id));
                    insert.executeUpdate();
                }
            }
            // a writer that goes on inserting wide rows, one transaction each, until the server dies
            Thread inserting = Thread.ofVirtual().start(() -> {
                try (PreparedStatement insert = writer.prepareStatement("INSERT INTO wide VALUES (?, ?)")) {
                    for (int id = 2001; ; id++) {
                        insert.setInt(1, id);
                        insert.setString(2, value(id));
                        insert.executeUpdate();
                        acknowledged.add(id);
                    }
                } catch (java.sql.SQLException expected) {
                    // the server was killed
                }
            });
            while (acknowledged.size() < 25) {
                Thread.onSpinWait();
                Thread.sleep(10);
            }
            server.kill();
            inserting.join();
        }
        closeQuietly(uncommitted);
        closeQuietly(writer);

        server.restart();
        try (Connection connection = server.connect()) {
            List<Integer> ids = new ArrayList<>(acknowledged);
            for (int id : ids) {
                assertThat(TestSessions.rows(connection, "SELECT md5(body), length(body) FROM wide WHERE id = " + id))
                        .as("row %d", id).containsExactly(md5(value(id)) + "|" + value(id).length());
            }
            assertThat(TestSessions.rows(connection, "SELECT count(*) FROM wide WHERE id BETWEEN 1001 AND 1004"))
                    .containsExactly("0");
            // a row whose insert was under way when the server died may have committed unacknowledged; if
            // it is there it is whole
            int newest = ids.stream().mapToInt(Integer::intValue).max().orElseThrow();
            for (String row : TestSessions.rows(connection, "SELECT id FROM wide WHERE id > " + newest)) {
                int id = Integer.parseInt(row);
                assertThat(TestSessions.rows(connection, "SELECT md5(body) FROM wide WHERE id = " + id))
                        .containsExactly(md5(value(id)));
            }
            // the crash left the TOAST relation usable: new wide rows go in and come back
            TestSessions.execute(connection, "INSERT INTO wide VALUES (1001, repeat('after ', 50000))");
            assertThat(TestSessions.rows(connection, "SELECT length(body) FROM wide WHERE id = 1001"))
                    .containsExactly("300000");
            TestSessions.execute(connection, "VACUUM wide");
            assertThat(TestSessions.rows(connection, "SELECT count(*) FROM wide WHERE md5(body) IS NULL"))
                    .containsExactly("0");
        }
    }
}
