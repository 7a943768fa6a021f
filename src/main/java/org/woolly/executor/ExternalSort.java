package org.woolly.executor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.woolly.storage.file.TemporaryFile;
import org.woolly.storage.file.TemporaryFileSet;

/**
 * The sort of {@code tuplesort.c} with its three ways: rows kept in memory and quicksorted while
 * they fit in {@code work_mem}; a bounded heap when a LIMIT above wants few rows
 * ({@link BoundedHeap}); else sorted runs of a memory's worth written to a temporary file and
 * merged ({@code mergeruns}), in passes of at most {@link #mergeOrder} runs until one pass can
 * feed the output. Rows equal on the keys come out of the merge in run order, so ties stay as
 * they were read within what one quicksort leaves them.
 *
 * <p>Use: {@link #put} every row, {@link #sort()}, then {@link #next()} until null;
 * {@link #close()} deletes the file (and the statement's end does, should close be missed).
 */
final class ExternalSort implements AutoCloseable {
    /** {@code MINORDER} and {@code MAXORDER} of tuplesort: the fewest and most runs merged at once. */
    private static final int MIN_ORDER = 6;
    private static final int MAX_ORDER = 500;
    /** {@code MERGE_BUFFER_SIZE} plus {@code TAPE_BUFFER_OVERHEAD}: the memory one merged run is given. */
    private static final long RUN_MEMORY = 33L * TemporaryFile.BLOCK_SIZE;

    private final ExecutorContext context;
    private final Comparator<Object[]> order;
    private final long workMem;
    private final long bound;
    private final SpillFormat format = new SpillFormat();

    private List<Object[]> memory = new ArrayList<>();
    private long memoryBytes;
    private long peakMemoryBytes;
    private BoundedHeap heap;
    /** Whether the rows went through the bounded heap. */
    private boolean bounded;
    private long seen;

    private TemporaryFile file;
    /** Runs in {@link #file}: start offset, byte length, row count. */
    private List<long[]> runs = new ArrayList<>();
    /** Bytes the first runs took on disk (what EXPLAIN reports as Disk). */
    private long spilledBytes;

    private int index;
    private PriorityQueue<Cursor> merge;

    /**
     * @param bound the rows a LIMIT above will read (0: all), for the bounded heap
     */
    ExternalSort(ExecutorContext context, Comparator<Object[]> order, long workMem, long bound) {
        this.context = context;
        this.order = order;
        this.workMem = workMem;
        this.bound = bound > 0 && bound < Integer.MAX_VALUE / 2 ? bound : 0;
    }

