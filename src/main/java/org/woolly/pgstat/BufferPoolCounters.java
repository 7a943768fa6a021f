package org.woolly.pgstat;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The buffer pool's share of pg_stat_bgwriter, counted where it happens (PostgreSQL 15 counts
 * them in {@code BgBufferSync}, {@code ForwardSyncRequest} and {@code StrategyGetBuffer}):
 * pages the background writer cleaned, its rounds stopped by bgwriter_lru_maxpages, pages
 * backends wrote themselves (evictions, relation flushes, relation extension), backends' own
 * fsyncs and buffer allocations. The pool owns one; {@link BackgroundWriterStatistics} shows it.
 * Thread-safe and cheap on the allocation path (one {@link LongAdder} increment).
 */
public final class BufferPoolCounters {
    /** The pg_stat_bgwriter columns these counters feed, in the view's order. */
    static final List<String> COLUMNS = List.of("buffers_clean", "maxwritten_clean", "buffers_backend",
            "buffers_backend_fsync", "buffers_alloc");

    private final LongAdder clean = new LongAdder();
    private final LongAdder maxWrittenClean = new LongAdder();
    private final LongAdder backend = new LongAdder();
    private final LongAdder backendFsync = new LongAdder();
    private final LongAdder allocations = new LongAdder();

    /** One round of the background writer that wrote {@code pages} pages. */
    public void cleaned(int pages, boolean stoppedByMaxPages) {
        clean.add(pages);
        if (stoppedByMaxPages) {
            maxWrittenClean.increment();
        }
    }

    /** A page a backend wrote itself ({@code num_backend_writes}). */
    public void backendWrite() {
        backend.increment();
    }

    /** A buffer taken for a page not in the pool ({@code numBufferAllocs}). */
    public void allocated() {
        allocations.increment();
    }

    /** The current count of one of {@link #COLUMNS}. */
    public long value(String column) {
        return switch (column) {
            case "buffers_clean" -> clean.sum();
            case "maxwritten_clean" -> maxWrittenClean.sum();
            case "buffers_backend" -> backend.sum();
            case "buffers_backend_fsync" -> backendFsync.sum();
            case "buffers_alloc" -> allocations.sum();
            default -> throw new IllegalArgumentException(column);
        };
    }

    /** {@code pg_stat_reset_shared('bgwriter')}. */
    void reset() {
        for (LongAdder counter : List.of(clean, maxWrittenClean, backend, backendFsync, allocations)) {
            counter.reset();
        }
    }
}
