package org.woolly.tcop;

import org.woolly.catalog.RoleInfo;
import org.woolly.utils.error.NoticeSink;
import org.woolly.protocol.LoginCatalog;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.guc.SessionSettings;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The database engine as the postmaster and the backends see it: storage, WAL, transactions,
 * catalogs and the query pipeline of one data directory. Opened once per server start, after
 * crash recovery; closed at shutdown. Counterpart of what {@code PostmasterMain} sets up in
 * shared memory before it starts accepting connections.
 */
public interface Engine extends LoginCatalog, AutoCloseable {

    /** The name of the bootstrap superuser (initdb's {@code -U}, OID 10), if the catalog has it. */
    default Optional<String> bootstrapSuperuser() {
        return Optional.empty();
    }

    /**
     * Starts the query side of a new backend for an authenticated role connected to a database.
     * {@code settings} are the session's configuration (already holding startup-packet options);
     * {@code notices} receives NOTICE/WARNING reports raised while statements run;
     * {@code processId} is the backend's id as BackendKeyData told the client
     * ({@code pg_backend_pid()}).
     */
    SessionEngine openSession(RoleInfo role, String database, SessionSettings settings, NoticeSink notices,
                              int processId);

    /**
     * A session for an autovacuum worker: as {@link #openSession}, but also into a database that
     * does not allow connections, template0 included ({@code InitPostgres} lets an autovacuum
     * worker in whatever datallowconn says, so that template0's XIDs are frozen too).
     */
    default SessionEngine openMaintenanceSession(RoleInfo role, String database, SessionSettings settings,
                                                 NoticeSink notices, int processId) {
        return openSession(role, database, settings, notices, processId);
    }

    /**
     * The OIDs of the databases whose pg_database.datfrozenxid is more than {@code maxAge} XIDs
     * behind the next XID, oldest first (the launcher's {@code do_start_worker} check against
     * autovacuum_freeze_max_age), whether or not they allow connections.
     */
    default java.util.List<Integer> databasesOlderThan(long maxAge) {
        return java.util.List.of();
    }

    /** The name of the database with that OID, if it exists (the autovacuum launcher's pg_database look-up). */
    default Optional<String> databaseName(int databaseOid) {
        return Optional.empty();
    }

    /** Writes and flushes the WAL so far (the walwriter calls this every wal_writer_delay). */
    void flushWal();

    /** Runs a checkpoint now at full speed (CHECKPOINT, initdb) and says what it did. */
    org.woolly.pgstat.CheckpointStatistics checkpoint();

    /** The checkpointer's timed or WAL-triggered checkpoint, its writes spread (checkpoint_completion_target). */
    default org.woolly.pgstat.CheckpointStatistics spreadCheckpoint() {
        return checkpoint();
    }

    /** Who to wake when the WAL written asks for a checkpoint (max_wal_size); called on a writing thread. */
    default void onCheckpointNeeded(Runnable requester) {}

    /** What the last checkpoint did (for the shutdown checkpoint's log line). */
    default org.woolly.pgstat.CheckpointStatistics lastCheckpoint() {
        return org.woolly.pgstat.CheckpointStatistics.none();
    }

    /** Shutdown began ({@code ShutdownRequested}): a spread checkpoint in progress finishes at full speed. */
    default void shutdownRequested() {}

    /** The WAL-volume GUCs in force, passed again by the checkpointer after each reload. */
    default void configureWalVolume(org.woolly.access.transam.WalVolume.Settings settings) {}

    /** Flushes what a clean shutdown needs (a final checkpoint) and releases files. */
    @Override
    void close();

    /**
     * Puts the engine into the crash state with {@code error} (a PANIC; the first one wins):
     * from then on nothing is written to any file, and the panic listeners are told. A backend
     * calls this when it caught a PANIC raised by code that may not have done so itself.
     */
    void panic(SqlException error);

    /** Whether the engine is in the crash state (a PANIC happened). */
    boolean panicked();

    /**
     * Registers a callback run once when a PANIC happens anywhere in the engine (a backend, the
     * walwriter, the checkpointer), on the thread that raised it: it must only hand the work on.
     * The postmaster's crash handling ({@code HandleChildCrash}) starts here.
     */
    void addPanicListener(Consumer<SqlException> listener);

    /**
     * Immediate shutdown, or the discard after a crash: files closed without writing anything
     * (no checkpoint, no buffer writes); the next open runs crash recovery.
     */
    void closeImmediately();

    /** The server's activity table and cumulative statistics, or null when this engine keeps none. */
    default org.woolly.pgstat.ServerStatistics statistics() {
        return null;
    }

    /** The background writer's work on the buffer pool ({@code BgBufferSync}), or null when there is no pool. */
    default org.woolly.storage.buffer.BackgroundWriter backgroundWriter() {
        return null;
    }

    /** Pages written by checkpoints so far and the buffer pool's size, for log_checkpoints. */
    default long[] checkpointWrites() {
        return new long[] {0, 0};
    }
}
