package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import org.woolly.storage.ipc.PanicState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.DefaultTransactionManager;
import org.woolly.access.transam.ResourceManager;
import org.woolly.access.transam.ResourceManagerIds;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.StorageManager;

class HeapRedoTest {
    @TempDir
    Path primary;
    @TempDir
    Path replica;

    private static byte[] pageOf(BufferPool pool, int block) {
        Buffer buffer = pool.read(TABLE, block);
        buffer.lockShared();
        try {
            return Arrays.copyOf(buffer.data(), Page.SIZE);
        } finally {
            pool.unlockAndRelease(buffer);
        }
    }

    /**
     * Byte-for-byte equality except the checksum field, which a page read back from disk keeps
     * and one rebuilt in memory has not been given yet.
     */
    private static void assertSamePages(BufferPool expected, BufferPool actual, int blocks) {
        for (int block = 0; block < blocks; block++) {
            byte[] actualPage = pageOf(actual, block);
            byte[] expectedPage = pageOf(expected, block);
            Page.putShort(actualPage, CHECKSUM_OFFSET, 0);
            Page.putShort(expectedPage, CHECKSUM_OFFSET, 0);
            assertThat(Arrays.equals(actualPage, expectedPage)).as("block " + block + " rebuilt by redo").isTrue();
        }
    }

    private static final int CHECKSUM_OFFSET = 8;

    private static void replay(FakeWal wal, ResourceManager redo) {
        for (FakeWal.Logged logged : wal.records) {
            assertThat(logged.record().resourceManager()).isEqualTo(ResourceManagerIds.HEAP);
            redo.redo(logged.record(), logged.endLsn());
        }
    }

