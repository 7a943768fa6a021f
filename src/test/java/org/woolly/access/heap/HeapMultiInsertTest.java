package org.woolly.access.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

/** {@code heap_multi_insert}: pages filled in one go, one MULTI_INSERT record per page, and its redo. */
class HeapMultiInsertTest {
    @TempDir
    Path primary;
    @TempDir
    Path replica;

    private static List<byte[]> rows(int count, int width) {
        List<byte[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(bytes("row " + i + " " + "m".repeat(width)));
        }
        return rows;
    }

    @Test
    void theMainDataAndTheTupleDataDecodeToWhatWasEncoded() {
        var data = new HeapWalRecords.MultiInsertData(HeapWalRecords.FLAG_INIT_PAGE, new int[] {1, 2, 7, 300});
        var decoded = HeapWalRecords.MultiInsertData.decode(data.encode());
        assertThat(decoded.flags()).isEqualTo(HeapWalRecords.FLAG_INIT_PAGE);
        assertThat(decoded.offsets()).containsExactly(1, 2, 7, 300);

        List<byte[]> tuples = List.of(bytes("a"), new byte[0], bytes("x".repeat(5000)));
        List<byte[]> back = HeapWalRecords.MultiInsertData.tuples(HeapWalRecords.MultiInsertData.tupleData(tuples), 3);
        assertThat(back).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(back.get(i)).isEqualTo(tuples.get(i));
        }
    }

    @Test
    void eachPageFilledIsOneRecordAndTheRowsAreReadBackInOrder() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction tx = source.transactions.begin();
        List<byte[]> rows = rows(200, 300);
        Tid[] tids = source.heap.insertBatch(TABLE, rows, tx);
        int blocks = source.pool.blockCount(TABLE, ForkNumber.MAIN);
        assertThat(blocks).isGreaterThan(1);
        assertThat(source.wal.records).as("one record per page").hasSize(blocks);
        for (FakeWal.Logged logged : source.wal.records) {
            assertThat(logged.record().info()).isEqualTo(HeapWalRecords.MULTI_INSERT);
        }
        for (int i = 1; i < tids.length; i++) {
            assertThat(tids[i].block() > tids[i - 1].block()
                    || tids[i].block() == tids[i - 1].block() && tids[i].offset() == tids[i - 1].offset() + 1)
                    .as("TIDs in input order").isTrue();
        }
        source.transactions.commit(tx);
        try (HeapScan scan = source.heap.beginScan(TABLE, source.transactions.begin().takeSnapshot())) {
            for (int i = 0; i < rows.size(); i++) {
                HeapTuple tuple = scan.next();
                assertThat(tuple.tid()).isEqualTo(tids[i]);
                assertThat(tuple.body()).isEqualTo(rows.get(i));
            }
            assertThat(scan.next()).isNull();
        }
    }

    @Test
    void aBatchAfterSingleInsertsFillsTheLastPageFirst() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction tx = source.transactions.begin();
        source.heap.insert(TABLE, bytes("single"), tx);
        Tid[] tids = source.heap.insertBatch(TABLE, rows(3, 10), tx);
        assertThat(tids).containsExactly(new Tid(0, 2), new Tid(0, 3), new Tid(0, 4));
        WalRecord record = source.wal.records.get(1).record();
        assertThat(record.blocks().get(0).willInit()).isFalse();
    }

    @Test
    void redoRebuildsTheSamePagesAndIsIdempotent() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction tx = source.transactions.begin();
        source.heap.insert(TABLE, bytes("before"), tx);
        source.heap.insertBatch(TABLE, rows(150, 200), tx);
        source.heap.insertBatch(TABLE, rows(40, 900), tx);
        int blocks = source.pool.blockCount(TABLE, ForkNumber.MAIN);

        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 16, lsn -> { });
        ResourceManager redo = new HeapAccessMethod(target, new FakeWal(), HeapTestSupport.transactionManager(replica))
                .resourceManager();
        for (int round = 0; round < 2; round++) {
            for (FakeWal.Logged logged : source.wal.records) {
                redo.redo(logged.record(), logged.endLsn());
            }
            for (int block = 0; block < blocks; block++) {
                assertThat(withoutChecksum(pageOf(target, block))).as("block " + block)
                        .isEqualTo(withoutChecksum(pageOf(source.pool, block)));
            }
        }
        assertThat(redo.describe(source.wal.records.get(1).record())).startsWith("MULTI_INSERT ntuples ");
    }

    @Test
    void afterACheckpointTheFirstRecordOfAPageCarriesItsImage() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Transaction tx = source.transactions.begin();
        source.heap.insert(TABLE, bytes("before checkpoint"), tx);
        source.wal.checkpoint();
        source.heap.insertBatch(TABLE, rows(5, 10), tx);
        FakeWal.Logged batch = source.wal.records.get(1);
        assertThat(batch.record().blocks().get(0).pageImage()).isNotNull();

        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 16, lsn -> { });
        new HeapAccessMethod(target, new FakeWal(), HeapTestSupport.transactionManager(replica)).resourceManager()
                .redo(batch.record(), batch.endLsn());
        assertThat(withoutChecksum(pageOf(target, 0))).isEqualTo(withoutChecksum(pageOf(source.pool, 0)));
    }

    private static byte[] pageOf(BufferPool pool, int block) {
        Buffer buffer = pool.read(TABLE, block);
        buffer.lockShared();
        try {
            return Arrays.copyOf(buffer.data(), Page.SIZE);
        } finally {
            pool.unlockAndRelease(buffer);
        }
    }

    private static byte[] withoutChecksum(byte[] page) {
        Page.putShort(page, 8, 0);
        return page;
    }
}
