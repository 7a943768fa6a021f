package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.access.heap.HeapTestSupport.TABLE;
import static org.woolly.access.heap.HeapTestSupport.bytes;
import static org.woolly.access.heap.HeapTestSupport.text;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class HeapAccessMethodTest {
    @TempDir
    Path data;

    private HeapTestSupport support;
    private HeapAccessMethod heap;

    @BeforeEach
    void setUp() {
        support = new HeapTestSupport(data, 16);
        heap = support.heap;
    }

    private Snapshot freshSnapshot() {
        return support.transactions.begin().takeSnapshot();
    }

    @Test
    void insertIsVisibleToLaterCommandsAndToOthersOnlyAfterCommit() {
        Transaction writer = support.transactions.begin();
        Tid tid = heap.insert(TABLE, bytes("alpha"), writer);
        assertThat(tid).isEqualTo(new Tid(0, 1));
        assertThat(support.scan(writer.takeSnapshot())).as("same command does not see its own insert").isEmpty();
        writer.incrementCommandId();
        assertThat(support.scan(writer.takeSnapshot())).containsExactly("alpha");
        assertThat(support.scan(freshSnapshot())).isEmpty();
        Snapshot takenBeforeCommit = freshSnapshot();
        support.transactions.commit(writer);
        assertThat(support.scan(freshSnapshot())).containsExactly("alpha");
        assertThat(support.scan(takenBeforeCommit)).as("snapshot taken while it ran").isEmpty();
        HeapTuple fetched = heap.fetch(TABLE, tid, freshSnapshot());
        assertThat(text(fetched)).isEqualTo("alpha");
        assertThat(fetched.xmin()).isEqualTo(writer.xid());
    }

    @Test
    void fetchPastTheEndFindsNothingAndSeesTheRelationGrowAndShrink() {
        Tid first = support.committedInsert("first");
        Tid nextBlock = new Tid(first.block() + 1, 1);
        assertThat(heap.fetch(TABLE, nextBlock, freshSnapshot())).as("a block past the end").isNull();
        String wide = "x".repeat(3000);
        Tid grown = null;
        while (grown == null || grown.block() == first.block()) {
            grown = support.committedInsert(wide);
        }
        assertThat(text(heap.fetch(TABLE, grown, freshSnapshot()))).as("the remembered end moves on").isEqualTo(wide);
        heap.truncate(TABLE, 1);
        assertThat(heap.fetch(TABLE, grown, freshSnapshot())).as("truncation forgets the end").isNull();
        assertThat(text(heap.fetch(TABLE, first, freshSnapshot()))).isEqualTo("first");
    }

    @Test
    void abortedInsertNeverBecomesVisible() {
        Transaction writer = support.transactions.begin();
        Tid tid = heap.insert(TABLE, bytes("ghost"), writer);
        support.transactions.abort(writer);
        assertThat(support.scan(freshSnapshot())).isEmpty();
        assertThat(heap.fetch(TABLE, tid, freshSnapshot())).isNull();
    }

    @Test
    void deleteHidesTheRowAfterCommitOnly() {
        Tid tid = support.committedRows("a", "b").get(0);
        Transaction deleter = support.transactions.begin();
        Snapshot before = deleter.takeSnapshot();
        assertThat(heap.delete(TABLE, tid, deleter, before).status()).isEqualTo(ModifyResult.Status.OK);
        assertThat(support.scan(freshSnapshot())).containsExactly("a", "b");
        assertThat(support.scan(deleter.takeSnapshot())).as("own delete seen by this command's snapshot").containsExactly("a", "b");
        deleter.incrementCommandId();
        assertThat(support.scan(deleter.takeSnapshot())).containsExactly("b");
        support.transactions.commit(deleter);
        assertThat(support.scan(freshSnapshot())).containsExactly("b");
    }

    @Test
    void abortedDeleteLeavesTheRow() {
        Tid tid = support.committedRows("keep").get(0);
        Transaction deleter = support.transactions.begin();
        heap.delete(TABLE, tid, deleter, deleter.takeSnapshot());
        support.transactions.abort(deleter);
        assertThat(support.scan(freshSnapshot())).containsExactly("keep");
        Transaction second = support.transactions.begin();
        assertThat(heap.delete(TABLE, tid, second, second.takeSnapshot()).status()).isEqualTo(ModifyResult.Status.OK);
    }

    @Test
    void insertThenDeleteInOneTransactionUsesComboCommandIds() {
        Transaction tx = support.transactions.begin();
        Tid tid = heap.insert(TABLE, bytes("short-lived"), tx);
        tx.incrementCommandId();
        Snapshot afterInsert = tx.takeSnapshot();
        tx.incrementCommandId();
        assertThat(heap.delete(TABLE, tid, tx, tx.takeSnapshot()).status()).isEqualTo(ModifyResult.Status.OK);
        assertThat(support.scan(afterInsert)).as("cursor opened between insert and delete").containsExactly("short-lived");
        tx.incrementCommandId();
        assertThat(support.scan(tx.takeSnapshot())).isEmpty();
        support.transactions.commit(tx);
        assertThat(support.scan(freshSnapshot())).isEmpty();
    }

    @Test
    void secondChangeInTheSameCommandIsSelfModified() {
        Tid tid = support.committedRows("x").get(0);
        Transaction tx = support.transactions.begin();
        Snapshot snapshot = tx.takeSnapshot();
        assertThat(heap.update(TABLE, tid, bytes("y"), tx, snapshot).status()).isEqualTo(ModifyResult.Status.OK);
        assertThat(heap.delete(TABLE, tid, tx, snapshot).status()).isEqualTo(ModifyResult.Status.SELF_MODIFIED);
    }

    @Test
    void updateMakesANewVersionAndChainsToIt() {
        Tid tid = support.committedRows("v1").get(0);
        Transaction tx = support.transactions.begin();
        ModifyResult result = heap.update(TABLE, tid, bytes("v2"), tx, tx.takeSnapshot());
        assertThat(result.status()).isEqualTo(ModifyResult.Status.OK);
        assertThat(result.newTid()).isEqualTo(new Tid(0, 2));
        tx.incrementCommandId();
        assertThat(support.scan(tx.takeSnapshot())).containsExactly("v2");
        assertThat(support.scan(freshSnapshot())).containsExactly("v1");
        support.transactions.commit(tx);
        assertThat(support.scan(freshSnapshot())).containsExactly("v2");
        Transaction reader = support.transactions.begin();
        assertThat(text(heap.fetchLatestVersion(TABLE, tid, reader))).isEqualTo("v2");
        Transaction stale = support.transactions.begin();
        assertThat(heap.update(TABLE, tid, bytes("v3"), stale, stale.takeSnapshot()))
                .isEqualTo(new ModifyResult(ModifyResult.Status.UPDATED, new Tid(0, 2)));
    }

    @Test
    void updateMovesToAnotherPageWhenFull() {
        String filler = "f".repeat(1000);
        List<Tid> tids = support.committedRows(filler, filler, filler, filler, filler, filler, filler, "small");
        Tid last = tids.get(tids.size() - 1);
        assertThat(last.block()).isZero();
        Transaction tx = support.transactions.begin();
        ModifyResult result = heap.update(TABLE, last, bytes("g".repeat(2000)), tx, tx.takeSnapshot());
        assertThat(result.newTid().block()).isEqualTo(1);
        support.transactions.commit(tx);
        assertThat(support.scan(freshSnapshot())).hasSize(8).contains("g".repeat(2000)).doesNotContain("small");
        assertThat(text(heap.fetchLatestVersion(TABLE, last, support.transactions.begin()))).isEqualTo("g".repeat(2000));
    }

    @Test
    void manyInsertsFillSeveralPagesAndScanReturnsAll() {
        Transaction tx = support.transactions.begin();
        for (int i = 0; i < 500; i++) {
            heap.insert(TABLE, bytes("row-" + i + "-" + "p".repeat(100)), tx);
        }
        support.transactions.commit(tx);
        assertThat(support.scan(freshSnapshot())).hasSize(500);
        assertThat(support.pool.blockCount(TABLE, org.woolly.storage.smgr.ForkNumber.MAIN)).isBetween(8, 10);
        assertThat(support.pool.pinnedBufferCount()).isZero();
    }

    @Test
    void deletedRowLatestVersionIsNull() {
        Tid tid = support.committedRows("gone").get(0);
        Transaction tx = support.transactions.begin();
        heap.delete(TABLE, tid, tx, tx.takeSnapshot());
        support.transactions.commit(tx);
        assertThat(heap.fetchLatestVersion(TABLE, tid, support.transactions.begin())).isNull();
        Transaction late = support.transactions.begin();
        assertThat(heap.delete(TABLE, tid, late, late.takeSnapshot()).status()).isEqualTo(ModifyResult.Status.DELETED);
    }

    @Test
    void tooBigRowIsRejected() {
        Transaction tx = support.transactions.begin();
        assertThatThrownBy(() -> heap.insert(TABLE, new byte[9000], tx))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.PROGRAM_LIMIT_EXCEEDED);
                    assertThat(e.getMessage()).isEqualTo("row is too big: size 9032, maximum size 8160");
                });
    }

    @Test
    void rowsSurviveEvictionThroughASmallPool(@TempDir Path other) {
        HeapTestSupport small = new HeapTestSupport(other, 3);
        Transaction tx = small.transactions.begin();
        for (int i = 0; i < 300; i++) {
            small.heap.insert(TABLE, bytes("r" + i + "x".repeat(200)), tx);
        }
        small.transactions.commit(tx);
        assertThat(small.scan(small.transactions.begin().takeSnapshot())).hasSize(300);
        assertThat(small.wal.flushedLsn).as("evicted pages flushed WAL first").isPositive();
    }

    @Test
    void hintBitsDoNotLeakACommitIntoAnOlderSnapshot() {
        Transaction writer = support.transactions.begin();
        heap.insert(TABLE, bytes("late"), writer);
        Snapshot old = freshSnapshot();
        support.transactions.commit(writer);
        assertThat(support.scan(freshSnapshot())).as("sets XMIN_COMMITTED").containsExactly("late");
        assertThat(support.scan(old)).isEmpty();
    }

    @Test
    void deleteCommittedAfterASnapshotStaysInvisibleToIt() {
        Tid tid = support.committedRows("still here").get(0);
        Transaction deleter = support.transactions.begin();
        heap.delete(TABLE, tid, deleter, deleter.takeSnapshot());
        Snapshot old = freshSnapshot();
        support.transactions.commit(deleter);
        assertThat(support.scan(freshSnapshot())).isEmpty();
        assertThat(support.scan(old)).containsExactly("still here");
        assertThat(heap.fetch(TABLE, tid, old)).isNotNull();
    }

    @Test
    void failingToLogAChangeIsAPanic() {
        support.wal.failure = new SqlException(SqlState.DISK_FULL, "could not write to file \"pg_wal/000000010000000000000001\"");
        Transaction tx = support.transactions.begin();
        assertThatThrownBy(() -> heap.insert(TABLE, bytes("lost"), tx))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.severity()).isEqualTo(org.woolly.utils.error.Severity.PANIC);
                    assertThat(e.sqlState()).isEqualTo(SqlState.DISK_FULL);
                });
        assertThat(support.panicState.panicked()).isTrue();
        assertThat(support.pool.pinnedBufferCount()).isZero();
    }

    @Test
    void anErrorBetweenAPageChangeAndItsWalRecordIsAPanic() {
        Tid tid = support.committedRows("kept").get(0);
        support.wal.failure = new OutOfMemoryError("Java heap space");
        Transaction tx = support.transactions.begin();
        assertThatThrownBy(() -> heap.delete(TABLE, tid, tx, tx.takeSnapshot()))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.severity()).isEqualTo(org.woolly.utils.error.Severity.PANIC);
                    assertThat(e.getMessage()).contains("Java heap space");
                });
        assertThat(support.panicState.panicked()).as("nothing in shared buffers may reach disk any more").isTrue();
        assertThat(support.pool.pinnedBufferCount()).isZero();
    }
}
