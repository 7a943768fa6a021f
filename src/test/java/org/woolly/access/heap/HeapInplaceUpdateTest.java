package org.woolly.access.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.Snapshot;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;

/**
 * In-place updates ({@code heap_inplace_update}): the body is overwritten at the same TID with
 * the same xmin, seen at once by a snapshot taken before, logged as one INPLACE record before
 * the page can be written, replayed by redo (idempotently), and refused for a body of another
 * length before anything is changed or logged.
 */
class HeapInplaceUpdateTest {
    @TempDir
    Path primary;
    @TempDir
    Path replica;

    private static long xmin(BufferPool pool, Tid tid) {
        Buffer buffer = pool.read(TABLE, tid.block());
        try {
            return HeapTupleHeader.xmin(buffer.page().data(), buffer.page().itemOffset(tid.offset()));
        } finally {
            pool.release(buffer);
        }
    }

    private static long pageLsn(BufferPool pool) {
        Buffer buffer = pool.read(TABLE, 0);
        try {
            return buffer.page().lsn();
        } finally {
            pool.release(buffer);
        }
    }

    @Test
    void theBodyIsOverwrittenWhereItIsAndLoggedBeforeThePageIsWritten() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Tid row = heap.committedInsert("frozenxid=0000100");
        heap.committedInsert("other row");
        long xminBefore = xmin(heap.pool, row);
        Snapshot earlier = heap.transactions.begin().takeSnapshot();
        int recordsBefore = heap.wal.records.size();

        heap.heap.inplaceUpdate(TABLE, row, bytes("frozenxid=0000200"));

        assertThat(heap.scan(earlier)).containsExactly("frozenxid=0000200", "other row");
        assertThat(xmin(heap.pool, row)).isEqualTo(xminBefore);
        assertThat(heap.wal.records).hasSize(recordsBefore + 1);
        FakeWal.Logged logged = heap.wal.records.getLast();
        assertThat(logged.record().info()).isEqualTo(HeapWalRecords.INPLACE);
        assertThat(pageLsn(heap.pool)).isEqualTo(logged.endLsn());
        // the write-ahead rule: writing the page flushes the WAL up to its LSN first
        heap.pool.flushAll();
        assertThat(heap.wal.flushedLsn).isGreaterThanOrEqualTo(logged.endLsn());
    }

    @Test
    void aBodyOfAnotherLengthIsRefusedBeforeAnythingChanges() {
        HeapTestSupport heap = new HeapTestSupport(primary, 16);
        Tid row = heap.committedInsert("short");
        int recordsBefore = heap.wal.records.size();
        long lsnBefore = pageLsn(heap.pool);

        assertThatThrownBy(() -> heap.heap.inplaceUpdate(TABLE, row, bytes("much longer")))
                .hasMessage("wrong tuple length");
        assertThatThrownBy(() -> heap.heap.inplaceUpdate(TABLE, new Tid(0, 7), bytes("short")))
                .hasMessageContaining("invalid lp 7");

        assertThat(heap.wal.records).hasSize(recordsBefore);
        assertThat(pageLsn(heap.pool)).isEqualTo(lsnBefore);
        assertThat(heap.panicState.panicked()).isFalse();
        assertThat(heap.scan(heap.transactions.begin().takeSnapshot())).containsExactly("short");
    }

    @Test
    void redoOverwritesTheBodyAgainAndIsIdempotent() {
        HeapTestSupport source = new HeapTestSupport(primary, 16);
        Tid row = source.committedInsert("relpages=0001");
        source.heap.inplaceUpdate(TABLE, row, bytes("relpages=0042"));

        HeapTestSupport.Replica replayed = new HeapTestSupport.Replica(replica);
        BufferPool target = replayed.pool();
        for (int pass = 0; pass < 2; pass++) {
            replayed.replay(source.wal);
            Buffer buffer = target.read(TABLE, 0);
            try {
                Page page = buffer.page();
                byte[] tuple = page.item(row.offset());
                assertThat(new String(HeapTupleHeader.body(tuple, 0, tuple.length),
                        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("relpages=0042");
                assertThat(page.lsn()).isEqualTo(source.wal.records.getLast().endLsn());
            } finally {
                target.release(buffer);
            }
        }
        assertThat(replayed.heap().resourceManager().describe(source.wal.records.getLast().record())).contains("off " + row.offset());
    }
}
