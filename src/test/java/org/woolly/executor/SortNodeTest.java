package org.woolly.executor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.analyzer.BuiltinTypeSystem;
import org.woolly.nodes.query.SortKey;
import org.woolly.storage.file.TemporaryFileSpace;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeOids;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sort node's row order: keys in turn, each ascending or descending with its nulls first or
 * last, int4 and int8 keys compared as primitives and other types by their comparator; the
 * same order as a chain of per-key comparators, in memory and when the sort spills.
 */
class SortNodeTest {
    @TempDir
    Path data;

    private ExecutorContext context() {
        return new ExecutorContext(new BuiltinTypeSystem(), null, null, null, new Object[0],
                new ExecutorContext.SessionInfo("a", "a", "d", () -> "public", 99, FormatSettings.DEFAULT, 0),
                new AtomicBoolean(), 0).withTemporaryFiles(new TemporaryFileSpace(data));
    }

    /** The rows of a list, as a plan node. */
    private static ExecNode rows(List<Object[]> rows) {
        return new ExecNode() {
            private Iterator<Object[]> next;

            @Override
            public void open() {
                next = rows.iterator();
            }

            @Override
            public Object[] next() {
                return next.hasNext() ? next.next() : null;
            }

            @Override
            public void close() {
                next = null;
            }
        };
    }

    @Test
    void rowsComeOutByEachKeyInTurnWithDirectionAndNullPlacement() {
        long seed = System.nanoTime();
        System.out.println("SortNodeTest seed " + seed);
        Random random = new Random(seed);
        List<Object[]> input = new ArrayList<>();
        List<Object[]> padded = new ArrayList<>();
        String pad = "x".repeat(2000);
        for (long id = 0; id < 3000; id++) {
            Integer small = random.nextInt(10) == 0 ? null
                    : random.nextBoolean() ? random.nextInt(5) - 2 : random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            Long big = random.nextInt(10) == 0 ? null : random.nextLong() % 4;
            String text = random.nextInt(10) == 0 ? null : "t" + random.nextInt(4);
            input.add(new Object[] {small, big, text, id});
            padded.add(new Object[] {small, big, text, id, pad});
        }
        List<SortKey> keys = List.of(
                new SortKey(0, true, false, BuiltinTypes.comparator(TypeOids.INT4)),
                new SortKey(1, false, true, BuiltinTypes.comparator(TypeOids.INT8)),
                new SortKey(2, true, true, BuiltinTypes.comparator(TypeOids.TEXT)),
                new SortKey(3, false, false, BuiltinTypes.comparator(TypeOids.INT8)));
        Comparator<Object[]> expectedOrder = null;
        for (SortKey key : keys) {
            Comparator<Object[]> one = SortNode.keyComparator(key, key.targetIndex());
            expectedOrder = expectedOrder == null ? one : expectedOrder.thenComparing(one);
        }
        // the rows fit in the default work_mem of 4 MB; with a 2000-character column they spill to merged runs
        for (List<Object[]> rows : List.of(input, padded)) {
            List<Object[]> expected = new ArrayList<>(rows);
            expected.sort(expectedOrder);
            try (SortNode sort = new SortNode(rows(rows), context(), keys)) {
                sort.open();
                for (Object[] want : expected) {
                    assertThat(sort.next()).containsExactly(want);
                }
                assertThat(sort.next()).isNull();
            }
        }
    }
}
