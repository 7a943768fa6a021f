package org.woolly.testsupport;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.woolly.access.transam.StorageOptions;
import org.woolly.tcop.Engine;
import org.woolly.catalog.RoleInfo;
import org.woolly.server.DataDirectoryInitializer;
import org.woolly.server.WoollyEngine;

/**
 * A real data directory (initdb, then the engine the server runs: storage, WAL, heap, catalog,
 * parser, analyzer, planner, executor) for tests that drive sessions without a socket. The
 * superuser is {@value #SUPERUSER}; databases are those initdb makes.
 */
public final class TestCluster implements AutoCloseable {
    public static final String SUPERUSER = "alice";

    private final WoollyEngine engine;
    private final AtomicInteger nextProcessId = new AtomicInteger(100);

    private TestCluster(WoollyEngine engine) {
        this.engine = engine;
    }

    /** Initializes {@code directory} (empty or absent) as a copy of this JVM's template cluster, and opens it. */
    public static TestCluster create(Path directory) {
        DataDirectoryInitializer.initializeFromTemplate(directory, DataDirectoryInitializer.Options.trustAll(SUPERUSER));
        return open(directory);
    }

    /** Opens an initialized directory, replaying its WAL when the last stop was a crash. */
    public static TestCluster open(Path directory) {
        return new TestCluster(WoollyEngine.open(directory, StorageOptions.defaults()));
    }

    public Engine engine() {
        return engine;
    }

    /** A session of the superuser on {@code postgres}. */
    public TestSession session() {
        return session(engine.lookupRole(SUPERUSER).orElseThrow());
    }

    /** A session of {@code role} (which need not exist in pg_authid) on {@code postgres}. */
    public TestSession session(RoleInfo role) {
        return new TestSession(engine, role, "postgres", nextProcessId.getAndIncrement());
    }

    @Override
    public void close() {
        engine.close();
    }
}
