package org.woolly.executor;

import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.woolly.nodes.parse.FromItem;
import org.woolly.storage.file.TemporaryFile;

/**
 * Hash join ({@code nodeHashjoin.c} and {@code nodeHash.c}, hybrid hash join): the inner rows
 * are hashed on their keys, each outer row probes with its keys. While the inner side fits in
 * {@code hash_mem} (work_mem times hash_mem_multiplier) there is one batch; beyond it the
 * number of batches doubles ({@code ExecHashIncreaseNumBatches}) and the rows of the batches
 * not in memory go to one temporary file per batch, inner and outer alike
 * ({@code ExecHashJoinSaveTuple}); after the outer side, each batch is loaded and joined in turn
 * ({@code ExecHashJoinNewBatch}), forwarding a row written before the last doubling to the batch
 * it now belongs to. A batch is loaded whole even when it alone is bigger than hash_mem (the
 * number of batches grows only while the inner side is read), and growth stops when doubling
 * moves no row (all of a batch's rows share a hash, as {@code growEnabled}).
 *
 * <p>Join types as the nested loop: LEFT and FULL add unmatched outer rows null-extended, RIGHT
 * and FULL the unmatched inner rows after each batch; SEMI emits an outer row at its first match,
 * ANTI one without any. A null key matches nothing (its row goes to batch 0).
 */
final class HashJoinNode implements ExecNode {
    private static final int MAX_BATCHES = 1 << 20;

    private final ExecutorContext context;
    private final FromItem.JoinType type;
    private final ExecNode outer;
    private final ExecNode inner;
    private final ExpressionCompiler.CompiledPredicate qual;
    private final int outerWidth;
    private final int innerWidth;
    private final CompiledExpression[] outerKeys;
    private final CompiledExpression[] innerKeys;
    private final int[] keyTypes;
    private final boolean fillInner;
    private final SpillFormat format = new SpillFormat();
    /** Where EXPLAIN ANALYZE reads buckets, batches and memory, or null. */
    Instrumentation instrumentation;

    /** An inner row and whether an outer row matched it (RIGHT and FULL joins). */
    private static final class Entry {
        final Object[] row;
        boolean matched;

        Entry(Object[] row) {
            this.row = row;
        }
    }

    /** The current batch's inner rows by key, and those with a null key (kept for RIGHT and FULL only). */
    private Map<List<Object>, List<Entry>> table;
    private List<Entry> nullKeys;
    private long memory;
    private long peakMemory;
    private long hashMem;
    private int maxKeys;
    private boolean growEnabled;
    private int batches = 1;
    private int currentBatch;
    private final List<BatchFile> innerFiles = new ArrayList<>();
    private final List<BatchFile> outerFiles = new ArrayList<>();
    /** The current batch's spilled outer rows (null while batch 0 reads the outer plan). */
    private Supplier<Object[]> outerSource;

    private Object[] outerRow;
    private boolean outerMatched;
    private List<Entry> candidates;
    private int candidateIndex;
    private Iterator<Entry> unmatched;

    HashJoinNode(ExecutorContext context, FromItem.JoinType type, ExecNode outer, ExecNode inner,
                 ExpressionCompiler.CompiledPredicate qual, int outerWidth, int innerWidth,
                 CompiledExpression[] outerKeys, CompiledExpression[] innerKeys, int[] keyTypes) {
        this.context = context;
        this.type = type;
        this.outer = outer;
        this.inner = inner;
        this.qual = qual;
        this.outerWidth = outerWidth;
        this.innerWidth = innerWidth;
        this.outerKeys = outerKeys;
        this.innerKeys = innerKeys;
        this.keyTypes = keyTypes;
        this.fillInner = type == FromItem.JoinType.RIGHT || type == FromItem.JoinType.FULL;
    }

    /** Rows of one batch and side in a temporary file, appended until the batch is read. */
    private final class BatchFile {
        final TemporaryFile file = context.temporaryFiles().create();
        final DataOutputStream out = new DataOutputStream(file.output());
        long rows;

        void add(Object[] row) {
            format.write(out, row);
            rows++;
        }

        Supplier<Object[]> reader() {
            return format.reader(file, rows);
        }
    }

