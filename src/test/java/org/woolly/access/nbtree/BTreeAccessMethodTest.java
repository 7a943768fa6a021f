package org.woolly.access.nbtree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.access.nbtree.BTreeTestSupport.firstColumn;
import static org.woolly.access.nbtree.BTreeTestSupport.intIndex;
import static org.woolly.access.nbtree.BTreeTestSupport.shape;
import static org.woolly.access.nbtree.BTreeTestSupport.tid;
import static org.woolly.access.nbtree.BTreeTestSupport.tids;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.XidStatus;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;

class BTreeAccessMethodTest {
    @TempDir
    Path data;

    private static ScanKey key(int column, ScanKey.Strategy strategy, Object argument) {
        return new ScanKey(column, strategy, argument);
    }

    private static List<Object> firstColumnOf(IndexScan scan, int column) {
        List<Object> result = new ArrayList<>();
        for (Tid tid = scan.next(); tid != null; tid = scan.next()) {
            result.add(scan.values()[column]);
        }
        scan.close();
        return result;
    }

    /** A transaction that has just built {@code index} empty. */
    private static Transaction emptyIndex(BTreeTestSupport support, IndexShape index) {
        Transaction tx = support.transactions.begin();
        support.btree.buildEmpty(index, tx);
        return tx;
    }

    private static String wide(int n) {
        return String.format("%08d", n) + "x".repeat(120);
    }