    @Test
    void redoOfALoggedInsertRebuildsTheSamePageFromNothing() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction tx = source.transactions.begin();
        source.heap.insert(TABLE, bytes("first row"), tx);
        source.heap.insert(TABLE, bytes("second row"), tx);
        assertThat(source.wal.records).hasSize(2);
        assertThat(source.wal.records.get(0).record().blocks().get(0).willInit()).isTrue();

        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 16, lsn -> { });
        ResourceManager redo = new HeapAccessMethod(target, new FakeWal(), HeapTestSupport.transactionManager(replica)).resourceManager();
        replay(source.wal, redo);
        assertSamePages(source.pool, target, 1);
        assertThat(Page.wrap(pageOf(target, 0)).lsn()).isEqualTo(source.wal.records.get(1).endLsn());
        assertThat(redo.describe(source.wal.records.get(0).record())).startsWith("INSERT off 1 flags 0x01, blkref #0: rel 1663/5/16384 blk 0");
    }

    @Test
    void redoOfInsertsUpdatesAndDeletesMatchesThePrimaryAndIsIdempotent() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction tx = source.transactions.begin();
        Tid[] tids = new Tid[12];
        for (int i = 0; i < tids.length; i++) {
            tids[i] = source.heap.insert(TABLE, bytes("row " + i + " " + "y".repeat(600)), tx);
        }
        tx.incrementCommandId();
        source.heap.delete(TABLE, tids[0], tx, tx.takeSnapshot());
        source.heap.update(TABLE, tids[1], bytes("short"), tx, tx.takeSnapshot());
        source.heap.update(TABLE, tids[2], bytes("long " + "q".repeat(3000)), tx, tx.takeSnapshot());
        int blocks = source.pool.blockCount(TABLE, ForkNumber.MAIN);
        assertThat(blocks).isGreaterThan(1);

        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 16, lsn -> { });
        ResourceManager redo = new HeapAccessMethod(target, new FakeWal(), HeapTestSupport.transactionManager(replica)).resourceManager();
        replay(source.wal, redo);
        assertSamePages(source.pool, target, blocks);
        replay(source.wal, redo);
        assertSamePages(source.pool, target, blocks);
    }

    private static int infomaskAt(BufferPool pool, Tid tid) {
        Page page = Page.wrap(pageOf(pool, tid.block()));
        return HeapTupleHeader.infomask(page.data(), page.itemOffset(tid.offset()));
    }

    /**
     * heap_update's lock mode and the lockers it passes on: a non-key update past a FOR KEY SHARE
     * locker leaves the shared-lockers bit on both versions and the locker's tuple lock on the new
     * one; a delete marks KEYS_UPDATED. The bits travel in the UPDATE and DELETE records, so redo
     * after a crash puts them back (the lockers themselves died with the server: the bit then only
     * sends a writer to an empty lock table).
     */
    @Test
    void aNonKeyUpdatePastAKeyShareLockerIsRedoneWithItsLockerBits() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction setup = source.transactions.begin();
        Tid parent = source.heap.insert(TABLE, bytes("parent"), setup);
        Tid other = source.heap.insert(TABLE, bytes("other"), setup);
        source.transactions.commit(setup);
        Transaction locker = source.transactions.begin();
        assertThat(source.heap.lockTuple(TABLE, parent, locker, RowLockMode.KEY_SHARE, false).status())
                .isEqualTo(ModifyResult.Status.OK);
        Transaction updater = source.transactions.begin();
        // NO KEY UPDATE strength does not conflict with the locker: this returns at once
        ModifyResult updated = source.heap.update(TABLE, parent, bytes("parent v2"), updater, updater.takeSnapshot(),
                false, false);
        assertThat(updated.status()).isEqualTo(ModifyResult.Status.OK);
        assertThat(source.heap.delete(TABLE, other, updater, updater.takeSnapshot()).status())
                .isEqualTo(ModifyResult.Status.OK);
        Tid newVersion = updated.newTid();
        assertThat(source.transactions.lockManager().status()).anySatisfy(lock -> {
            assertThat(lock.tag()).isEqualTo(HeapAccessMethod.tupleTag(TABLE, newVersion));
            assertThat(lock.mode()).isEqualTo(RowLockMode.KEY_SHARE.heavyweight());
            assertThat(lock.granted()).isTrue();
        });
        // a delete of the new version must wait for the locker now
        assertThat(source.transactions.lockManager().tryAcquire(-12345L, HeapAccessMethod.tupleTag(TABLE, newVersion),
                RowLockMode.UPDATE.heavyweight())).isFalse();

        // the row lock itself is logged (XLOG_HEAP_LOCK), so redo restores it
        assertThat(source.wal.records).anySatisfy(logged ->
                assertThat(logged.record().info()).isEqualTo(HeapWalRecords.LOCK));
        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 16, lsn -> { });
        ResourceManager redo = new HeapAccessMethod(target, new FakeWal(), HeapTestSupport.transactionManager(replica))
                .resourceManager();
        for (FakeWal.Logged logged : source.wal.records) {
            redo.redo(logged.record(), logged.endLsn());
        }
        for (BufferPool pool : new BufferPool[] {source.pool, target}) {
            assertThat(infomaskAt(pool, parent) & (HeapTupleHeader.UPDATED | HeapTupleHeader.XMAX_SHARED_LOCKERS
                    | HeapTupleHeader.KEYS_UPDATED | HeapTupleHeader.XMAX_LOCK_ONLY))
                    .isEqualTo(HeapTupleHeader.UPDATED | HeapTupleHeader.XMAX_SHARED_LOCKERS);
            // the new version names its one FOR KEY SHARE locker as a plain lock-only xmax
            assertThat(infomaskAt(pool, newVersion) & (HeapTupleHeader.XMAX_LOCK_ONLY | HeapTupleHeader.XMAX_KEYSHR_LOCK
                    | HeapTupleHeader.XMAX_SHARED_LOCKERS | HeapTupleHeader.XMAX_INVALID | HeapTupleHeader.XMAX_IS_MULTI))
                    .isEqualTo(HeapTupleHeader.XMAX_LOCK_ONLY | HeapTupleHeader.XMAX_KEYSHR_LOCK);
            assertThat(infomaskAt(pool, other) & HeapTupleHeader.KEYS_UPDATED).isEqualTo(HeapTupleHeader.KEYS_UPDATED);
        }
    }

    @Test
    void fullPageImagesAfterACheckpointAreRestored() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction tx = source.transactions.begin();
        Tid tid = source.heap.insert(TABLE, bytes("before checkpoint"), tx);
        source.wal.checkpoint();
        tx.incrementCommandId();
        source.heap.update(TABLE, tid, bytes("after checkpoint"), tx, tx.takeSnapshot());
        FakeWal.Logged update = source.wal.records.get(1);
        assertThat(update.record().blocks().get(0).pageImage()).isNotNull();

        // replay only the update: the image alone must rebuild the page
        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 16, lsn -> { });
        ResourceManager redo = new HeapAccessMethod(target, new FakeWal(), HeapTestSupport.transactionManager(replica)).resourceManager();
        redo.redo(update.record(), update.endLsn());
        assertSamePages(source.pool, target, 1);
    }

    @Test
    void redoneRowsAreReadableAfterRestart() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction tx = source.transactions.begin();
        source.heap.insert(TABLE, bytes("durable"), tx);
        source.transactions.commit(tx);

        StorageManager storage = new StorageManager(replica, new PanicState());
        BufferPool target = new BufferPool(storage, 16, lsn -> { });
        DefaultTransactionManager transactions = HeapTestSupport.transactionManager(replica);
        HeapAccessMethod recovered = new HeapAccessMethod(target, new FakeWal(), transactions);
        replay(source.wal, recovered.resourceManager());
        target.flushAll();

        BufferPool restarted = new BufferPool(new StorageManager(replica, new PanicState()), 4, lsn -> { });
        HeapAccessMethod heap = new HeapAccessMethod(restarted, new FakeWal(), transactions);
        // the source's transaction had XID 3; commit XID 3 in the restarted server's commit log
        Transaction sameXid = transactions.begin();
        assertThat(sameXid.assignXid()).isEqualTo(3);
        transactions.commit(sameXid);
        try (HeapScan scan = heap.beginScan(TABLE, transactions.begin().takeSnapshot())) {
            assertThat(HeapTestSupport.text(scan.next())).isEqualTo("durable");
            assertThat(scan.next()).isNull();
        }
        assertThat(restarted.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(1);
    }

    @Test
    void crashWithSomePagesWrittenRecoversToTheSameState() {
        HeapTestSupport source = new HeapTestSupport(primary, 3);
        Transaction tx = source.transactions.begin();
        Tid[] tids = new Tid[120];
        for (int i = 0; i < tids.length; i++) {
            tids[i] = source.heap.insert(TABLE, bytes("row " + i + " " + "w".repeat(300)), tx);
        }
        tx.incrementCommandId();
        for (int i = 0; i < tids.length; i += 3) {
            source.heap.update(TABLE, tids[i], bytes("updated " + i), tx, tx.takeSnapshot());
            source.heap.delete(TABLE, tids[i + 1], tx, tx.takeSnapshot());
        }
        int blocks = source.pool.blockCount(TABLE, ForkNumber.MAIN);
        assertThat(source.pool.writeCount()).as("eviction wrote some pages before the crash").isPositive();

        // crash: the pool's dirty pages are lost; recovery replays the whole WAL over the files
        BufferPool recovered = new BufferPool(new StorageManager(primary, new PanicState()), 8, lsn -> { });
        replay(source.wal, new HeapAccessMethod(recovered, new FakeWal(), HeapTestSupport.transactionManager(replica)).resourceManager());
        assertSamePages(source.pool, recovered, blocks);
    }
}
