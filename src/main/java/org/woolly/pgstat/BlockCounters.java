package org.woolly.pgstat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Page requests of the buffer pool by relation file (PostgreSQL's {@code pgstat_count_buffer_read}
 * and {@code pgstat_count_buffer_hit}): {@code blocks_fetched} and {@code blocks_hit} of
 * pg_statio_*, and summed by database, {@code blks_read} and {@code blks_hit} of
 * pg_stat_database (shared catalogs count under database 0, PostgreSQL's shared entry). Every
 * fork counts toward its relation and a new block added to a relation counts as read, as in
 * PostgreSQL. A relation is known here by its database and relfilenode, which is what the
 * buffer manager sees; the statistics functions find it from the relation's OID.
 *
 * <p>The buffer manager finds a relation's {@link RelationBlocks} when it loads a page and keeps
 * it with the buffer, so a hit costs one {@link LongAdder} increment and no lookup.
 */
public final class BlockCounters {

    /** A relation file's identity here: its database (0 for shared catalogs) and relfilenode. */
    record Key(int databaseOid, int relNumber) {}

    /**
     * One relation file's counts. The adders count since the server started and are never
     * reset, so that database sums stay whole when one relation is reset; a reset moves the
     * base instead, and {@code restored} holds what a clean restart brought back.
     */
    public static final class RelationBlocks {
        private final LongAdder hits = new LongAdder();
        private final LongAdder reads = new LongAdder();
        private long hitBase;
        private long readBase;
        private long restoredHits;
        private long restoredReads;

        public void hit() {
            hits.increment();
        }

        public void read() {
            reads.increment();
        }

        synchronized long hits() {
            return hits.sum() - hitBase + restoredHits;
        }

        synchronized long reads() {
            return reads.sum() - readBase + restoredReads;
        }

        synchronized void reset() {
            hitBase = hits.sum();
            readBase = reads.sum();
            restoredHits = 0;
            restoredReads = 0;
        }

        synchronized void restore(long restoredHitCount, long restoredReadCount) {
            restoredHits = restoredHitCount;
            restoredReads = restoredReadCount;
        }
    }

    private final Map<Key, RelationBlocks> relations = new ConcurrentHashMap<>();

    /** The counters of one relation file, created at its first page request. */
    public RelationBlocks relation(int databaseOid, int relNumber) {
        // a plain lookup first: computeIfAbsent may lock its bin even when the key is there
        Key key = new Key(databaseOid, relNumber);
        RelationBlocks blocks = relations.get(key);
        return blocks != null ? blocks : relations.computeIfAbsent(key, absent -> new RelationBlocks());
    }

    /** Hits in the database's relations since the server started (pg_stat_database keeps its own base). */
    public long hits(int databaseOid) {
        long sum = 0;
        for (Map.Entry<Key, RelationBlocks> entry : relations.entrySet()) {
            if (entry.getKey().databaseOid() == databaseOid) {
                sum += entry.getValue().hits.sum();
            }
        }
        return sum;
    }

    /** Reads in the database's relations since the server started. */
    public long reads(int databaseOid) {
        long sum = 0;
        for (Map.Entry<Key, RelationBlocks> entry : relations.entrySet()) {
            if (entry.getKey().databaseOid() == databaseOid) {
                sum += entry.getValue().reads.sum();
            }
        }
        return sum;
    }

    /** {@code pg_stat_get_blocks_hit}: the relation file's hits since its last reset; 0 if none. */
    public long relationHits(int databaseOid, int relNumber) {
        RelationBlocks blocks = relations.get(new Key(databaseOid, relNumber));
        return blocks == null ? 0 : blocks.hits();
    }

    /** {@code pg_stat_get_blocks_fetched}: hits and reads of the relation file since its last reset. */
    public long relationFetched(int databaseOid, int relNumber) {
        RelationBlocks blocks = relations.get(new Key(databaseOid, relNumber));
        return blocks == null ? 0 : blocks.hits() + blocks.reads();
    }

    /** {@code pg_stat_reset()}: every relation file of the database back to zero. */
    public void reset(int databaseOid) {
        relations.forEach((key, blocks) -> {
            if (key.databaseOid() == databaseOid) {
                blocks.reset();
            }
        });
    }

    /** {@code pg_stat_reset_single_table_counters}: one relation file back to zero. */
    public void reset(int databaseOid, int relNumber) {
        RelationBlocks blocks = relations.get(new Key(databaseOid, relNumber));
        if (blocks != null) {
            blocks.reset();
        }
    }

    /** What to keep across a clean restart: hits and reads since the last reset, by relation file. */
    Map<Key, long[]> persistentValues() {
        Map<Key, long[]> values = new LinkedHashMap<>();
        relations.forEach((key, blocks) -> {
            long hits = blocks.hits();
            long reads = blocks.reads();
            if (hits != 0 || reads != 0) {
                values.put(key, new long[] {hits, reads});
            }
        });
        return values;
    }

    void restore(int databaseOid, int relNumber, long hits, long reads) {
        relation(databaseOid, relNumber).restore(hits, reads);
    }
}
