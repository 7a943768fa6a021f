package org.woolly.access.heap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared state of one Parallel Seq Scan ({@code ParallelBlockTableScanDescData} of
 * {@code tableam.h}): the table's block count, fixed when the Gather starts, and the counter
 * of blocks handed out so far, which every participant (the leader and each worker) advances
 * to claim its next blocks ({@code table_block_parallelscan_nextpage} of {@code tableam.c}).
 *
 * <p>Blocks are claimed in chunks, so participants do not touch the shared counter per block and
 * each reads runs of neighbouring blocks: a chunk is the block count over
 * {@link #CHUNKS} rounded up to a power of two, at most {@link #MAX_CHUNK_SIZE}
 * ({@code table_block_parallelscan_startblock_init}); near the end of the table a participant
 * halves its chunk each time fewer than {@link #RAMPDOWN_CHUNKS} of its chunks remain, so the
 * participants finish at about the same time. Scans start at block 0 (no synchronized scans).
 */
public final class ParallelBlockTable {
    /** {@code PARALLEL_SEQSCAN_NCHUNKS}: about this many chunks per table. */
    static final int CHUNKS = 2048;
    /** {@code PARALLEL_SEQSCAN_RAMPDOWN_CHUNKS}. */
    static final int RAMPDOWN_CHUNKS = 64;
    /** {@code PARALLEL_SEQSCAN_MAX_CHUNK_SIZE}. */
    static final int MAX_CHUNK_SIZE = 8192;

    private final int blockCount;
    private final AtomicLong allocated = new AtomicLong();
    private final int chunkSize;

    public ParallelBlockTable(int blockCount) {
        this.blockCount = blockCount;
        int perChunk = Math.max(1, blockCount / CHUNKS);
        this.chunkSize = Math.min(MAX_CHUNK_SIZE, Integer.highestOneBit(perChunk) == perChunk ? perChunk
                : Integer.highestOneBit(perChunk) << 1);
    }

    public int blockCount() {
        return blockCount;
    }

    /** The chunk size a participant starts with. */
    int initialChunkSize() {
        return chunkSize;
    }

    /** One participant's claim on the table ({@code ParallelBlockTableScanWorkerData}); not thread-safe. */
    public Participant participant() {
        return new Participant();
    }

    /** The blocks one participant scans, claimed chunk by chunk from the shared counter. */
    public final class Participant {
        private int currentChunkSize = chunkSize;
        private int chunkRemaining;
        private long nextAllocated;

        private Participant() {}

        /** The next block this participant scans, or -1 when every block has been handed out. */
        public int nextBlock() {
            long claimed;
            if (chunkRemaining > 0) {
                chunkRemaining--;
                claimed = ++nextAllocated;
            } else {
                if (currentChunkSize > 1
                        && nextAllocated > blockCount - (long) currentChunkSize * RAMPDOWN_CHUNKS) {
                    currentChunkSize >>= 1;
                }
                claimed = allocated.getAndAdd(currentChunkSize);
                nextAllocated = claimed;
                chunkRemaining = currentChunkSize - 1;
            }
            return claimed >= blockCount ? -1 : (int) claimed;
        }
    }
}
