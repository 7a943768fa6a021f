package org.woolly.executor;

import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.woolly.storage.file.TemporaryFile;

/**
 * The spill partitions of a hash table that outgrew {@code hash_mem} (nodeAgg.c's
 * {@code hash_spill}, PostgreSQL 13's spilling hash aggregation): input rows of groups not in
 * memory go to one of a power of two of partitions by the hash of their key, and each partition
 * becomes a batch processed later on its own, with the same node logic, where it may spill again
 * with a different hash (the {@code depth} salts it, as PostgreSQL uses other hash bits).
 */
final class HashSpill {
    /** {@code HASHAGG_MIN_PARTITIONS} and a cap on the files one spill opens at once. */
    private static final int MIN_PARTITIONS = 4;
    private static final int MAX_PARTITIONS = 256;

    private final ExecutorContext context;
    private final SpillFormat format;
    private final int depth;
    private final TemporaryFile[] files;
    private final DataOutputStream[] outputs;
    private final long[] counts;

    /**
     * Partitions for a table of {@code depth} (0: the first), as many as a quarter of hash_mem
     * gives write buffers for ({@code hash_choose_num_partitions}).
     */
    HashSpill(ExecutorContext context, SpillFormat format, int depth, long hashMem) {
        this.context = context;
        this.format = format;
        this.depth = depth;
        long byBuffers = hashMem / 4 / TemporaryFile.BLOCK_SIZE;
        int partitions = Integer.highestOneBit((int) Math.max(MIN_PARTITIONS, Math.min(MAX_PARTITIONS, byBuffers)));
        this.files = new TemporaryFile[partitions];
        this.outputs = new DataOutputStream[partitions];
        this.counts = new long[partitions];
    }

    /** The partition of a key's hash at this depth (a seeded finalizer, so the next depth splits it again). */
    private int partition(int hash) {
        return mix(hash ^ (0x9E3779B9 * (depth + 1))) & (files.length - 1);
    }

    /** A 32-bit finalizer (MurmurHash3's fmix32): every input bit moves every output bit. */
    static int mix(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    /** Writes a row whose group is not in memory to its key's partition. */
    void add(int keyHash, Object[] row) {
        int p = partition(keyHash);
        if (files[p] == null) {
            files[p] = context.temporaryFiles().create();
            outputs[p] = new DataOutputStream(files[p].output());
        }
        format.write(outputs[p], row);
        counts[p]++;
    }

    /** The non-empty partitions as batches of the next depth, with the bytes they hold. */
    List<Batch> batches() {
        List<Batch> batches = new ArrayList<>();
        for (int p = 0; p < files.length; p++) {
            if (files[p] != null) {
                files[p].flush();
                batches.add(new Batch(files[p], counts[p], depth + 1));
            }
        }
        return batches;
    }

    /** One spilled partition: its rows are read back once, then the file is deleted. */
    static final class Batch implements AutoCloseable {
        final TemporaryFile file;
        final int depth;
        private final long rows;

        Batch(TemporaryFile file, long rows, int depth) {
            this.file = file;
            this.rows = rows;
            this.depth = depth;
        }

        long bytes() {
            return file.length();
        }

        /** Reads the rows back in the order written; null after the last. */
        java.util.function.Supplier<Object[]> reader(SpillFormat format) {
            return format.reader(file, rows);
        }

        @Override
        public void close() {
            file.close();
        }
    }
}
