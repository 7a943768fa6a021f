package org.woolly.access.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.ResourceManager;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.WalRecord;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.StorageManager;

/**
 * The visibility map (visibilitymap.c's rules): VACUUM sets a page's bits only when every tuple
 * on it is visible to all, WAL-logged with the map page; any insert, update or delete on the page
 * clears them, in the change and again in its redo; a torn map page reads as all clear.
 */
class VisibilityMapTest {
    @TempDir
    Path primary;
    @TempDir
    Path replica;

    /** VACUUM FREEZE of one page: freezing to the horizon, so a page of committed rows becomes all-frozen. */
    private static void vacuum(HeapTestSupport heap, int block) {
        long horizon = heap.heap.vacuumHorizon();
        heap.heap.vacuumScanPage(TABLE, block, horizon, horizon);
    }

    private static int pageFlags(BufferPool pool, int block) {
        Buffer buffer = pool.read(TABLE, block);
        try {
            return buffer.page().flags();
        } finally {
            pool.release(buffer);
        }
    }

    @Test
    void vacuumMarksAPageOfCommittedRowsAllVisibleAndAllFrozenWithOneWalRecord() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        heap.committedInsert("a");
        heap.committedInsert("b");
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isZero();
        int logged = heap.wal.records.size();

        vacuum(heap, 0);

        assertThat(heap.heap.visibilityStatus(TABLE, 0))
                .isEqualTo(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);
        assertThat(pageFlags(heap.pool, 0) & Page.FLAG_ALL_VISIBLE).isNotZero();
        assertThat(heap.heap.visibilityCounts(TABLE)).containsExactly(1, 1);
        assertThat(heap.storage.exists(TABLE, ForkNumber.VISIBILITY_MAP)).isTrue();
        assertThat(heap.wal.records.get(logged).record().info()).isEqualTo(HeapWalRecords.FREEZE_PAGE);
        WalRecord visible = heap.wal.records.get(logged + 1).record();
        assertThat(visible.info()).isEqualTo(HeapWalRecords.VISIBLE);
        assertThat(visible.blocks().get(0).fork()).isEqualTo(ForkNumber.VISIBILITY_MAP);
        assertThat(visible.blocks().get(1).fork()).isEqualTo(ForkNumber.MAIN);
        assertThat(heap.heap.resourceManager().describe(visible)).startsWith("VISIBLE heap blk 0 flags 0x03");

