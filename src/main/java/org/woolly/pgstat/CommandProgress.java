package org.woolly.pgstat;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A running command's progress ({@code backend_progress.c}): the command (VACUUM, ANALYZE,
 * CREATE INDEX, COPY), the relation it works on and twenty numbered parameters whose meaning
 * each {@code pg_stat_progress_*} view gives (PostgreSQL's {@code st_progress_param}, its
 * indexes in {@code progress.h}). Only the command's own thread writes, through the static
 * methods, on its bound {@link BackendStatus}; readers copy the parameters one by one, as
 * {@code pg_stat_get_progress_info} does, and may see one update and not the next.
 */
public final class CommandProgress {
    /** PostgreSQL's {@code PGSTAT_NUM_PROGRESS_PARAM}. */
    public static final int PARAMETERS = 20;

    /** {@code progress.h}: the parameter indexes (0-based, param1 is 0) the commands set. */
    public static final int VACUUM_PHASE = 0;
    public static final int VACUUM_TOTAL_HEAP_BLKS = 1;
    public static final int VACUUM_HEAP_BLKS_SCANNED = 2;
    public static final int VACUUM_HEAP_BLKS_VACUUMED = 3;
    public static final int VACUUM_NUM_INDEX_VACUUMS = 4;
    public static final int VACUUM_MAX_DEAD_TUPLES = 5;
    public static final int VACUUM_NUM_DEAD_TUPLES = 6;
    public static final int VACUUM_PHASE_SCAN_HEAP = 1;
    public static final int VACUUM_PHASE_VACUUM_INDEX = 2;
    public static final int VACUUM_PHASE_VACUUM_HEAP = 3;
    public static final int VACUUM_PHASE_INDEX_CLEANUP = 4;
    public static final int VACUUM_PHASE_TRUNCATE = 5;
    public static final int VACUUM_PHASE_FINAL_CLEANUP = 6;
    public static final int ANALYZE_PHASE = 0;
    public static final int ANALYZE_TOTAL_BLOCKS = 1;
    public static final int ANALYZE_BLOCKS_DONE = 2;
    public static final int ANALYZE_PHASE_ACQUIRE_SAMPLE_ROWS = 1;
    public static final int ANALYZE_PHASE_COMPUTE_STATS = 3;
    public static final int ANALYZE_PHASE_FINALIZE_ANALYZE = 5;
    public static final int CREATEIDX_COMMAND = 0;
    public static final int CREATEIDX_INDEX_OID = 6;
    public static final int CREATEIDX_ACCESS_METHOD_OID = 8;
    public static final int CREATEIDX_PHASE = 9;
    public static final int CREATEIDX_TUPLES_TOTAL = 11;
    public static final int CREATEIDX_TUPLES_DONE = 12;
    public static final int CREATEIDX_COMMAND_CREATE = 1;
    public static final int CREATEIDX_COMMAND_REINDEX = 3;
    public static final int CREATEIDX_PHASE_BUILD = 2;
    public static final int COPY_BYTES_PROCESSED = 0;
    public static final int COPY_TUPLES_PROCESSED = 2;
    public static final int COPY_COMMAND = 4;
    public static final int COPY_TYPE = 5;
    public static final int COPY_COMMAND_FROM = 1;
    public static final int COPY_COMMAND_TO = 2;
    public static final int COPY_TYPE_FILE = 1;
    public static final int COPY_TYPE_PROGRAM = 2;
    public static final int COPY_TYPE_PIPE = 3;

    /** One backend's progress as a reader copied it. */
    public record Snapshot(int pid, Integer databaseOid, String command, int relationOid, long[] parameters) {}

    final String command;
    final int relationOid;
    final AtomicLongArray parameters = new AtomicLongArray(PARAMETERS);

    CommandProgress(String command, int relationOid) {
        this.command = command;
        this.relationOid = relationOid;
    }

    long[] parameters() {
        long[] copy = new long[PARAMETERS];
        for (int i = 0; i < PARAMETERS; i++) {
            copy[i] = parameters.get(i);
        }
        return copy;
    }

    /** {@code pgstat_progress_start_command}: the calling backend starts {@code command} on a relation. */
    public static void start(String command, int relationOid) {
        BackendStatus status = BackendStatus.current();
        if (status != null) {
            status.progress(new CommandProgress(command, relationOid));
        }
    }

    /** {@code pgstat_progress_update_param}. */
    public static void update(int index, long value) {
        BackendStatus status = BackendStatus.current();
        CommandProgress progress = status == null ? null : status.progress();
        if (progress != null) {
            progress.parameters.set(index, value);
        }
    }

    /** {@code pgstat_progress_end_command}. */
    public static void end() {
        BackendStatus status = BackendStatus.current();
        if (status != null) {
            status.progress(null);
        }
    }
}