    @Test
    void insertsInRandomOrderSplitPagesUpToSeveralLevelsAndScanInOrderBothWays() {
        BTreeTestSupport support = new BTreeTestSupport(data, 64);
        IndexShape index = shape("wide", List.of(TypeOids.TEXT), 1, List.of(false), List.of(false), false, false);
        Transaction tx = emptyIndex(support, index);
        List<Integer> order = new ArrayList<>(IntStream.range(0, 6000).boxed().toList());
        long seed = System.nanoTime();
        Collections.shuffle(order, new Random(seed));
        for (int n : order) {
            support.btree.insert(index, new Object[] {wide(n)}, tid(n), support.probe, tx);
        }
        List<Object> forward = firstColumn(support.btree.beginScan(index, List.of(), false));
        assertThat(forward).as("seed " + seed).hasSize(6000);
        assertThat(forward).isEqualTo(IntStream.range(0, 6000).mapToObj(BTreeAccessMethodTest::wide).toList());
        List<Object> backward = firstColumn(support.btree.beginScan(index, List.of(), true));
        List<Object> reversed = new ArrayList<>(forward);
        Collections.reverse(reversed);
        assertThat(backward).isEqualTo(reversed);
        assertThat(support.btree.pageCount(index)).isGreaterThan(100);
        KeyLayout layout = support.btree.layout(index);
        assertThat(BTreePage.meta(support.btree.readPage(layout, 0, true), "wide").level())
                .isGreaterThanOrEqualTo(2);
        assertThat(tids(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, wide(4321))), false)))
                .containsExactly(tid(4321));
    }

    @Test
    void buildFromUnsortedEntriesMatchesInsertsAndAcceptsMoreInsertsAfter() {
        BTreeTestSupport support = new BTreeTestSupport(data, 64);
        IndexShape index = intIndex(false);
        Transaction tx = support.transactions.begin();
        List<IndexEntry> entries = new ArrayList<>();
        for (int n = 0; n < 50000; n += 2) {
            entries.add(new IndexEntry(new Object[] {n}, tid(n), true));
        }
        Collections.shuffle(entries, new Random(7));
        assertThat(support.btree.build(index, entries.iterator(), support.probe, tx)).isEqualTo(25000);
        for (int n = 1; n < 50000; n += 2) {
            support.btree.insert(index, new Object[] {n}, tid(n), support.probe, tx);
        }
        List<Object> all = firstColumn(support.btree.beginScan(index, List.of(), false));
        assertThat(all).isEqualTo(IntStream.range(0, 50000).boxed().map(Object.class::cast).toList());
        assertThat(firstColumn(support.btree.beginScan(index, List.of(
                key(0, ScanKey.Strategy.GREATER_EQUAL, 100), key(0, ScanKey.Strategy.LESS, 105)), false)))
                .containsExactly(100, 101, 102, 103, 104);
        assertThat(firstColumn(support.btree.beginScan(index, List.of(
                key(0, ScanKey.Strategy.GREATER, 100), key(0, ScanKey.Strategy.LESS_EQUAL, 105)), true)))
                .containsExactly(105, 104, 103, 102, 101);
        assertThat(firstColumn(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.LESS, 3)), true)))
                .containsExactly(2, 1, 0);
        assertThat(firstColumn(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.GREATER, 49997)), false)))
                .containsExactly(49998, 49999);
        assertThat(firstColumn(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 77777)), false)))
                .isEmpty();
        assertThat(firstColumn(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, null)), false)))
                .isEmpty();
    }

    @Test
    void emptyIndexScansNothingAndDuplicateKeysAreOrderedByHeapTid() {
        BTreeTestSupport support = new BTreeTestSupport(data, 16);
        IndexShape index = intIndex(false);
        Transaction tx = support.transactions.begin();
        support.btree.build(index, List.<IndexEntry>of().iterator(), support.probe, tx);
        assertThat(tids(support.btree.beginScan(index, List.of(), false))).isEmpty();
        assertThat(tids(support.btree.beginScan(index, List.of(), true))).isEmpty();
        for (int n = 999; n >= 0; n--) {
            support.btree.insert(index, new Object[] {42}, tid(n), support.probe, tx);
        }
        List<Tid> found = tids(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 42)), false));
        assertThat(found).hasSize(1000).isSortedAccordingTo(KeyLayout::compareTids);
        assertThat(tids(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 42)), true)))
                .hasSize(1000).isSortedAccordingTo((a, b) -> KeyLayout.compareTids(b, a));
    }

    @Test
    void multiColumnKeysPositionOnTheFirstAndFilterOnTheOthers() {
        BTreeTestSupport support = new BTreeTestSupport(data, 32);
        IndexShape index = shape("ab", List.of(TypeOids.INT4, TypeOids.TEXT), 2, List.of(false, false),
                List.of(false, false), false, false);
        Transaction tx = emptyIndex(support, index);
        int n = 0;
        for (int a = 0; a < 50; a++) {
            for (int b = 0; b < 50; b++) {
                support.btree.insert(index, new Object[] {a, "b" + (char) ('a' + b % 26) + b}, tid(n++), support.probe, tx);
            }
        }
        try (IndexScan scan = support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 7),
                key(1, ScanKey.Strategy.EQUAL, "bc2")), false)) {
            Tid found = scan.next();
            assertThat(found).isEqualTo(tid(7 * 50 + 2));
            assertThat(scan.values()).containsExactly(7, "bc2");
            assertThat(scan.next()).isNull();
        }
        assertThat(firstColumnOf(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 9),
                key(1, ScanKey.Strategy.GREATER_EQUAL, "bx"), key(1, ScanKey.Strategy.LESS, "bz")), false), 1))
                .containsExactly("bx23", "bx49", "by24");
        assertThat(firstColumnOf(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 9),
                key(1, ScanKey.Strategy.GREATER, "bx23"), key(1, ScanKey.Strategy.LESS_EQUAL, "bz25")), true), 1))
                .containsExactly("bz25", "by24", "bx49");
        assertThat(tids(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 9),
                key(1, ScanKey.Strategy.EQUAL, "ba0")), true))).containsExactly(tid(9 * 50));
        support.btree.insert(index, new Object[] {null, "n1"}, tid(9000), support.probe, tx);
        support.btree.insert(index, new Object[] {null, "n2"}, tid(9001), support.probe, tx);
        assertThat(firstColumnOf(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.IS_NULL, null),
                key(1, ScanKey.Strategy.GREATER, "n1")), false), 1)).containsExactly("n2");
        List<Tid> secondOnly = tids(support.btree.beginScan(index, List.of(key(1, ScanKey.Strategy.EQUAL, "bz25")), false));
        assertThat(secondOnly).hasSize(50);
    }

    @Test
    void descendingAndNullsFirstOrderTheIndexAndBoundsFollowIt() {
        BTreeTestSupport support = new BTreeTestSupport(data, 32);
        IndexShape index = shape("d", List.of(TypeOids.INT4), 1, List.of(true), List.of(true), false, false);
        Transaction tx = emptyIndex(support, index);
        List<Integer> values = new ArrayList<>(IntStream.range(0, 2000).boxed().toList());
        Collections.shuffle(values, new Random(3));
        int n = 0;
        for (Integer value : values) {
            support.btree.insert(index, new Object[] {value}, tid(n++), support.probe, tx);
        }
        support.btree.insert(index, new Object[] {null}, tid(n++), support.probe, tx);
        support.btree.insert(index, new Object[] {null}, tid(n++), support.probe, tx);
        List<Object> all = firstColumn(support.btree.beginScan(index, List.of(), false));
        assertThat(all).hasSize(2002);
        assertThat(all.subList(0, 3)).containsExactly(null, null, 1999);
        assertThat(all.getLast()).isEqualTo(0);
        assertThat(firstColumn(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.LESS, 3)), false)))
                .containsExactly(2, 1, 0);
        assertThat(firstColumn(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.GREATER_EQUAL, 1997)), false)))
                .containsExactly(1999, 1998, 1997);
        assertThat(firstColumn(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.GREATER_EQUAL, 1997)), true)))
                .containsExactly(1997, 1998, 1999);
        assertThat(firstColumn(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.IS_NULL, null)), false)))
                .containsExactly(null, null);
        assertThat(firstColumn(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.IS_NOT_NULL, null)), true)))
                .hasSize(2000).isSortedAccordingTo(Comparator.comparingInt(o -> (Integer) o));

        IndexShape ascNullsFirst = shape("n", List.of(TypeOids.INT4), 1, List.of(false), List.of(false), false, false);
        assertThat(ascNullsFirst.nullsFirst().getFirst()).isFalse();
    }

    @Test
    void uniqueIndexRejectsALiveDuplicateIgnoresDeadOnesAndNullsUnlessNotDistinct() {
        BTreeTestSupport support = new BTreeTestSupport(data, 16);
        IndexShape index = intIndex(true);
        Transaction tx = emptyIndex(support, index);
        support.btree.insert(index, new Object[] {1}, tid(1), support.probe, tx);
        assertThatThrownBy(() -> support.btree.insert(index, new Object[] {1}, tid(2), support.probe, tx))
                .isInstanceOf(SqlException.class).hasMessageContaining("duplicate key");
        support.probe.states.put(tid(1), new HeapProbe.RowState.Dead());
        support.btree.insert(index, new Object[] {1}, tid(3), support.probe, tx);
        support.btree.insert(index, new Object[] {null}, tid(4), support.probe, tx);
        support.btree.insert(index, new Object[] {null}, tid(5), support.probe, tx);
        assertThat(tids(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 1)), false)))
                .containsExactly(tid(1), tid(3));

        BTreeTestSupport other = new BTreeTestSupport(data.resolve("nnd"), 16);
        IndexShape notDistinct = shape("nnd", List.of(TypeOids.INT4), 1, List.of(false), List.of(false), true, true);
        other.btree.buildEmpty(notDistinct, tx);
        other.btree.insert(notDistinct, new Object[] {null}, tid(1), other.probe, tx);
        assertThatThrownBy(() -> other.btree.insert(notDistinct, new Object[] {null}, tid(2), other.probe, tx))
                .isInstanceOf(SqlException.class).hasMessageContaining("duplicate key");
    }

    @Test
    void uniqueInsertsOfAKeyWhoseDeadVersionsSpanSeveralLeavesFindTheirPlace() {
        BTreeTestSupport support = new BTreeTestSupport(data, 32);
        IndexShape index = intIndex(true);
        Transaction tx = emptyIndex(support, index);
        for (int n = 0; n < 900; n++) {
            support.btree.insert(index, new Object[] {n % 3 == 0 ? 5 : n}, tid(n), support.probe, tx);
            support.probe.states.put(tid(n), new HeapProbe.RowState.Dead());
        }
        for (int n = 1799; n >= 900; n--) {
            support.btree.insert(index, new Object[] {5}, tid(n), support.probe, tx);
            support.probe.states.put(tid(n), new HeapProbe.RowState.Dead());
        }
        List<Tid> fives = tids(support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 5)), false));
        assertThat(fives).as("every third of the first 900, 5 itself, the last 900").hasSize(300 + 1 + 900).isSortedAccordingTo(KeyLayout::compareTids);
        support.probe.states.remove(tid(1799));
        assertThatThrownBy(() -> support.btree.insert(index, new Object[] {5}, tid(5000), support.probe, tx))
                .isInstanceOf(SqlException.class).hasMessageContaining("duplicate key");
        assertThat(firstColumn(support.btree.beginScan(index, List.of(), false))).hasSize(1800);
    }

    @Test
    void uniqueBuildChecksLiveEntriesOnly() {
        BTreeTestSupport support = new BTreeTestSupport(data, 16);
        IndexShape index = intIndex(true);
        Transaction tx = support.transactions.begin();
        List<IndexEntry> entries = List.of(new IndexEntry(new Object[] {5}, tid(1), false),
                new IndexEntry(new Object[] {5}, tid(2), true), new IndexEntry(new Object[] {null}, tid(3), true),
                new IndexEntry(new Object[] {null}, tid(4), true));
        assertThat(support.btree.build(index, entries.iterator(), support.probe, tx)).isEqualTo(4);

        BTreeTestSupport other = new BTreeTestSupport(data.resolve("dup"), 16);
        List<IndexEntry> duplicates = List.of(new IndexEntry(new Object[] {5}, tid(1), true),
                new IndexEntry(new Object[] {5}, tid(2), true));
        assertThatThrownBy(() -> other.btree.build(index, duplicates.iterator(), other.probe, tx))
                .isInstanceOf(SqlException.class).hasMessageContaining("duplicate key");
    }

    @Test
    void uniqueInsertWaitsForAnInProgressInserterThenChecksAgain() throws Exception {
        BTreeTestSupport support = new BTreeTestSupport(data, 16);
        IndexShape index = intIndex(true);
        Transaction first = support.transactions.begin();
        support.btree.buildEmpty(index, first);
        long firstXid = first.assignXid();
        support.btree.insert(index, new Object[] {9}, tid(1), support.probe, first);
        support.probe.states.put(tid(1), new HeapProbe.RowState.InProgress(firstXid));
        Transaction second = support.transactions.begin();
        second.assignXid();
        Thread waiter = Thread.ofPlatform().start(() ->
                support.btree.insert(index, new Object[] {9}, tid(2), support.probe, second));
        waiter.join(300);
        assertThat(waiter.isAlive()).as("waits for the inserter").isTrue();
        support.probe.states.put(tid(1), new HeapProbe.RowState.Dead());
        support.transactions.abort(first);
        waiter.join(10000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(tids(support.btree.beginScan(index, List.of(), false))).containsExactly(tid(1), tid(2));
    }

    @Test
    void aSpeculativeInsertReportsLiveAndRunningEqualKeysWithoutWaitingOrRaising() {
        BTreeTestSupport support = new BTreeTestSupport(data, 16);
        IndexShape index = intIndex(true);
        Transaction tx = emptyIndex(support, index);
        support.btree.insert(index, new Object[] {1}, tid(1), support.probe, tx);
        assertThat(support.btree.insertSpeculative(index, new Object[] {1}, tid(2), support.probe, tx))
                .as("live equal key").isFalse();
        support.probe.states.put(tid(1), new HeapProbe.RowState.InProgress(tx.xid() + 100, 9));
        assertThat(support.btree.insertSpeculative(index, new Object[] {1}, tid(3), support.probe, tx))
                .as("running equal key: no wait").isFalse();
        support.probe.states.put(tid(1), new HeapProbe.RowState.Dead());
        assertThat(support.btree.insertSpeculative(index, new Object[] {1}, tid(4), support.probe, tx)).isTrue();
        assertThat(tids(support.btree.beginScan(index, List.of(), false))).as("conflicting entries are not added")
                .containsExactly(tid(1), tid(4));
    }

    @Test
    void aUniqueInsertMeetingASpeculativeTupleWaitsForItsTokenNotItsTransaction() throws Exception {
        BTreeTestSupport support = new BTreeTestSupport(data, 16);
        IndexShape index = intIndex(true);
        Transaction first = support.transactions.begin();
        support.btree.buildEmpty(index, first);
        long firstXid = first.assignXid();
        LockTag.SpeculativeToken token = new LockTag.SpeculativeToken(firstXid, 5);
        first.lock(token, LockMode.EXCLUSIVE);
        assertThat(support.btree.insertSpeculative(index, new Object[] {9}, tid(1), support.probe, first)).isTrue();
        support.probe.states.put(tid(1), new HeapProbe.RowState.InProgress(firstXid, 5));
        Transaction second = support.transactions.begin();
        second.assignXid();
        Thread waiter = Thread.ofPlatform().start(() ->
                support.btree.insert(index, new Object[] {9}, tid(2), support.probe, second));
        waiter.join(300);
        assertThat(waiter.isAlive()).as("waits for the token").isTrue();
        // the first kills its tuple and lets the token go, but goes on running
        support.probe.states.put(tid(1), new HeapProbe.RowState.Dead());
        first.unlock(token, LockMode.EXCLUSIVE);
        waiter.join(10000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(support.transactions.status(firstXid)).isEqualTo(XidStatus.IN_PROGRESS);
        assertThat(tids(support.btree.beginScan(index, List.of(), false))).containsExactly(tid(1), tid(2));
    }

    @Test
    void includeColumnsAreStoredAndReturnedButNotCompared() {
        BTreeTestSupport support = new BTreeTestSupport(data, 16);
        IndexShape index = shape("inc", List.of(TypeOids.INT4, TypeOids.TEXT), 1, List.of(false), List.of(false),
                true, false);
        Transaction tx = emptyIndex(support, index);
        support.btree.insert(index, new Object[] {1, "one"}, tid(1), support.probe, tx);
        support.btree.insert(index, new Object[] {2, "two"}, tid(2), support.probe, tx);
        assertThatThrownBy(() -> support.btree.insert(index, new Object[] {1, "uno"}, tid(3), support.probe, tx))
                .isInstanceOf(SqlException.class);
        try (IndexScan scan = support.btree.beginScan(index, List.of(key(0, ScanKey.Strategy.EQUAL, 2)), false)) {
            assertThat(scan.next()).isEqualTo(tid(2));
            assertThat(scan.values()).containsExactly(2, "two");
        }
    }

    @Test
    void anEntryTooLargeForAPageIsRefusedWith54000() {
        BTreeTestSupport support = new BTreeTestSupport(data, 16);
        IndexShape index = shape("big", List.of(TypeOids.TEXT), 1, List.of(false), List.of(false), false, false);
        Transaction tx = emptyIndex(support, index);
        assertThatThrownBy(() -> support.btree.insert(index, new Object[] {"y".repeat(3000)}, tid(1), support.probe, tx))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState().code()).isEqualTo("54000"))
                .hasMessage("index row size 3024 exceeds btree version 4 maximum 2704 for index \"big\"");
        support.btree.insert(index, new Object[] {"y".repeat(2600)}, tid(2), support.probe, tx);
        for (int n = 3; n < 40; n++) {
            support.btree.insert(index, new Object[] {n + "y".repeat(2600)}, tid(n), support.probe, tx);
        }
        assertThat(tids(support.btree.beginScan(index, List.of(), false))).hasSize(38);
    }
}
