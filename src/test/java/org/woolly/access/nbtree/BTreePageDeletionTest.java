package org.woolly.access.nbtree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.access.nbtree.BTreeTestSupport.firstColumn;
import static org.woolly.access.nbtree.BTreeTestSupport.tid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.smgr.StorageManager;

/**
 * VACUUM's page deletion (nbtree README "Page deletion"): empty leaves leave the tree in two
 * logged steps, their pages come back for later splits once the xmin horizon has passed their
 * safe XID, the index stays bounded under insert-all/delete-all cycles, and a failure between
 * the two steps (a PANIC in the second record) leaves an index that recovery and the next
 * VACUUM make whole. {@link BTreeChecker} walks the tree after every step.
 */
class BTreePageDeletionTest {
    @TempDir
    Path data;
    @TempDir
    Path replica;
    @TempDir
    Path restartedData;

    private static final int KEYS = 20_000;

    private static void insertAll(BTreeTestSupport tree, IndexShape index, IntStream keys) {
        Transaction tx = tree.transactions.begin();
        tx.assignXid();
        keys.forEach(n -> tree.btree.insert(index, new Object[] {n}, tid(n), tree.probe, tx));
        tree.transactions.commit(tx);
    }

    private static IndexShape emptyIndex(BTreeTestSupport tree) {
        IndexShape index = BTreeTestSupport.intIndex(false);
        Transaction tx = tree.transactions.begin();
        tree.btree.buildEmpty(index, tx);
        tree.transactions.commit(tx);
        return index;
    }

    @Test
    void vacuumDeletesEmptyLeavesAndKeepsTheRestReachable() {
        BTreeTestSupport tree = new BTreeTestSupport(data, 256);
        IndexShape index = emptyIndex(tree);
        insertAll(tree, index, IntStream.range(0, KEYS));
        BTreeChecker.Report before = BTreeChecker.check(tree.btree, index);
        assertThat(before.levels()).isGreaterThan(1);

        long removed = tree.btree.bulkDelete(index, tid -> {
            int n = tid.block() * 100 + tid.offset() - 1;
            return n >= 2_000 && n < 15_000;
        });

        assertThat(removed).isEqualTo(13_000);
        BTreeChecker.Report after = BTreeChecker.check(tree.btree, index);
        assertThat(after.deletedPages()).isGreaterThan(before.leafPages() / 2);
        assertThat(after.entries()).isEqualTo(KEYS - 13_000);
        List<Object> expected = new ArrayList<>(IntStream.range(0, KEYS).filter(n -> n < 2_000 || n >= 15_000)
                .boxed().toList());
        assertThat(firstColumn(tree.btree.beginScan(index, List.of(), false))).isEqualTo(expected);
        assertThat(firstColumn(tree.btree.beginScan(index, List.of(), true))).isEqualTo(expected.reversed());
        assertThat(firstColumn(tree.btree.beginScan(index,
                List.of(new ScanKey(0, ScanKey.Strategy.GREATER_EQUAL, 1_990)), false)))
                .startsWith(1_990, 1_991).contains(15_000).hasSize(10 + KEYS - 15_000);
        assertThat(tree.wal.records.stream().map(logged -> logged.record().info()))
                .contains(BTreeWalRecords.MARK_PAGE_HALFDEAD, BTreeWalRecords.UNLINK_PAGE);
    }

    @Test
    void deletedPagesAreReusedSoRepeatedCyclesKeepTheIndexBounded() {
        BTreeTestSupport tree = new BTreeTestSupport(data, 256);
        IndexShape index = emptyIndex(tree);
        List<Long> sizes = new ArrayList<>();
        for (int cycle = 0; cycle < 6; cycle++) {
            insertAll(tree, index, IntStream.range(0, KEYS));
            tree.btree.bulkDelete(index, tid -> true);
            BTreeChecker.Report report = BTreeChecker.check(tree.btree, index);
            assertThat(report.entries()).isZero();
            sizes.add(tree.btree.pageCount(index));
        }
        // the second cycle's deletions wait for the horizon, later ones reuse what earlier ones freed
        assertThat(sizes.getLast()).as("index pages after each cycle: %s", sizes).isLessThanOrEqualTo(sizes.get(2));
        assertThat(sizes.getLast()).isLessThan(2 * sizes.getFirst());
        insertAll(tree, index, IntStream.range(0, KEYS));
        assertThat(firstColumn(tree.btree.beginScan(index, List.of(), false)))
                .isEqualTo(IntStream.range(0, KEYS).boxed().toList());
        BTreeChecker.check(tree.btree, index);
    }