    @Override
    public void open() {
        deleteAllFiles(); // opened again (a rescan): start over
        batches = 1;
        currentBatch = 0;
        outerSource = null;
        outerRow = null;
        unmatched = null;
        memory = 0;
        outer.open();
        inner.open();
        hashMem = context.hashMemBytes();
        growEnabled = context.temporaryFiles() != null;
        table = new HashMap<>();
        nullKeys = new ArrayList<>();
        Object[] row;
        long count = 0;
        while ((row = inner.next()) != null) {
            if ((++count & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                context.checkForInterrupts();
            }
            addInner(row, key(innerKeys, row));
            if (memory > hashMem && growEnabled) {
                increaseBatches();
            }
        }
        inner.close();
        report();
    }

    /** Null when a key is null: equality never matches null. */
    private List<Object> key(CompiledExpression[] keys, Object[] row) {
        return key(keys, row, new ArrayList<>(keys.length));
    }

    /** The key values appended to {@code key}, which is returned; null when a key is null. */
    private List<Object> key(CompiledExpression[] keys, Object[] row, List<Object> key) {
        for (int i = 0; i < keys.length; i++) {
            Object value = keys[i].evaluate(row);
            if (value == null) {
                return null;
            }
            key.add(context.types().groupingKey(keyTypes[i], value));
        }
        return key;
    }

    /** The outer rows read, for the interrupt check every {@link ScanNodes#INTERRUPT_INTERVAL} of them. */
    private long outerRows;
    /** The outer row's key, one list filled again per row: a lookup does not keep its key. */
    private final List<Object> probe = new ArrayList<>();

    /** The outer row's key in {@link #probe} (valid until the next row), or null when a key is null. */
    private List<Object> probeKey(Object[] row) {
        probe.clear();
        return key(outerKeys, row, probe);
    }

    /** {@code ExecHashGetBucketAndBatch}: the low bits of a mixed hash, so a doubling splits batch b into b and b + old count. */
    private int batchOf(List<Object> key) {
        return HashSpill.mix(key.hashCode()) & (batches - 1);
    }

    private void addInner(Object[] row, List<Object> key) {
        if (key == null) {
            if (fillInner) {
                nullKeys.add(new Entry(row));
                account(row);
            }
            return;
        }
        int batch = batchOf(key);
        if (batch != currentBatch) {
            batchFile(innerFiles, batch).add(row);
            return;
        }
        List<Entry> entries = table.get(key);
        if (entries == null) {
            entries = new ArrayList<>(1);
            table.put(key, entries);
            maxKeys = Math.max(maxKeys, table.size());
        }
        entries.add(new Entry(row));
        account(row);
    }

    private void account(Object[] row) {
        memory += SpillFormat.memory(row) + 16;
        peakMemory = Math.max(peakMemory, memory);
    }

    private BatchFile batchFile(List<BatchFile> files, int batch) {
        while (files.size() <= batch) {
            files.add(null);
        }
        BatchFile file = files.get(batch);
        if (file == null) {
            file = new BatchFile();
            files.set(batch, file);
        }
        return file;
    }

    /** Doubles the batches and writes out the rows of the table that now belong to a later one. */
    private void increaseBatches() {
        if (batches >= MAX_BATCHES) {
            growEnabled = false;
            return;
        }
        batches *= 2;
        long before = memory;
        Iterator<Map.Entry<List<Object>, List<Entry>>> entries = table.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<List<Object>, List<Entry>> entry = entries.next();
            int batch = batchOf(entry.getKey());
            if (batch != currentBatch) {
                BatchFile file = batchFile(innerFiles, batch);
                for (Entry moved : entry.getValue()) {
                    file.add(moved.row);
                    memory -= SpillFormat.memory(moved.row) + 16;
                }
                entries.remove();
            }
        }
        if (memory == before) {
            growEnabled = false; // no row moved: more batches would not help this one
        }
    }

