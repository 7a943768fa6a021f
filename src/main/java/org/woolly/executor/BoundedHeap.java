package org.woolly.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The first {@code bound} rows of a sort kept in a heap as rows arrive (tuplesort's bounded heap,
 * {@code make_bounded_heap}, {@code tuplesort_heap_insert}, {@code tuplesort_heap_replace_top},
 * {@code sort_bounded_heap}), so ORDER BY ... LIMIT n holds n rows, not the whole input. The
 * heap's top is the last of the kept rows in sort order; a new row no earlier than it is
 * dropped. The same steps as PostgreSQL's keep rows equal on the keys in the order it gives them.
 */
final class BoundedHeap {
    private final Object[][] heap;
    /** The sort order reversed: the heap is a min-heap under it, so its top is the greatest row. */
    private final Comparator<Object[]> reversed;
    private int count;

    BoundedHeap(int bound, Comparator<Object[]> order) {
        this.heap = new Object[bound][];
        this.reversed = order.reversed();
    }

    /** Adds a row: kept while the heap has room, then only in place of the top when it sorts before it. */
    void add(Object[] row) {
        if (count < heap.length) {
            insert(row);
        } else if (reversed.compare(row, heap[0]) > 0) {
            replaceTop(row);
        }
    }

    private void insert(Object[] row) {
        int j = count++;
        while (j > 0) {
            int parent = (j - 1) >> 1;
            if (reversed.compare(row, heap[parent]) >= 0) {
                break;
            }
            heap[j] = heap[parent];
            j = parent;
        }
        heap[j] = row;
    }

    private void replaceTop(Object[] row) {
        int i = 0;
        while (true) {
            int j = 2 * i + 1;
            if (j >= count) {
                break;
            }
            if (j + 1 < count && reversed.compare(heap[j], heap[j + 1]) > 0) {
                j++;
            }
            if (reversed.compare(row, heap[j]) <= 0) {
                break;
            }
            heap[i] = heap[j];
            i = j;
        }
        heap[i] = row;
    }

    /** The kept rows in sort order (the heap emptied from its top, each top moved behind the rest). */
    List<Object[]> sorted() {
        int total = count;
        while (count > 1) {
            Object[] top = heap[0];
            count--;
            replaceTop(heap[count]);
            heap[count] = top;
        }
        count = total;
        List<Object[]> rows = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            rows.add(heap[i]);
        }
        return rows;
    }
}
