package org.woolly.access.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.ResourceManager;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.StorageManager;
import org.woolly.utils.error.SqlException;

/**
 * Speculative insertion in the heap ({@code heap_insert} with a speculative token,
 * {@code heap_finish_speculative}, {@code heap_abort_speculative}): what a uniqueness check
 * sees of the tuple at each step, its WAL records, and their redo.
 */
class HeapSpeculativeInsertionTest {
    @TempDir
    Path primary;
    @TempDir
    Path replica;

    @Test
    void aSpeculativeTupleNamesItsTokenUntilConfirmed() {
        HeapTestSupport support = new HeapTestSupport(primary, 16);
        HeapAccessMethod heap = support.heap;
        Transaction checker = support.transactions.begin();
        checker.assignXid();
        Transaction inserter = support.transactions.begin();
        Tid tid = heap.insertSpeculative(TABLE, bytes("speculative"), inserter, 100, 42);
        assertThat(heap.dirtyState(TABLE, tid, checker)).isEqualTo(DirtyState.speculative(inserter.xid(), 42));
        assertThat(heap.dirtyState(TABLE, tid, inserter)).as("own insert").isEqualTo(DirtyState.LIVE);

        heap.finishSpeculative(TABLE, tid, inserter);
        assertThat(heap.dirtyState(TABLE, tid, checker)).as("confirmed: wait for the transaction")
                .isEqualTo(DirtyState.inProgress(inserter.xid()));
        inserter.incrementCommandId();
        HeapTuple own = heap.fetch(TABLE, tid, inserter.takeSnapshot());
        assertThat(own).isNotNull();
        assertThat(own.tid()).isEqualTo(tid);
        support.transactions.commit(inserter);
        assertThat(heap.dirtyState(TABLE, tid, checker)).isEqualTo(DirtyState.LIVE);
        assertThat(HeapTestSupport.text(heap.fetch(TABLE, tid, checker.takeSnapshot()))).isEqualTo("speculative");
    }

    @Test
    void aSuperDeletedTupleIsDeadToEveryoneBeforeItsTransactionEnds() {
        HeapTestSupport support = new HeapTestSupport(primary, 16);
        HeapAccessMethod heap = support.heap;
        Transaction checker = support.transactions.begin();
        checker.assignXid();
        Transaction inserter = support.transactions.begin();
        Tid kept = heap.insert(TABLE, bytes("kept"), inserter);
        Tid killed = heap.insertSpeculative(TABLE, bytes("killed"), inserter, 100, 7);
        heap.abortSpeculative(TABLE, killed, inserter);

        assertThat(heap.dirtyState(TABLE, killed, checker)).isEqualTo(DirtyState.DEAD);
        assertThat(heap.dirtyState(TABLE, killed, inserter)).as("dead to its inserter too").isEqualTo(DirtyState.DEAD);
        inserter.incrementCommandId();
        assertThat(heap.fetch(TABLE, killed, inserter.takeSnapshot())).isNull();
        assertThat(heap.fetch(TABLE, kept, inserter.takeSnapshot())).isNotNull();
        support.transactions.commit(inserter);
        assertThat(heap.fetch(TABLE, killed, checker.takeSnapshot())).as("after the inserter committed").isNull();
        assertThat(heap.fetch(TABLE, kept, checker.takeSnapshot())).isNotNull();
        support.transactions.commit(checker);
        // the next VACUUM finds it dead although its inserter committed
        VacuumPage vacuumed = heap.vacuumScanPage(TABLE, 0, heap.vacuumHorizon());
        assertThat(vacuumed.deadLinePointers()).containsExactly(killed.offset());
    }

    @Test
    void onlyTheInsertersSpeculativeTupleCanBeFinishedOrKilled() {
        HeapTestSupport support = new HeapTestSupport(primary, 16);
        Transaction inserter = support.transactions.begin();
        Tid plain = support.heap.insert(TABLE, bytes("plain"), inserter);
        assertThat(catchThrowable(() -> support.heap.finishSpeculative(TABLE, plain, inserter)))
                .isInstanceOf(SqlException.class).hasMessageContaining("not speculative");
        Tid speculative = support.heap.insertSpeculative(TABLE, bytes("mine"), inserter, 100, 3);
        Transaction other = support.transactions.begin();
        other.assignXid();
        assertThat(catchThrowable(() -> support.heap.abortSpeculative(TABLE, speculative, other)))
                .isInstanceOf(SqlException.class).hasMessageContaining("another transaction");
    }

    @Test
    void confirmAndSuperDeleteRecordsEncodeDecodeAndRedoToTheSamePage() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction tx = source.transactions.begin();
        Tid confirmed = source.heap.insertSpeculative(TABLE, bytes("confirmed"), tx, 100, 1);
        source.heap.finishSpeculative(TABLE, confirmed, tx);
        Tid killed = source.heap.insertSpeculative(TABLE, bytes("killed"), tx, 100, 2);
        source.heap.abortSpeculative(TABLE, killed, tx);
        Tid pending = source.heap.insertSpeculative(TABLE, bytes("pending"), tx, 100, 3);

        List<Integer> infos = source.wal.records.stream().map(logged -> logged.record().info()).toList();
        assertThat(infos).containsExactly(HeapWalRecords.INSERT, HeapWalRecords.CONFIRM, HeapWalRecords.INSERT,
                HeapWalRecords.SUPER_DELETE, HeapWalRecords.INSERT);
        HeapWalRecords.SpeculativeData confirm =
                HeapWalRecords.SpeculativeData.decode(source.wal.records.get(1).record().mainData());
        assertThat(confirm).isEqualTo(new HeapWalRecords.SpeculativeData(confirmed.offset()));
        assertThat(HeapWalRecords.SpeculativeData.decode(new HeapWalRecords.SpeculativeData(65_000).encode()).offset())
                .isEqualTo(65_000);
        assertThat(HeapWalRecords.InsertData.decode(source.wal.records.get(4).record().mainData()).flags()
                & HeapWalRecords.FLAG_SPECULATIVE).isNotZero();

        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 16, lsn -> { });
        ResourceManager redo = new HeapAccessMethod(target, new FakeWal(),
                HeapTestSupport.transactionManager(replica)).resourceManager();
        assertThat(redo.describe(source.wal.records.get(1).record())).startsWith("CONFIRM off " + confirmed.offset());
        assertThat(redo.describe(source.wal.records.get(3).record())).startsWith("SUPER_DELETE off " + killed.offset());
        assertThat(redo.describe(source.wal.records.get(4).record())).startsWith("INSERT off 3 flags 0x02");
        for (int round = 0; round < 2; round++) {
            // the second round finds every page already at the record's LSN: redo is idempotent
            for (FakeWal.Logged logged : source.wal.records) {
                redo.redo(logged.record(), logged.endLsn());
            }
            byte[] expected = pageOf(source.pool);
            byte[] actual = pageOf(target);
            Page.putShort(expected, 8, 0);
            Page.putShort(actual, 8, 0);
            assertThat(Arrays.equals(actual, expected)).as("page rebuilt by redo, round " + round).isTrue();
        }
        Page page = Page.wrap(pageOf(target));
        int killedAt = page.itemOffset(killed.offset());
        assertThat(HeapTupleHeader.xmin(page.data(), killedAt)).isZero();
        assertThat(HeapTupleHeader.isSpeculative(page.data(), page.itemOffset(pending.offset()))).isTrue();
        assertThat(HeapTupleHeader.isSpeculative(page.data(), page.itemOffset(confirmed.offset()))).isFalse();
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
