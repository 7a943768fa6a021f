package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import org.woolly.access.transam.Snapshot;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * A sequential scan, page at a time ({@code heapgettup_pagemode}): under one share lock the
 * page is checked for visible tuples (their line pointers kept, as {@code rs_vistuples}) and
 * copied whole into an array the scan reuses, then lock and pin are dropped before the caller
 * sees any of them, so a scan never holds a buffer while the executor runs, and reading a tuple
 * ({@link #advance()}) allocates nothing. The block count is taken when the scan starts, as
 * PostgreSQL does; rows added later are not visible to the snapshot anyway. Not thread-safe
 * (one scan, one caller). In a Parallel Seq Scan each participant has a scan of its own that
 * takes its blocks from the shared {@link ParallelBlockTable}.
 */
final class HeapSequentialScan implements HeapScan {
    private final HeapAccessMethod heap;
    private final RelFileLocator relation;
    private final Snapshot snapshot;
    private final int blockCount;
    /** The current page as it was under the share lock. */
    private final byte[] pageCopy = new byte[Page.SIZE];
    /** Per visible tuple of the current page: its offset number, its item position and its length. */
    private final int[] visibleOffsets = new int[Page.SIZE / Page.LINE_POINTER_SIZE];
    private final int[] visiblePositions = new int[visibleOffsets.length];
    private final int[] visibleLengths = new int[visibleOffsets.length];
    private int visibleCount;
    private int currentBlock;
    private int bodyStart;
    private int bodyLength;
    private int nextBlock;
    /** Index of the current tuple in the visible arrays; the next one is {@code current + 1}. */
    private int current = -1;
    private boolean closed;
    /** In a Parallel Seq Scan: where this participant claims its blocks; null for a scan of every block. */
    private final ParallelBlockTable.Participant participant;

    HeapSequentialScan(HeapAccessMethod heap, RelFileLocator relation, Snapshot snapshot, int blockCount) {
        this(heap, relation, snapshot, blockCount, null);
    }

    HeapSequentialScan(HeapAccessMethod heap, RelFileLocator relation, Snapshot snapshot, int blockCount,
                       ParallelBlockTable.Participant participant) {
        this.heap = heap;
        this.relation = relation;
        this.snapshot = snapshot;
        this.blockCount = blockCount;
        this.participant = participant;
    }

    @Override
    public HeapTuple next() {
        if (!advance()) {
            return null;
        }
        int position = visiblePositions[current];
        byte[] body = new byte[bodyLength];
        System.arraycopy(pageCopy, bodyStart, body, 0, bodyLength);
        return new HeapTuple(new Tid(currentBlock, visibleOffsets[current]), HeapTupleHeader.xmin(pageCopy, position),
                HeapTupleHeader.xmax(pageCopy, position), body);
    }

    @Override
    public boolean advance() {
        while (current + 1 >= visibleCount) {
            if (closed) {
                return false;
            }
            if (participant != null) {
                int block = participant.nextBlock();
                if (block < 0) {
                    return false;
                }
                loadPage(block);
                continue;
            }
            if (Integer.compareUnsigned(nextBlock, blockCount) >= 0) {
                return false;
            }
            loadPage(nextBlock++);
        }
        current++;
        int position = visiblePositions[current];
        int headerLength = HeapTupleHeader.headerLength(pageCopy, position);
        bodyStart = position + headerLength;
        bodyLength = visibleLengths[current] - headerLength;
        return true;
    }

    @Override
    public Tid currentTid() {
        return current < 0 ? null : new Tid(currentBlock, visibleOffsets[current]);
    }

    @Override
    public byte[] bodyData() {
        return pageCopy;
    }

    @Override
    public int bodyStart() {
        return bodyStart;
    }

    @Override
    public int bodyLength() {
        return bodyLength;
    }

    private void loadPage(int block) {
        visibleCount = 0;
        current = -1;
        currentBlock = block;
        BufferPool pool = heap.bufferPool();
        Buffer buffer = pool.read(relation, block);
        heap.pruner().pruneOpportunistically(relation, buffer);
        buffer.lockShared();
        try {
            Page page = buffer.page();
            if (page.isNew()) {
                return;
            }
            byte[] data = page.data();
            int maxOffset = page.maxOffsetNumber();
            for (int offset = 1; offset <= maxOffset; offset++) {
                if (page.itemFlags(offset) != Page.LP_NORMAL) {
                    continue;
                }
                int position = page.itemOffset(offset);
                int before = HeapTupleHeader.infomask(data, position);
                boolean visible = heap.visibility().satisfiesMvcc(data, position, snapshot);
                heap.noteHints(buffer, position, before);
                if (visible) {
                    visibleOffsets[visibleCount] = offset;
                    visiblePositions[visibleCount] = position;
                    visibleLengths[visibleCount] = page.itemLength(offset);
                    visibleCount++;
                }
            }
            if (visibleCount > 0) {
                System.arraycopy(data, 0, pageCopy, 0, Page.SIZE);
            }
            heap.recordFreeSpace(relation, block, page.freeSpace());
        } finally {
            pool.unlockAndRelease(buffer);
        }
    }

    @Override
    public void close() {
        closed = true;
        visibleCount = 0;
        current = -1;
    }
}