        // a second VACUUM finds nothing to change and logs nothing
        vacuum(heap, 0);
        assertThat(heap.wal.records).hasSize(logged + 2);
    }

    @Test
    void aPageWithARowSomeSnapshotMayNotSeeStaysUnmarked() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        heap.committedInsert("old");
        Transaction running = heap.transactions.begin();
        heap.heap.insert(TABLE, bytes("uncommitted"), running);
        vacuum(heap, 0);
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isZero();
        heap.transactions.commit(running);

        // committed, but a snapshot taken before the commit is still open: not visible to all yet
        Transaction oldReader = heap.transactions.begin();
        oldReader.takeSnapshot();
        Transaction late = heap.transactions.begin();
        heap.heap.insert(TABLE, bytes("late"), late);
        heap.transactions.commit(late);
        vacuum(heap, 0);
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isZero();
        heap.transactions.commit(oldReader);
        vacuum(heap, 0);
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isEqualTo(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);
    }

    @Test
    void insertUpdateAndDeleteEachClearTheBitsAndTheFlag() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Tid first = heap.committedInsert("first");
        heap.committedInsert("second");

        vacuum(heap, 0);
        heap.committedInsert("third");
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isZero();
        assertThat(pageFlags(heap.pool, 0) & Page.FLAG_ALL_VISIBLE).isZero();

        vacuum(heap, 0);
        Transaction updater = heap.transactions.begin();
        heap.heap.update(TABLE, first, bytes("first v2"), updater, updater.takeSnapshot(), true);
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isZero();
        heap.transactions.commit(updater);

        vacuum(heap, 0);
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isNotZero();
        Transaction deleter = heap.transactions.begin();
        heap.heap.delete(TABLE, new Tid(0, 2), deleter, deleter.takeSnapshot());
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isZero();
        assertThat(pageFlags(heap.pool, 0) & Page.FLAG_ALL_VISIBLE).isZero();
        heap.transactions.abort(deleter);

        // the aborted delete left an xmax: visible to all, but not frozen
        vacuum(heap, 0);
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isIn(VisibilityMap.ALL_VISIBLE,
                VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);
    }

    @Test
    void aRowLockClearsAllFrozenButKeepsAllVisible() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Tid first = heap.committedInsert("first");
        heap.committedInsert("second");
        vacuum(heap, 0);
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isEqualTo(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);

        Transaction locker = heap.transactions.begin();
        assertThat(heap.heap.lockTuple(TABLE, first, locker, RowLockMode.SHARE, true).status())
                .isEqualTo(ModifyResult.Status.OK);
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isEqualTo(VisibilityMap.ALL_VISIBLE);
        assertThat(pageFlags(heap.pool, 0) & Page.FLAG_ALL_VISIBLE).isNotZero();
        heap.transactions.commit(locker);
    }

    @Test
    void redoSetsTheBitsAndTheLaterHeapRecordClearsThemAgain() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        source.committedInsert("a");
        vacuum(source, 0);
        int afterVisible = source.wal.records.size();
        source.committedInsert("b");

        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 16, lsn -> { });
        HeapAccessMethod replayed = new HeapAccessMethod(target, new FakeWal(),
                HeapTestSupport.transactionManager(replica));
        ResourceManager redo = replayed.resourceManager();
        for (int i = 0; i < afterVisible; i++) {
            redo.redo(source.wal.records.get(i).record(), source.wal.records.get(i).endLsn());
        }
        assertThat(replayed.visibilityStatus(TABLE, 0)).isEqualTo(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);
        assertThat(pageFlags(target, 0) & Page.FLAG_ALL_VISIBLE).isNotZero();

        // the insert after VACUUM: its redo clears what the VISIBLE record set
        FakeWal.Logged insert = source.wal.records.get(afterVisible);
        redo.redo(insert.record(), insert.endLsn());
        assertThat(replayed.visibilityStatus(TABLE, 0)).isZero();
        assertThat(pageFlags(target, 0) & Page.FLAG_ALL_VISIBLE).isZero();

        // replaying everything again (a crash during recovery) ends in the same state
        for (FakeWal.Logged logged : source.wal.records) {
            redo.redo(logged.record(), logged.endLsn());
        }
        assertThat(replayed.visibilityStatus(TABLE, 0)).isZero();
    }

    @Test
    void aMapPageWrittenWithTheBitSetIsClearedByRedoOfTheHeapChangeAfterIt() {
        // the crash between heap and map: the map page reached disk with the bit set, the heap
        // page with the later insert did not, but the insert's record did
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        source.committedInsert("a");
        vacuum(source, 0);
        source.pool.flushAll();
        int afterVisible = source.wal.records.size();
        source.committedInsert("b");
        byte[] mapOnDisk = new byte[Page.SIZE];
        source.storage.read(TABLE, ForkNumber.VISIBILITY_MAP, 0, mapOnDisk);
        assertThat(mapOnDisk[VisibilityMap.MAP_START] & VisibilityMap.ALL_VISIBLE).isNotZero();

        BufferPool restarted = new BufferPool(new StorageManager(primary, new PanicState()), 16, lsn -> { });
        HeapAccessMethod recovered = new HeapAccessMethod(restarted, new FakeWal(),
                HeapTestSupport.transactionManager(replica));
        for (int i = afterVisible; i < source.wal.records.size(); i++) {
            FakeWal.Logged logged = source.wal.records.get(i);
            recovered.resourceManager().redo(logged.record(), logged.endLsn());
        }
        assertThat(recovered.visibilityStatus(TABLE, 0)).isZero();
    }

    @Test
    void aTornMapPageReadsAsAllClear() throws IOException {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        heap.committedInsert("a");
        vacuum(heap, 0);
        heap.pool.flushAll();
        Path mapFile = Files.list(primary.resolve("base").resolve("5"))
                .filter(path -> path.getFileName().toString().endsWith("_vm")).findFirst().orElseThrow();
        byte[] page = Files.readAllBytes(mapFile);
        // half of a newer write: the second half of the page garbled, so the checksum no longer fits
        Arrays.fill(page, Page.SIZE / 2, Page.SIZE, (byte) 0x5A);
        Files.write(mapFile, page);

        BufferPool restarted = new BufferPool(new StorageManager(primary, new PanicState()), 16, lsn -> { });
        HeapAccessMethod reopened = new HeapAccessMethod(restarted, new FakeWal(),
                HeapTestSupport.transactionManager(replica));
        assertThat(reopened.visibilityStatus(TABLE, 0)).isZero();
        // and VACUUM sets it again
        reopened.vacuumScanPage(TABLE, 0, Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(reopened.visibilityStatus(TABLE, 0)).isNotZero();
    }

    @Test
    void bitsOfHeapBlocksBeyondTheFirstMapPageLiveOnTheNextMapPage() {
        assertThat(VisibilityMap.HEAPBLOCKS_PER_PAGE).isEqualTo((Page.SIZE - 32) * 4);
        assertThat(VisibilityMap.mapBlock(VisibilityMap.HEAPBLOCKS_PER_PAGE - 1)).isZero();
        assertThat(VisibilityMap.mapBlock(VisibilityMap.HEAPBLOCKS_PER_PAGE)).isEqualTo(1);
        Page page = Page.wrap(new byte[Page.SIZE]);
        VisibilityMap.set(page, 5, VisibilityMap.ALL_VISIBLE);
        VisibilityMap.set(page, 6, VisibilityMap.ALL_FROZEN | VisibilityMap.ALL_VISIBLE);
        assertThat(VisibilityMap.bits(page, 4)).isZero();
        assertThat(VisibilityMap.bits(page, 5)).isEqualTo(VisibilityMap.ALL_VISIBLE);
        assertThat(VisibilityMap.bits(page, 6)).isEqualTo(3);
        assertThat(VisibilityMap.bits(page, 7)).isZero();
    }
}
