package org.woolly.pgstat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * pg_stat_wal's counters ({@code PgStat_WalStats} of {@code pgstat_wal.c}), counted where the
 * WAL is inserted, written and flushed: records and their bytes (headers included), full-page
 * images, writes forced by a full WAL buffer, write and fsync calls. Woolly does not time its
 * WAL I/O ({@code track_wal_io_timing}), so the two times stay 0. Like the other cumulative
 * statistics they are kept across a clean restart ({@link ServerStatistics#save}) and start again
 * from zero after crash recovery.
 */
public final class WalStatistics {
    private final LongAdder records = new LongAdder();
    private final LongAdder fullPageImages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder buffersFull = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder syncs = new LongAdder();
    private volatile long resetMicros = BackendStatus.nowMicros();

    /** One record inserted, {@code length} bytes with {@code images} full-page images. */
    public void inserted(long length, int images) {
        records.increment();
        bytes.add(length);
        if (images > 0) {
            fullPageImages.add(images);
        }
    }

    /** The WAL buffer had no room for a record: its contents were written first. */
    public void bufferFull() {
        buffersFull.increment();
    }

    /** WAL written to the segment files ({@code XLogWrite}). */
    public void written() {
        writes.increment();
    }

    /** WAL flushed to disk ({@code issue_xlog_fsync}). */
    public void synced() {
        syncs.increment();
    }

    /** A pg_stat_wal column: wal_bytes numeric, the times float8, stats_reset microseconds since 2000. */
    public Object value(String column) {
        return switch (column) {
            case "wal_records" -> records.sum();
            case "wal_fpi" -> fullPageImages.sum();
            case "wal_bytes" -> BigDecimal.valueOf(bytes.sum());
            case "wal_buffers_full" -> buffersFull.sum();
            case "wal_write" -> writes.sum();
            case "wal_sync" -> syncs.sum();
            case "wal_write_time", "wal_sync_time" -> 0.0;
            case "stats_reset" -> resetMicros;
            default -> null;
        };
    }

    /** The counters {@link ServerStatistics#save} keeps, by pg_stat_wal column name. */
    Map<String, Long> persistentValues() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("wal_records", records.sum());
        values.put("wal_fpi", fullPageImages.sum());
        values.put("wal_bytes", bytes.sum());
        values.put("wal_buffers_full", buffersFull.sum());
        values.put("wal_write", writes.sum());
        values.put("wal_sync", syncs.sum());
        values.put("stats_reset", resetMicros);
        return values;
    }

    /** Adds what a clean shutdown saved to what this run counted before the file was read. */
    void restore(Map<String, Long> saved) {
        records.add(saved.getOrDefault("wal_records", 0L));
        fullPageImages.add(saved.getOrDefault("wal_fpi", 0L));
        bytes.add(saved.getOrDefault("wal_bytes", 0L));
        buffersFull.add(saved.getOrDefault("wal_buffers_full", 0L));
        writes.add(saved.getOrDefault("wal_write", 0L));
        syncs.add(saved.getOrDefault("wal_sync", 0L));
        Long reset = saved.get("stats_reset");
        if (reset != null) {
            resetMicros = reset;
        }
    }

    /** {@code pg_stat_reset_shared('wal')}. */
    public void reset() {
        records.reset();
        fullPageImages.reset();
        bytes.reset();
        buffersFull.reset();
        writes.reset();
        syncs.reset();
        resetMicros = BackendStatus.nowMicros();
    }
}