    /** {@code tuplesort_puttuple}. */
    void put(Object[] row) {
        if ((++seen & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
            context.checkForInterrupts();
        }
        if (heap != null) {
            heap.add(row);
            return;
        }
        memory.add(row);
        memoryBytes += SpillFormat.memory(row);
        peakMemoryBytes = Math.max(peakMemoryBytes, memoryBytes);
        // as tuplesort: a bounded heap once there are more than twice the bound, or memory runs out past it
        if (bound > 0 && file == null
                && (memory.size() > 2 * bound || memoryBytes > workMem && memory.size() > bound)) {
            heap = new BoundedHeap((int) bound, order);
            memory.forEach(heap::add);
            memory = null;
            return;
        }
        if (memoryBytes > workMem && context.temporaryFiles() != null) {
            dumpRun();
        }
    }

    /** Quicksorts what memory holds and appends it to the file as one more run ({@code dumptuples}). */
    private void dumpRun() {
        sortMemory();
        if (file == null) {
            file = context.temporaryFiles().create();
        }
        long start = file.length();
        DataOutputStream out = new DataOutputStream(file.output());
        for (Object[] row : memory) {
            format.write(out, row);
        }
        runs.add(new long[] {start, file.length() - start, memory.size()});
        spilledBytes = file.length();
        memory.clear();
        memoryBytes = 0;
    }

    private void sortMemory() {
        // n log n comparisons after the last row arrived: check every INTERRUPT_INTERVAL of them
        int[] comparisons = new int[1];
        QuickSort.sort(memory, (a, b) -> {
            if ((++comparisons[0] & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                context.checkForInterrupts();
            }
            return order.compare(a, b);
        });
    }

    /** {@code tuplesort_performsort}: after the last row. */
    void sort() {
        if (heap != null) {
            memory = heap.sorted();
            heap = null;
            bounded = true;
            index = 0;
            return;
        }
        if (file == null) {
            sortMemory();
            index = 0;
            return;
        }
        if (!memory.isEmpty()) {
            dumpRun();
        }
        memory = null;
        int mergeOrder = mergeOrder();
        while (runs.size() > mergeOrder) {
            mergePass(mergeOrder);
        }
        merge = startMerge(runs);
    }

    /** {@code tuplesort_merge_order}: how many runs work_mem can read at once. */
    private int mergeOrder() {
        return (int) Math.max(MIN_ORDER, Math.min(MAX_ORDER, workMem / RUN_MEMORY));
    }

    /** Merges groups of {@code mergeOrder} runs into a new file, one longer run per group; the old file goes. */
    private void mergePass(int mergeOrder) {
        TemporaryFile next = context.temporaryFiles().create();
        List<long[]> merged = new ArrayList<>();
        DataOutputStream out = new DataOutputStream(next.output());
        for (int first = 0; first < runs.size(); first += mergeOrder) {
            List<long[]> group = runs.subList(first, Math.min(runs.size(), first + mergeOrder));
            long start = next.length();
            long count = 0;
            PriorityQueue<Cursor> queue = startMerge(group);
            Object[] row;
            while ((row = take(queue)) != null) {
                format.write(out, row);
                count++;
            }
            merged.add(new long[] {start, next.length() - start, count});
        }
        file.close();
        file = next;
        runs = merged;
    }

    /** One run being read: its reader, rows left, and its current row. */
    private final class Cursor {
        final DataInputStream in;
        final int run;
        long left;
        Object[] row;

        Cursor(long[] extent, int run, int bufferSize) {
            this.in = new DataInputStream(file.input(extent[0], extent[1], bufferSize));
            this.run = run;
            this.left = extent[2];
        }

        boolean advance() {
            if (left == 0) {
                row = null;
                return false;
            }
            left--;
            row = format.read(in);
            return true;
        }
    }

    private PriorityQueue<Cursor> startMerge(List<long[]> group) {
        int bufferSize = (int) Math.max(TemporaryFile.BLOCK_SIZE,
                Math.min(32L * TemporaryFile.BLOCK_SIZE, workMem / Math.max(1, group.size())));
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Math.max(1, group.size()), (a, b) -> {
            int compared = order.compare(a.row, b.row);
            return compared != 0 ? compared : Integer.compare(a.run, b.run);
        });
        for (int i = 0; i < group.size(); i++) {
            Cursor cursor = new Cursor(group.get(i), i, bufferSize);
            if (cursor.advance()) {
                queue.add(cursor);
            }
        }
        return queue;
    }

    /** The least row of the merge, or null when every run is read. */
    private Object[] take(PriorityQueue<Cursor> queue) {
        Cursor least = queue.poll();
        if (least == null) {
            return null;
        }
        Object[] row = least.row;
        if (least.advance()) {
            queue.add(least);
        }
        if ((++seen & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
            context.checkForInterrupts();
        }
        return row;
    }

    /** {@code tuplesort_gettupleslot}: the next row in order, or null. */
    Object[] next() {
        if (merge != null) {
            return take(merge);
        }
        return memory != null && index < memory.size() ? memory.get(index++) : null;
    }

    /**
     * What EXPLAIN ANALYZE shows ({@code tuplesort_get_stats}): the method, and the memory held
     * or the disk the runs took, in kB.
     */
    String report() {
        if (file != null || spilledBytes > 0) {
            long blocks = (spilledBytes + TemporaryFile.BLOCK_SIZE - 1) / TemporaryFile.BLOCK_SIZE;
            return "Sort Method: external merge  Disk: " + blocks * TemporaryFile.BLOCK_SIZE / 1024 + "kB";
        }
        long bytes = (bounded && memory != null ? memoryOf(memory) : peakMemoryBytes)
                + slotArrayBytes(memory == null ? 0 : memory.size());
        return "Sort Method: " + (bounded ? "top-N heapsort" : "quicksort") + "  Memory: " + (bytes + 1023) / 1024 + "kB";
    }

    /**
     * PostgreSQL counts the array of sort slots in a sort's memory: 1,024 slots of 24 bytes at
     * first ({@code INITIAL_MEMTUPSIZE}), doubled as rows arrive, so that even a sort of a few
     * rows reports 25kB.
     */
    private static long slotArrayBytes(int rows) {
        long slots = 1024;
        while (slots < rows) {
            slots *= 2;
        }
        return slots * 24;
    }

    private static long memoryOf(List<Object[]> rows) {
        long bytes = 0;
        for (Object[] row : rows) {
            bytes += SpillFormat.memory(row);
        }
        return bytes;
    }

    @Override
    public void close() {
        memory = null;
        merge = null;
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
