package org.woolly.pgstat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Page requests of the buffer pool by database ({@code blks_hit} and {@code blks_read} of
 * pg_stat_database; shared catalogs count under database 0, as PostgreSQL's shared entry):
 * counted where the buffer manager answers a request, with one map lookup and one
 * {@link LongAdder} increment.
 */
public final class BlockCounters {
    private final Map<Integer, LongAdder> hits = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> reads = new ConcurrentHashMap<>();

    public void hit(int databaseOid) {
        count(hits, databaseOid);
    }

    public void read(int databaseOid) {
        count(reads, databaseOid);
    }

    /** A plain lookup first: computeIfAbsent may lock its bin even when the key is there, on every buffer hit. */
    private static void count(Map<Integer, LongAdder> counters, int databaseOid) {
        LongAdder adder = counters.get(databaseOid);
        if (adder == null) {
            adder = counters.computeIfAbsent(databaseOid, key -> new LongAdder());
        }
        adder.increment();
    }

    public long hits(int databaseOid) {
        LongAdder adder = hits.get(databaseOid);
        return adder == null ? 0 : adder.sum();
    }

    public long reads(int databaseOid) {
        LongAdder adder = reads.get(databaseOid);
        return adder == null ? 0 : adder.sum();
    }
}
