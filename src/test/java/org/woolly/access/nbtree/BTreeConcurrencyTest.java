package org.woolly.access.nbtree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.access.nbtree.BTreeTestSupport.firstColumn;
import static org.woolly.access.nbtree.BTreeTestSupport.intIndex;
import static org.woolly.access.nbtree.BTreeTestSupport.tid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
}