    @Test
    void aRunningTransactionOlderThanTheDeletionKeepsItsPagesFromReuse() {
        BTreeTestSupport tree = new BTreeTestSupport(data, 256);
        IndexShape index = emptyIndex(tree);
        insertAll(tree, index, IntStream.range(0, KEYS));
        Transaction old = tree.transactions.begin();
        old.assignXid();
        tree.btree.bulkDelete(index, tid -> true);
        long size = tree.btree.pageCount(index);
        int deleted = BTreeChecker.check(tree.btree, index).deletedPages();
        assertThat(deleted).isPositive();

        insertAll(tree, index, IntStream.range(0, KEYS));
        assertThat(tree.btree.pageCount(index)).as("no page reused while an older transaction runs")
                .isGreaterThan(size + deleted / 2);
        tree.transactions.commit(old);
    }

    @Test
    void replayingPageDeletionsRebuildsTheSameTree() {
        BTreeTestSupport tree = new BTreeTestSupport(data, 256);
        IndexShape index = emptyIndex(tree);
        insertAll(tree, index, IntStream.range(0, KEYS));
        tree.btree.bulkDelete(index, tid -> tid.block() % 3 != 0);
        insertAll(tree, index, IntStream.range(KEYS, KEYS + 3_000));

        BTreeAccessMethod replayed = replay(tree, tree);
        BTreeChecker.Report original = BTreeChecker.check(tree.btree, index);
        assertThat(BTreeChecker.check(replayed, index)).isEqualTo(original);
        assertThat(firstColumn(replayed.beginScan(index, List.of(), false)))
                .isEqualTo(firstColumn(tree.btree.beginScan(index, List.of(), false)));
    }

    @Test
    void aFailureBetweenTheTwoStepsLeavesAHalfDeadPageThatTheNextVacuumFinishes() {
        BTreeTestSupport tree = new BTreeTestSupport(data, 256);
        IndexShape index = emptyIndex(tree);
        insertAll(tree, index, IntStream.range(0, KEYS));
        tree.wal.failWhen = record -> record.info() == BTreeWalRecords.UNLINK_PAGE;
        assertThatThrownBy(() -> tree.btree.bulkDelete(index, tid -> tid.block() < 150))
                .hasMessageContaining("injected failure");
        assertThat(tree.wal.records.getLast().record().info()).isEqualTo(BTreeWalRecords.MARK_PAGE_HALFDEAD);

        // the failure was a PANIC; crash recovery replays the WAL on the files, without the pages
        // the failure left in memory, and the restarted server writes a WAL of its own
        BTreeTestSupport restarted = new BTreeTestSupport(restartedData, 16);
        BTreeAccessMethod recovered = replay(tree, restarted);
        BTreeChecker.Report halfway = BTreeChecker.check(recovered, index);
        assertThat(halfway.halfDeadPages()).isEqualTo(1);
        List<Object> expected = IntStream.range(0, KEYS).filter(n -> n / 100 >= 150).boxed().map(n -> (Object) n)
                .toList();
        assertThat(firstColumn(recovered.beginScan(index, List.of(), false))).isEqualTo(expected);
        recovered.insert(index, new Object[] {-1}, new Tid(500, 1), tree.probe, restarted.transactions.begin());

        recovered.bulkDelete(index, tid -> tid.block() < 150);
        BTreeChecker.Report finished = BTreeChecker.check(recovered, index);
        assertThat(finished.halfDeadPages()).isZero();
        assertThat(finished.deletedPages()).isGreaterThan(halfway.deletedPages());
        assertThat(firstColumn(recovered.beginScan(index, List.of(), false))).first().isEqualTo(-1);
    }

    /** A fresh buffer pool over another directory with every record {@code tree} logged replayed, writing through {@code after}. */
    private BTreeAccessMethod replay(BTreeTestSupport tree, BTreeTestSupport after) {
        BufferPool target = new BufferPool(new StorageManager(replica, new PanicState()), 256, lsn -> { });
        BTreeAccessMethod replayed = new BTreeAccessMethod(target, after.wal, after.transactions);
        for (BTreeTestSupport.RecordingWal.Logged logged : List.copyOf(tree.wal.records)) {
            replayed.resourceManager().redo(logged.record(), logged.endLsn());
        }
        return replayed;
    }
}
