package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import java.util.ArrayList;
import java.util.List;

import org.woolly.access.transam.Snapshot;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * A sequential scan, page at a time ({@code heapgettup_pagemode}): the visible tuples of one
 * page are copied under its share lock, then lock and pin are dropped before the caller sees
 * any of them, so a scan never holds a buffer while the executor runs. The block count is taken
 * when the scan starts, as PostgreSQL does; rows added later are not visible to the snapshot
 * anyway. Not thread-safe (one scan, one caller).
 */
final class HeapSequentialScan implements HeapScan {
    private final HeapAccessMethod heap;
    private final RelFileLocator relation;
    private final Snapshot snapshot;
    private final int blockCount;
    private final List<HeapTuple> pageTuples = new ArrayList<>();
    private int nextBlock;
    private int nextTuple;
    private boolean closed;

    HeapSequentialScan(HeapAccessMethod heap, RelFileLocator relation, Snapshot snapshot, int blockCount) {
        this.heap = heap;
        this.relation = relation;
        this.snapshot = snapshot;
        this.blockCount = blockCount;
    }

    @Override
    public HeapTuple next() {
        while (nextTuple >= pageTuples.size()) {
            if (closed || Integer.compareUnsigned(nextBlock, blockCount) >= 0) {
                return null;
            }
            loadPage(nextBlock++);
        }
        return pageTuples.get(nextTuple++);
    }

    private void loadPage(int block) {
        pageTuples.clear();
        nextTuple = 0;
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
                    pageTuples.add(HeapAccessMethod.copyTuple(page, new Tid(block, offset)));
                }
            }
            heap.recordFreeSpace(relation, block, page.freeSpace());
        } finally {
            pool.unlockAndRelease(buffer);
        }
    }

    @Override
    public void close() {
        closed = true;
        pageTuples.clear();
        nextTuple = 0;
    }
}
