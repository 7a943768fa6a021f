package org.woolly.access.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.WalRecord;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;

/**
 * Freezing ({@code heap_prepare_freeze_tuple} rules): VACUUM with a freeze cutoff rewrites the
 * XIDs below it (committed xmin to FrozenTransactionId, aborted or lock-only xmax to invalid),
 * logs one FREEZE_PAGE record whose redo rebuilds the same headers, reports the oldest XID left,
 * and only a page without any normal XID left becomes all-frozen in the visibility map.
 */
class HeapFreezeTest {
    @TempDir
    Path primary;
    @TempDir
    Path replica;

    /** A header field of the tuple at {@code tid}, read under a pin. */
    private static long header(BufferPool pool, Tid tid, java.util.function.ToLongBiFunction<byte[], Integer> field) {
        Buffer buffer = pool.read(TABLE, tid.block());
        try {
            Page page = buffer.page();
            return field.applyAsLong(page.data(), page.itemOffset(tid.offset()));
        } finally {
            pool.release(buffer);
        }
    }

    private static long xmin(BufferPool pool, Tid tid) {
        return header(pool, tid, HeapTupleHeader::xmin);
    }

    private static int infomask(BufferPool pool, Tid tid) {
        return (int) header(pool, tid, HeapTupleHeader::infomask);
    }

    @Test
    void freezingBelowTheCutoffRewritesXidsLogsOneRecordAndMarksThePageAllFrozen() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Tid first = heap.committedInsert("first");
        Tid second = heap.committedInsert("second");
        long secondXid = xmin(heap.pool, second);

        // a plain VACUUM (cutoff 0, vacuum_freeze_min_age not reached) freezes nothing
        long horizon = heap.heap.vacuumHorizon();
        VacuumPage plain = heap.heap.vacuumScanPage(TABLE, 0, horizon, 0);
        assertThat(plain.frozen()).isZero();
        assertThat(plain.oldestUnfrozen()).isEqualTo(xmin(heap.pool, first));
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isEqualTo(VisibilityMap.ALL_VISIBLE);

        // freeze only the first row's XID: the second stays and bounds relfrozenxid
        int logged = heap.wal.records.size();
        VacuumPage partly = heap.heap.vacuumScanPage(TABLE, 0, horizon, secondXid);
        assertThat(partly.frozen()).isEqualTo(1);
        assertThat(partly.oldestUnfrozen()).isEqualTo(secondXid);
        assertThat(xmin(heap.pool, first)).isEqualTo(HeapFreezer.FROZEN_XID);
        assertThat(infomask(heap.pool, first) & HeapTupleHeader.XMIN_COMMITTED).isNotZero();
        assertThat(heap.heap.visibilityStatus(TABLE, 0)).isEqualTo(VisibilityMap.ALL_VISIBLE);
        WalRecord freeze = heap.wal.records.get(logged).record();
        assertThat(freeze.info()).isEqualTo(HeapWalRecords.FREEZE_PAGE);
        assertThat(heap.heap.resourceManager().describe(freeze)).startsWith("FREEZE_PAGE ntuples 1");

        // VACUUM FREEZE: cutoff = horizon, nothing normal left, the page is all-frozen
        VacuumPage all = heap.heap.vacuumScanPage(TABLE, 0, horizon, horizon);
        assertThat(all.frozen()).isEqualTo(1);
        assertThat(all.oldestUnfrozen()).isEqualTo(Long.MAX_VALUE);
        assertThat(heap.heap.visibilityStatus(TABLE, 0))
                .isEqualTo(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);
        // frozen rows are visible to every snapshot without the commit log
        assertThat(heap.scan(heap.transactions.begin().takeSnapshot())).containsExactly("first", "second");

        // a second VACUUM FREEZE finds nothing to freeze and logs nothing
        int before = heap.wal.records.size();
        assertThat(heap.heap.vacuumScanPage(TABLE, 0, horizon, horizon).frozen()).isZero();
        assertThat(heap.wal.records).hasSize(before);
    }

    @Test
    void aLockOnlyXmaxBelowTheCutoffIsClearedAndACatalogPageIsFrozenWithoutPruning() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Tid row = heap.committedInsert("locked");
        Transaction locker = heap.transactions.begin();
        heap.heap.lockTuple(TABLE, row, locker, RowLockMode.UPDATE, false);
        heap.transactions.commit(locker);
        Tid deleted = heap.committedInsert("deleted");
        Transaction deleter = heap.transactions.begin();
        heap.heap.delete(TABLE, deleted, deleter, deleter.takeSnapshot());
        heap.transactions.commit(deleter);

        long horizon = heap.heap.vacuumHorizon();
        // freezePage does not prune (the catalogs): the deleted row stays, its committed xmax frozen
        assertThat(heap.heap.freezePage(TABLE, 0, horizon)).isEqualTo(Long.MAX_VALUE);
        assertThat(infomask(heap.pool, row) & HeapTupleHeader.XMAX_INVALID).isNotZero();
        assertThat(infomask(heap.pool, row) & HeapTupleHeader.LOCK_BITS).isZero();
        assertThat(infomask(heap.pool, deleted) & HeapTupleHeader.XMAX_COMMITTED).isNotZero();
        assertThat(heap.scan(heap.transactions.begin().takeSnapshot())).containsExactly("locked");
    }

    @Test
    void redoOfFreezePageRebuildsTheSameHeadersAndIsIdempotent() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        List<Tid> rows = source.committedRows("a", "b", "c");
        long horizon = source.heap.vacuumHorizon();
        source.heap.vacuumScanPage(TABLE, 0, horizon, horizon);

        HeapTestSupport.Replica replayed = new HeapTestSupport.Replica(replica);
        BufferPool target = replayed.pool();
        for (int pass = 0; pass < 2; pass++) {
            replayed.replay(source.wal);
            for (Tid tid : rows) {
                assertThat(xmin(target, tid)).isEqualTo(HeapFreezer.FROZEN_XID);
                assertThat(infomask(target, tid)).isEqualTo(infomask(source.pool, tid));
            }
        }
        assertThat(replayed.heap().visibilityStatus(TABLE, 0)).isEqualTo(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);
    }

    @Test
    void copyFreezeWritesFrozenRowsAndMarksTheFilledPagesAllFrozen() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Transaction tx = heap.transactions.begin();
        List<byte[]> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            bodies.add(bytes("row number " + i + " of the batch"));
        }
        Tid[] tids = heap.heap.insertBatch(TABLE, bodies, tx, 100, true);
        heap.transactions.commit(tx);
        int lastBlock = tids[tids.length - 1].block();
        assertThat(lastBlock).isPositive();
        assertThat(xmin(heap.pool, tids[0])).isEqualTo(HeapFreezer.FROZEN_XID);
        for (int block = 0; block < lastBlock; block++) {
            assertThat(heap.heap.visibilityStatus(TABLE, block))
                    .as("full page %d", block).isEqualTo(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN);
        }
        assertThat(heap.scan(heap.transactions.begin().takeSnapshot())).hasSize(600);
    }
}
