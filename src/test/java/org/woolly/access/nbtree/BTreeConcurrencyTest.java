package org.woolly.access.nbtree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.nbtree.BTreeTestSupport.firstColumn;
import static org.woolly.access.nbtree.BTreeTestSupport.intIndex;
import static org.woolly.access.nbtree.BTreeTestSupport.tid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.Transaction;

class BTreeConcurrencyTest {
    @TempDir
    Path data;

    /**
     * Writers insert (splitting pages all the time) while scanners run forward and backward:
     * every scan is in strict index order and finds every entry that was there when it began.
     */
    @Test
    void scansRunningBesideSplittingInsertsNeitherMissNorRepeatEntries() throws Exception {
        BTreeTestSupport support = new BTreeTestSupport(data, 64);
        IndexShape index = intIndex(true);
        Transaction tx = support.transactions.begin();
        List<IndexEntry> initial = new ArrayList<>();
        for (int n = 0; n < 20000; n += 10) {
            initial.add(new IndexEntry(new Object[] {n}, tid(n), true));
        }
        support.btree.build(index, initial.iterator(), support.probe, tx);
        int writers = 3;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w + 1;
                writes.add(threads.submit(() -> {
                    for (int n = first; n < 20000; n += 10) {
                        support.btree.insert(index, new Object[] {n}, tid(n), support.probe, tx);
                    }
                }));
            }
            List<Future<Integer>> scans = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                boolean backward = s == 1;
                scans.add(threads.submit(() -> {
                    int rounds = 0;
                    while (writing.get() || rounds == 0) {
                        List<Object> seen = firstColumn(support.btree.beginScan(index, List.of(), backward));
                        List<Integer> values = seen.stream().map(Integer.class::cast).toList();
                        for (int i = 1; i < values.size(); i++) {
                            boolean inOrder = backward ? values.get(i) < values.get(i - 1)
                                    : values.get(i) > values.get(i - 1);
                            assertThat(inOrder).as("strict order at " + i).isTrue();
                        }
                        assertThat(values.stream().filter(v -> v % 10 == 0).count()).isEqualTo(2000);
                        rounds++;
                    }
                    return rounds;
                }));
            }
            for (Future<?> write : writes) {
                write.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<Integer> scan : scans) {
                assertThat(scan.get(120, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }
        assertThat(firstColumn(support.btree.beginScan(index, List.of(), false))).hasSize(2000 + writers * 2000);
    }

    /** Keys in this band are inserted and bulk-deleted over and over, so whole leaves are deleted under the scans. */
    private static final int BAND_START = 30_000;
    private static final int BAND_END = 36_000;

    private static int keyOf(org.woolly.access.common.Tid tid) {
        return tid.block() * 100 + tid.offset() - 1;
    }

    /**
     * Scans take no tree lock (Lehman and Yao): while writers insert in random order (splitting
     * leaves and internal pages, making new roots) and VACUUM deletes whole leaves, forward,
     * backward, range and point scans each return strictly ordered entries and find every key
     * committed before they began exactly once. An old transaction stays open, as a scan's
     * snapshot would, so no deleted page is recycled under a scan (the safe XID rule).
     */
    @Test
    void scansWithoutTreeLockFindEveryCommittedKeyOnceBesideSplitsAndPageDeletion() throws Exception {
        long seed = System.nanoTime();
        System.out.println("BTreeConcurrencyTest seed " + seed);
        BTreeTestSupport support = new BTreeTestSupport(data, 256);
        IndexShape index = intIndex(false);
        Transaction tx = support.transactions.begin();
        tx.assignXid();
        Set<Integer> committed = ConcurrentHashMap.newKeySet();
        List<IndexEntry> initial = new ArrayList<>();
        for (int n = 0; n < 24_000; n += 8) {
            initial.add(new IndexEntry(new Object[] {n}, tid(n), true));
            committed.add(n);
        }
        support.btree.build(index, initial.iterator(), support.probe, tx);
        int writers = 3;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger scansDone = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(writers + 5);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int residue = w + 1;
                Random random = new Random(seed + w);
                writes.add(threads.submit(() -> {
                    List<Integer> keys = new ArrayList<>();
                    for (int n = residue; n < 24_000; n += 8) {
                        keys.add(n);
                    }
                    Collections.shuffle(keys, random);
                    for (int n : keys) {
                        support.btree.insert(index, new Object[] {n}, tid(n), support.probe, tx);
                        committed.add(n);
                    }
                }));
            }
            writes.add(threads.submit(() -> {
                while (writing.get()) {
                    for (int n = BAND_START; n < BAND_END; n++) {
                        support.btree.insert(index, new Object[] {n}, tid(n), support.probe, tx);
                    }
                    support.btree.bulkDelete(index, tid -> keyOf(tid) >= BAND_START && keyOf(tid) < BAND_END);
                }
            }));
            List<Future<?>> scans = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int kind = s;
                Random random = new Random(seed * 31 + s);
                scans.add(threads.submit(() -> {
                    while (writing.get() || scansDone.get() < 8) {
                        List<Integer> before = new ArrayList<>(committed);
                        int low = random.nextInt(40_000);
                        int high = low + random.nextInt(12_000);
                        List<ScanKey> keys = switch (kind) {
                            case 0, 1 -> List.of();
                            case 2 -> List.of(new ScanKey(0, ScanKey.Strategy.GREATER_EQUAL, low),
                                    new ScanKey(0, ScanKey.Strategy.LESS, high));
                            default -> List.of(new ScanKey(0, ScanKey.Strategy.EQUAL, before.get(
                                    random.nextInt(before.size()))));
                        };
                        if (kind == 3) {
                            low = (Integer) keys.getFirst().argument();
                            high = low + 1;
                        } else if (kind < 2) {
                            low = Integer.MIN_VALUE;
                            high = Integer.MAX_VALUE;
                        }
                        boolean backward = kind == 1 || (kind == 2 && random.nextBoolean());
                        List<Integer> values = firstColumn(support.btree.beginScan(index, keys, backward))
                                .stream().map(Integer.class::cast).toList();
                        for (int i = 1; i < values.size(); i++) {
                            boolean inOrder = backward ? values.get(i) < values.get(i - 1)
                                    : values.get(i) > values.get(i - 1);
                            assertThat(inOrder).as("strict order at %d, seed %d", i, seed).isTrue();
                        }
                        Set<Integer> found = Set.copyOf(values);
                        for (int key : before) {
                            if (key >= low && key < high && (key < BAND_START || key >= BAND_END)) {
                                assertThat(found).as("committed key %d, scan kind %d, seed %d", key, kind, seed)
                                        .contains(key);
                            }
                        }
                        scansDone.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int w = 0; w < writers; w++) {
                writes.get(w).get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            writes.getLast().get(120, TimeUnit.SECONDS);
            for (Future<?> scan : scans) {
                scan.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }
        assertThat(BTreeChecker.check(support.btree, index).deletedPages()).as("leaves deleted under the scans")
                .isPositive();
        assertThat(firstColumn(support.btree.beginScan(index, List.of(), false))).hasSize(3_000 + writers * 3_000);
    }
}
