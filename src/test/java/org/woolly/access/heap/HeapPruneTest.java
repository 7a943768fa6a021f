package org.woolly.access.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;
import static org.woolly.access.heap.HeapTestSupport.text;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.ResourceManager;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.StorageManager;

/**
 * HOT chains, pruning ({@code heap_page_prune}) and VACUUM's two page passes: what is removed,
 * what a snapshot still sees, and that redo of the PRUNE and VACUUM records rebuilds the same
 * page bytes.
 */
class HeapPruneTest {
    @TempDir
    Path primary;
    @TempDir
    Path replica;

    private static ModifyResult committedUpdate(HeapTestSupport heap, Tid tid, String row, boolean hot) {
        Transaction tx = heap.transactions.begin();
        ModifyResult result = heap.heap.update(TABLE, tid, bytes(row), tx, tx.takeSnapshot(), hot);
        heap.transactions.commit(tx);
        return result;
    }

    private static String fetch(HeapTestSupport heap, Tid tid) {
        Transaction tx = heap.transactions.begin();
        try {
            return text(heap.heap.fetch(TABLE, tid, tx.takeSnapshot()));
        } finally {
            heap.transactions.commit(tx);
        }
    }

    @Test
    void hotUpdatesFormAChainThatFetchFollowsAndPruningShortens() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Tid root = heap.committedInsert("v0");
        Tid other = heap.committedInsert("other");
        Tid current = root;
        for (int version = 1; version <= 3; version++) {
            ModifyResult result = committedUpdate(heap, current, "v" + version, true);
            assertThat(result.heapOnly()).isTrue();
            assertThat(result.newTid().block()).isEqualTo(0);
            current = result.newTid();
        }
        assertThat(fetch(heap, root)).isEqualTo("v3");
        assertThat(heap.heap.rootTid(TABLE, current)).isEqualTo(root);
        // a snapshot taken now holds back nothing older; one taken before would
        Transaction deleter = heap.transactions.begin();
        assertThat(heap.heap.delete(TABLE, other, deleter, deleter.takeSnapshot()).status())
                .isEqualTo(ModifyResult.Status.OK);
        heap.transactions.commit(deleter);

        Transaction oldReader = heap.transactions.begin();
        Snapshot old = oldReader.takeSnapshot();
        ModifyResult fourth = committedUpdate(heap, current, "v4", true);
        VacuumPage page = heap.heap.vacuumScanPage(TABLE, 0, heap.transactions.oldestXmin());
        // v0..v2 and "other" are dead to everyone; v3 is still seen by the old snapshot
        assertThat(page.pruned()).isEqualTo(4);
        assertThat(page.recentlyDead()).isEqualTo(1);
        assertThat(page.deadLinePointers()).containsExactly(other.offset());
        assertThat(text(heap.heap.fetch(TABLE, root, old))).isEqualTo("v3");
        assertThat(fetch(heap, root)).isEqualTo("v4");
        heap.transactions.commit(oldReader);

        page = heap.heap.vacuumScanPage(TABLE, 0, heap.transactions.oldestXmin());
        assertThat(page.pruned()).isEqualTo(1);
        assertThat(fetch(heap, root)).isEqualTo("v4");
        assertThat(heap.heap.rootTid(TABLE, fourth.newTid())).isEqualTo(root);
        heap.heap.vacuumReclaim(TABLE, 0, page.deadLinePointers());
        assertThat(fetch(heap, other)).isNull();
        assertThat(heap.scan(committedSnapshot(heap))).containsExactly("v4");
        // the freed line pointer is used again
        Tid reused = heap.committedInsert("new");
        assertThat(reused.block()).isEqualTo(0);

        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 16, lsn -> { });
        ResourceManager redo = new HeapAccessMethod(target, new FakeWal(), HeapTestSupport.transactionManager(replica))
                .resourceManager();
        for (FakeWal.Logged logged : heap.wal.records) {
            redo.redo(logged.record(), logged.endLsn());
        }
        assertThat(heap.wal.records.stream().map(logged -> redo.describe(logged.record()).split(" ")[0]))
                .contains("PRUNE", "VACUUM");
        byte[] expected = pageOf(heap.pool);
        byte[] actual = pageOf(target);
        Page.putShort(expected, 8, 0);
        Page.putShort(actual, 8, 0);
        // hint bits are not logged: compare with them cleared
        assertThat(Page.wrap(actual).maxOffsetNumber()).isEqualTo(Page.wrap(expected).maxOffsetNumber());
        for (int offset = 1; offset <= Page.wrap(expected).maxOffsetNumber(); offset++) {
            assertThat(Page.wrap(actual).itemFlags(offset)).as("line pointer " + offset)
                    .isEqualTo(Page.wrap(expected).itemFlags(offset));
            assertThat(Page.wrap(actual).itemOffset(offset)).as("line pointer " + offset)
                    .isEqualTo(Page.wrap(expected).itemOffset(offset));
        }
        assertThat(Page.wrap(actual).upper()).isEqualTo(Page.wrap(expected).upper());
    }

    @Test
    void anUpdateWithoutHotGetsANormalTupleAndVacuumFreesTheOldOne() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Tid first = heap.committedInsert("a");
        ModifyResult result = committedUpdate(heap, first, "b", false);
        assertThat(result.heapOnly()).isFalse();
        assertThat(fetch(heap, first)).isNull();
        assertThat(fetch(heap, result.newTid())).isEqualTo("b");
        VacuumPage page = heap.heap.vacuumScanPage(TABLE, 0, heap.transactions.oldestXmin());
        assertThat(page.deadLinePointers()).containsExactly(first.offset());
        assertThat(page.live()).isEqualTo(1);
        heap.heap.vacuumReclaim(TABLE, 0, page.deadLinePointers());
        assertThat(heap.scan(committedSnapshot(heap))).containsExactly("b");
    }

    @Test
    void anAbortedInsertIsPrunedAndARunningOneIsKept() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Transaction aborted = heap.transactions.begin();
        heap.heap.insert(TABLE, bytes("gone"), aborted);
        heap.transactions.abort(aborted);
        Transaction running = heap.transactions.begin();
        heap.heap.insert(TABLE, bytes("pending"), running);
        VacuumPage page = heap.heap.vacuumScanPage(TABLE, 0, heap.transactions.oldestXmin());
        assertThat(page.pruned()).isEqualTo(1);
        assertThat(page.live()).isEqualTo(1);
        heap.transactions.commit(running);
        assertThat(heap.scan(committedSnapshot(heap))).containsExactly("pending");
    }

    private static Snapshot committedSnapshot(HeapTestSupport heap) {
        Transaction tx = heap.transactions.begin();
        Snapshot snapshot = tx.takeSnapshot();
        heap.transactions.commit(tx);
        return snapshot;
    }

    private static byte[] pageOf(BufferPool pool) {
        Buffer buffer = pool.read(TABLE, 0);
        buffer.lockShared();
        try {
            return Arrays.copyOf(buffer.data(), Page.SIZE);
        } finally {
            pool.unlockAndRelease(buffer);
        }
    }
}