    @Override
    public Object[] next() {
        while (true) {
            if (unmatched != null) {
                while (unmatched.hasNext()) {
                    Entry entry = unmatched.next();
                    if (!entry.matched) {
                        return JoinNodes.concat(null, entry.row, outerWidth, innerWidth);
                    }
                }
                unmatched = null;
                if (!nextBatch()) {
                    return null;
                }
                continue;
            }
            if (outerRow == null) {
                outerRow = outerSource == null ? outer.next() : outerSource.get();
                if (outerRow == null) {
                    if (fillInner) {
                        List<Entry> all = new ArrayList<>(nullKeys);
                        table.values().forEach(all::addAll);
                        unmatched = all.iterator();
                        continue;
                    }
                    if (!nextBatch()) {
                        return null;
                    }
                    continue;
                }
                if ((++outerRows & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                    context.checkForInterrupts();
                }
                List<Object> key = probeKey(outerRow);
                if (key != null && batches > 1 && currentBatch == 0) {
                    int batch = batchOf(key);
                    if (batch != 0) {
                        batchFile(outerFiles, batch).add(outerRow);
                        outerRow = null;
                        continue;
                    }
                }
                candidates = key == null ? List.of() : table.getOrDefault(key, List.of());
                candidateIndex = 0;
                outerMatched = false;
            }
            Object[] result = probe();
            if (result != null) {
                return result;
            }
        }
    }

    /** Joins the outer row with its candidates; null when it has no (more) result and the next row is due. */
    private Object[] probe() {
        while (candidateIndex < candidates.size()) {
            Entry entry = candidates.get(candidateIndex++);
            Object[] joined = JoinNodes.concat(outerRow, entry.row, outerWidth, innerWidth);
            if (qual.test(joined)) {
                if (type == FromItem.JoinType.SEMI) {
                    Object[] matched = outerRow; // the first match is enough; the outer row alone
                    outerRow = null;
                    return matched;
                }
                outerMatched = true;
                if (type == FromItem.JoinType.ANTI) {
                    break; // a match drops the outer row; no need to look further
                }
                entry.matched = true;
                return joined;
            }
        }
        Object[] finished = outerRow;
        outerRow = null;
        if (!outerMatched && (type == FromItem.JoinType.LEFT || type == FromItem.JoinType.FULL)) {
            return JoinNodes.concat(finished, null, outerWidth, innerWidth);
        }
        if (!outerMatched && type == FromItem.JoinType.ANTI) {
            return finished;
        }
        return null;
    }

    /** {@code ExecHashJoinNewBatch}: loads the next batch with rows; false when none is left. */
    private boolean nextBatch() {
        deleteFiles(currentBatch);
        do {
            currentBatch++;
        } while (currentBatch < batches && fileOf(innerFiles, currentBatch) == null
                && fileOf(outerFiles, currentBatch) == null);
        if (currentBatch >= batches) {
            return false;
        }
        table = new HashMap<>();
        nullKeys = new ArrayList<>();
        memory = 0;
        BatchFile innerFile = fileOf(innerFiles, currentBatch);
        if (innerFile != null) {
            Supplier<Object[]> rows = innerFile.reader();
            Object[] row;
            while ((row = rows.get()) != null) {
                addInner(row, key(innerKeys, row));
            }
        }
        BatchFile outerFile = fileOf(outerFiles, currentBatch);
        outerSource = outerFile == null ? () -> null : outerFile.reader();
        report();
        return true;
    }

    private static BatchFile fileOf(List<BatchFile> files, int batch) {
        return batch < files.size() ? files.get(batch) : null;
    }

    private void deleteFiles(int batch) {
        for (List<BatchFile> files : List.of(innerFiles, outerFiles)) {
            BatchFile file = fileOf(files, batch);
            if (file != null) {
                file.file.close();
                files.set(batch, null);
            }
        }
    }

    private void deleteAllFiles() {
        for (int batch = 0; batch < Math.max(innerFiles.size(), outerFiles.size()); batch++) {
            deleteFiles(batch);
        }
        innerFiles.clear();
        outerFiles.clear();
    }

    /** {@code show_hash_info}: buckets, batches and the peak memory of the hash table. */
    private void report() {
        if (instrumentation == null) {
            return;
        }
        int buckets = Math.max(1024, Integer.highestOneBit(Math.max(1, maxKeys - 1)) * 2);
        String text = batches > 1
                ? "Buckets: " + buckets + " (originally " + buckets + ")  Batches: " + batches + " (originally 1)"
                : "Buckets: " + buckets + "  Batches: 1";
        long shown = peakMemory + 8L * buckets; // the bucket array counts too, as MultiExecPrivateHash adds it
        instrumentation.detail(text + "  Memory Usage: " + (shown + 1023) / 1024 + "kB");
    }

    @Override
    public void close() {
        outer.close();
        inner.close();
        deleteAllFiles();
        table = null;
        nullKeys = null;
    }
}
