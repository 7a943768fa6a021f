package org.woolly.embedded;

import org.junit.jupiter.api.Test;
import org.woolly.server.WoollyEngine;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An embedded server gives its memory back when closed: after many starts and closes in one JVM
 * (as the integration tests do, each with 128 MB of shared buffers) no engine, and so no buffer
 * pool, stays reachable, and no {@code woolly:} thread is left running. A start that fails (a
 * refused setting, a data directory another server holds) leaves nothing behind either.
 */
class WoollyServerLeakTest {
    private static final int ROUNDS = 6;

    @Test
    void closedServersLeaveNoEngineNorThreads() throws Exception {
        List<WeakReference<WoollyEngine>> engines = new ArrayList<>();
        // Closed handles kept reachable, as a test class's static extension keeps its server:
        // the handle must not pin the engine (each IT's 128 MB buffer pool ran a 2 GB heap out).
        List<WoollyServer> closedHandles = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            try (WoollyServer server = WoollyServer.builder().temporaryDirectory().setting("shared_buffers", "1024")
                    .onEngineOpened(engine -> engines.add(new WeakReference<>(engine))).start()) {
                closedHandles.add(server);
                try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"),
                        server.superuser(), "");
                     Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
                    statement.execute("CREATE SEQUENCE s");
                    statement.execute("INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 100) g");
                    try (ResultSet rows = statement.executeQuery("SELECT count(*), nextval('s') FROM t WHERE id < 50")) {
                        rows.next();
                        assertThat(rows.getInt(1)).isEqualTo(49);
                    }
                }
            }
        }
        assertThat(engines).hasSize(ROUNDS);
        assertCollected(engines);
        assertNoServerThreads();
        assertThat(closedHandles).allSatisfy(server -> assertThat(server.stoppedByCrash()).isFalse());
    }

    @Test
    void failedStartsLeaveNoEngineNorThreads() throws Exception {
        List<WeakReference<WoollyEngine>> engines = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Throwable refused = catchThrowable(() -> WoollyServer.builder().temporaryDirectory()
                    .setting("default_transaction_isolation", "no such level")
                    .onEngineOpened(engine -> engines.add(new WeakReference<>(engine))).start().close());
            assertThat(refused).isNotNull();
            try (WoollyServer holder = WoollyServer.builder().temporaryDirectory()
                    .onEngineOpened(engine -> engines.add(new WeakReference<>(engine))).start()) {
                Throwable locked = catchThrowable(() -> WoollyServer.builder().dataDirectory(holder.dataDirectory())
                        .setting("port", "0").setting("unix_socket_directories", "")
                        .onEngineOpened(engine -> engines.add(new WeakReference<>(engine))).start().close());
                assertThat(locked).isNotNull();
            }
        }
        assertCollected(engines);
        assertNoServerThreads();
    }

    @Test
    void serversRestartedAfterACrashLeaveNoEngineNorThreads() throws Exception {
        List<WeakReference<WoollyEngine>> engines = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            try (WoollyServer server = WoollyServer.builder().temporaryDirectory().setting("shared_buffers", "1024")
                    .onEngineOpened(engine -> engines.add(new WeakReference<>(engine))).start()) {
                server.panic("leak test");
                awaitConnectable(server);
            }
        }
        assertThat(engines).hasSize(6);
        assertCollected(engines);
        assertNoServerThreads();
    }

    private static void awaitConnectable(WoollyServer server) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), "")) {
                if (connection.isValid(5)) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the server did not restart after the crash");
    }

    private static void assertCollected(List<WeakReference<WoollyEngine>> engines) throws InterruptedException {
        for (int attempt = 0; attempt < 50 && engines.stream().anyMatch(reference -> reference.get() != null); attempt++) {
            System.gc();
            Thread.sleep(100);
        }
        long alive = engines.stream().filter(reference -> reference.get() != null).count();
        assertThat(alive).as("engines still reachable after close").isZero();
    }

    private static void assertNoServerThreads() throws InterruptedException {
        List<String> names = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            names = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(name -> name.startsWith("woolly:")).toList();
            if (names.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(names).as("server threads left running").isEmpty();
    }

}
