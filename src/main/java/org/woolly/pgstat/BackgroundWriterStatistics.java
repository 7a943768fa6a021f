package org.woolly.pgstat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pg_stat_bgwriter's counters ({@code PgStat_CheckpointerStats} and {@code PgStat_BgWriterStats}
 * of PostgreSQL 15). The checkpointer reports each checkpoint; the buffer pool counts the
 * background writer's and the backends' writes and the allocations live in its
 * {@link BufferPoolCounters}, which the row adds to what an earlier run saved.
 */
public final class BackgroundWriterStatistics {
    static final List<String> COUNTERS = List.of("checkpoints_timed", "checkpoints_req", "checkpoint_write_time",
            "checkpoint_sync_time", "buffers_checkpoint", "buffers_clean", "maxwritten_clean", "buffers_backend",
            "buffers_backend_fsync", "buffers_alloc");

    private final Map<String, Long> values = new LinkedHashMap<>();
    private long resetMicros = BackendStatus.nowMicros();
    private volatile BufferPoolCounters bufferPool = new BufferPoolCounters();

    public BackgroundWriterStatistics() {
        for (String counter : COUNTERS) {
            values.put(counter, 0L);
        }
    }

    /** The buffer pool whose counters this row shows (a fresh set when there is no pool). */
    public void bufferPool(BufferPoolCounters counters) {
        bufferPool = counters == null ? new BufferPoolCounters() : counters;
    }

    /** One finished checkpoint: timed (checkpoint_timeout) or requested, its pages and its time in ms. */
    public synchronized void checkpointDone(boolean requested, long buffersWritten, long writeMillis,
                                            long syncMillis) {
        values.merge(requested ? "checkpoints_req" : "checkpoints_timed", 1L, Long::sum);
        values.merge("buffers_checkpoint", buffersWritten, Long::sum);
        values.merge("checkpoint_write_time", writeMillis, Long::sum);
        values.merge("checkpoint_sync_time", syncMillis, Long::sum);
    }

    /** A column of the row: the counters, and stats_reset (microseconds since 2000). */
    public synchronized Object value(String column) {
        if (column.equals("stats_reset")) {
            return resetMicros;
        }
        Long value = values.get(column);
        return value != null && BufferPoolCounters.COLUMNS.contains(column) ? value + bufferPool.value(column) : value;
    }

    /** {@code pg_stat_reset_shared('bgwriter')}. */
    public synchronized void reset() {
        values.replaceAll((name, value) -> 0L);
        bufferPool.reset();
        resetMicros = BackendStatus.nowMicros();
    }

    synchronized Map<String, Long> persistentValues() {
        Map<String, Long> copy = new LinkedHashMap<>();
        for (String counter : COUNTERS) {
            copy.put(counter, (Long) value(counter));
        }
        copy.put("stats_reset", resetMicros);
        return copy;
    }

    synchronized void restore(Map<String, Long> restored) {
        for (Map.Entry<String, Long> value : restored.entrySet()) {
            if (value.getKey().equals("stats_reset")) {
                resetMicros = value.getValue();
            } else if (values.containsKey(value.getKey())) {
                values.put(value.getKey(), value.getValue());
            }
        }
    }
}
