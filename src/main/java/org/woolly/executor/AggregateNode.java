package org.woolly.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.GroupingSets;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.SortKey;
import org.woolly.nodes.query.WindowClause;
import org.woolly.storage.file.TemporaryFile;

/**
 * Aggregation ({@code nodeAgg.c}): hashed by the GROUP BY values, or one group for all rows
 * (which yields a row even for empty input). Emits group values then aggregate results;
 * HAVING filters the emitted rows. Groups come out in first-seen order.
 *
 * <p>With grouping sets ({@code MixedAggregate}/{@code HashAggregate} with several hash tables
 * in {@code nodeAgg.c}) every input row goes into one group per set; the empty set's groups
 * come out first (one even for empty input), then each other set's groups; GROUPING() values
 * follow the aggregate results.
 */
final class AggregateNode implements ExecNode {
    private final ExecutorContext context;
    private final ExecNode input;
    private final CompiledExpression[] groupExprs;
    private final int[] groupTypes;
    private final List<QueryExpr.Aggregate> aggregates;
    private final CompiledExpression[][] aggregateArgs;
    private final ExpressionCompiler.CompiledPredicate[] filters;
    private final ExpressionCompiler.CompiledPredicate having;
    private final GroupingSets groupingSets;
    private Iterator<Group> groups;
    /** Per aggregate: its ORDER BY expressions and the order of their values (null without ORDER BY). */
    private final CompiledExpression[][] orderKeys;
    private final List<Comparator<Object[]>> orders;
    /** Per aggregate: the array its argument values are evaluated into, row after row (without ORDER BY). */
    private final Object[][] argumentScratch;
    /** The current row's GROUP BY values in {@link #fill}; copied only when they start a group. */
    private final Object[] groupScratch;

    private static final class Group {
        final Object[] groupValues;
        final AggregateAccumulator[] accumulators;
        /** The grouping set the group belongs to (0 without grouping sets). */
        int set;

        Group(Object[] groupValues, AggregateAccumulator[] accumulators) {
            this.groupValues = groupValues;
            this.accumulators = accumulators;
        }
    }

    /** Whether the node is a Partial or Finalize Aggregate of a parallel plan, or runs whole. */
    private final Plan.AggregateSplit split;

    AggregateNode(ExecutorContext context, ExpressionCompiler compiler, ExecNode input,
                  List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates, QueryExpr having,
                  GroupingSets groupingSets, boolean hashed) {
        this(context, compiler, input, groupBy, aggregates, having, groupingSets, hashed, Plan.AggregateSplit.SIMPLE);
    }

    /**
     * With {@code split} PARTIAL the rows are the group values then the transition states; with
     * FINALIZE the input rows are such partial rows (the group values first, in GROUP BY order),
     * whose states are combined per group before the final functions run.
     */
    AggregateNode(ExecutorContext context, ExpressionCompiler compiler, ExecNode input,
                  List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates, QueryExpr having,
                  GroupingSets groupingSets, boolean hashed, Plan.AggregateSplit split) {
        this.context = context;
        this.split = split;
        this.hashed = hashed;
        this.groupingSets = groupingSets;
        this.input = input;
        this.groupExprs = split == Plan.AggregateSplit.FINALIZE ? partialColumns(groupBy) : compiler.all(groupBy);
        this.groupTypes = groupBy.stream().mapToInt(QueryExpr::type).toArray();
        this.aggregates = aggregates;
        this.aggregateArgs = new CompiledExpression[aggregates.size()][];
        this.filters = new ExpressionCompiler.CompiledPredicate[aggregates.size()];
        this.orderKeys = new CompiledExpression[aggregates.size()][];
        this.orders = new ArrayList<>();
        this.argumentScratch = new Object[aggregates.size()][];
        this.groupScratch = new Object[groupBy.size()];
        for (int i = 0; i < aggregates.size(); i++) {
            aggregateArgs[i] = compiler.all(aggregates.get(i).args());
            filters[i] = compiler.predicate(aggregates.get(i).filter());
            List<WindowClause.Order> order = aggregates.get(i).orderBy();
            orderKeys[i] = compiler.all(order.stream().map(WindowClause.Order::expr).toList());
            Comparator<Object[]> combined = null;
            for (int k = 0; k < order.size(); k++) {
                WindowClause.Order item = order.get(k);
                Comparator<Object[]> one = SortNode.keyComparator(new SortKey(k, item.descending(), item.nullsFirst(),
                        item.comparator()), k);
                combined = combined == null ? one : combined.thenComparing(one);
            }
            orders.add(combined);
            argumentScratch[i] = new Object[aggregateArgs[i].length];
        }
        this.having = compiler.predicate(having);
    }

    /** The group values of a partial row: its first columns. */
    private static CompiledExpression[] partialColumns(List<QueryExpr> groupBy) {
        CompiledExpression[] columns = new CompiledExpression[groupBy.size()];
        for (int i = 0; i < columns.length; i++) {
            int position = i;
            columns[i] = row -> row[position];
        }
        return columns;
    }

    @Override
    public void open() {
        input.open();
        // partial states live only in memory: a Finalize Aggregate does not spill
        if (hashed && groupingSets == null && groupExprs.length > 0 && split != Plan.AggregateSplit.FINALIZE
                && context.temporaryFiles() != null) {
            hashMem = context.hashMemBytes();
            batchesUsed = 1;
            fill(input::next, 0);
            input.close();
            return;
        }
        List<List<Integer>> sets = groupingSets != null ? groupingSets.sets()
                : List.of(java.util.stream.IntStream.range(0, groupExprs.length).boxed().toList());
        List<Map<Object, Group>> tables = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            tables.add(new LinkedHashMap<>());
        }
        Object[] row;
        int count = 0;
        while ((row = input.next()) != null) {
            if (++count % ScanNodes.INTERRUPT_INTERVAL == 0) {
                context.checkForInterrupts();
            }
            if (groupExprs.length == 0 && sets.size() == 1) {
                advance(singleSetGroup(tables.getFirst(), NO_GROUP_KEY, NO_VALUES), row);
                continue;
            }
            Object[] values = new Object[groupExprs.length];
            for (int i = 0; i < groupExprs.length; i++) {
                values[i] = groupExprs[i].evaluate(row);
            }
            if (groupExprs.length == 1 && sets.size() == 1) {
                // one grouping column: its value is the key, without a one-element list per row
                Object key = values[0] == null ? NO_GROUP_KEY : context.types().groupingKey(groupTypes[0], values[0]);
                advance(singleSetGroup(tables.getFirst(), key, values), row);
                continue;
            }
            for (int s = 0; s < sets.size(); s++) {
                // one set holds every GROUP BY column; with several, each row copies its set's values
                Object[] groupValues = sets.size() == 1 ? values : new Object[groupExprs.length];
                if (groupValues != values) {
                    for (int position : sets.get(s)) {
                        groupValues[position] = values[position];
                    }
                }
                List<Object> key = RowNodes.key(context, groupValues, groupValues.length, groupTypes);
                int set = s;
                Group group = tables.get(s).computeIfAbsent(key, ignored -> newGroup(groupValues, set));
                advance(group, row);
            }
        }
        input.close();
        List<Group> ordered = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            if (sets.get(s).isEmpty()) {
                if (tables.get(s).isEmpty()) {
                    ordered.add(newGroup(new Object[groupExprs.length], s));
                } else {
                    ordered.addAll(tables.get(s).values());
                }
            }
        }
        for (int s = 0; s < sets.size(); s++) {
            if (!sets.get(s).isEmpty()) {
                ordered.addAll(tables.get(s).values());
            }
        }
        groups = ordered.iterator();
        if (split == Plan.AggregateSplit.FINALIZE && hashed) {
            // the table of combined states, sized as fill() sizes its entries
            for (Group group : ordered) {
                peakMemory += 64 + SpillFormat.memory(group.groupValues) + 48L * aggregates.size();
            }
            report();
        }
    }

    /** The key of the one group without GROUP BY, and of the null group of a single grouping column. */
    private static final Object NO_GROUP_KEY = new Object();
    private static final Object[] NO_VALUES = new Object[0];

    /** The group of {@code key} in the one set's table, made on first sight (no lambda allocated per row). */
    private Group singleSetGroup(Map<Object, Group> table, Object key, Object[] groupValues) {
        Group group = table.get(key);
        if (group == null) {
            group = newGroup(groupValues, 0);
            table.put(key, group);
        }
        return group;
    }

    private Group newGroup(Object[] groupValues, int set) {
        Group group = newGroup(groupValues);
        group.set = set;
        return group;
    }

    private Group newGroup(Object[] groupValues) {
        AggregateAccumulator[] accumulators = new AggregateAccumulator[aggregates.size()];
        for (int i = 0; i < accumulators.length; i++) {
            QueryExpr.Aggregate call = aggregates.get(i);
            accumulators[i] = new AggregateAccumulator(context, call.aggregate(),
                    call.args().stream().mapToInt(QueryExpr::type).toArray(), call.distinct(), orders.get(i));
        }
        return new Group(groupValues, accumulators);
    }

    private void advance(Group group, Object[] row) {
        if (split == Plan.AggregateSplit.FINALIZE) {
            for (int i = 0; i < aggregateArgs.length; i++) {
                group.accumulators[i].combine(row[groupExprs.length + i]);
            }
            return;
        }
        for (int i = 0; i < aggregateArgs.length; i++) {
            if (!filters[i].test(row)) {
                continue;
            }
            int argumentCount = aggregateArgs[i].length;
            // without ORDER BY a transition takes the values, never the array: one array per aggregate serves every row
            Object[] args = argumentCount == 0 ? NO_VALUES
                    : orderKeys[i].length == 0 ? argumentScratch[i] : new Object[argumentCount];
            for (int j = 0; j < argumentCount; j++) {
                args[j] = aggregateArgs[i][j].evaluate(row);
            }
            Object[] keys = orderKeys[i].length == 0 ? NO_VALUES : new Object[orderKeys[i].length];
            for (int j = 0; j < keys.length; j++) {
                keys[j] = orderKeys[i][j].evaluate(row);
            }
            group.accumulators[i].add(args, keys);
        }
    }

    @Override
    public Object[] next() {
        while (true) {
            Object[] row = nextInMemory();
            if (row != null || pending.isEmpty()) {
                return row;
            }
            try (HashSpill.Batch batch = pending.poll()) {
                batchesUsed++;
                fill(batch.reader(spillFormat), batch.depth);
            }
        }
    }

    /** The next group of the table in memory that passes HAVING, or null. */
    private Object[] nextInMemory() {
        while (groups.hasNext()) {
            Group group = groups.next();
            int calls = groupingSets == null ? 0 : groupingSets.groupingCalls().size();
            Object[] row = new Object[group.groupValues.length + aggregates.size() + calls];
            System.arraycopy(group.groupValues, 0, row, 0, group.groupValues.length);
            for (int i = 0; i < aggregates.size(); i++) {
                row[group.groupValues.length + i] = split == Plan.AggregateSplit.PARTIAL
                        ? group.accumulators[i].state() : group.accumulators[i].result();
            }
            for (int i = 0; i < calls; i++) {
                row[group.groupValues.length + aggregates.size() + i] = groupingSets.groupingValue(group.set, i);
            }
            if (having.test(row)) {
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        input.close();
        groups = null;
        HashSpill.Batch batch;
        while ((batch = pending.poll()) != null) {
            batch.close();
        }
    }

    // Spilling hash aggregation (PostgreSQL 13's hash_agg_enter_spill_mode and agg_refill_hash_table)

    /** Whether the plan is a HashAggregate (a sorted aggregate's output order must stay its input's). */
    private final boolean hashed;
    /** hash_mem: work_mem times hash_mem_multiplier. */
    private long hashMem;
    private final SpillFormat spillFormat = new SpillFormat();
    /** Spilled partitions not yet aggregated. */
    private final java.util.ArrayDeque<HashSpill.Batch> pending = new java.util.ArrayDeque<>();
    private int batchesUsed = 1;
    private long peakMemory;
    private long diskBytes;
    /** Where EXPLAIN ANALYZE reads the batches, memory and disk, or null. */
    Instrumentation instrumentation;

    /**
     * Aggregates the rows of {@code source} into a new table while it fits in hash_mem; once it
     * does not, rows of groups not in the table go to partitions for later batches. A group in
     * memory keeps taking its rows, so each batch finishes at least one group.
     */
    private void fill(java.util.function.Supplier<Object[]> source, int depth) {
        Map<Object, Group> table = new LinkedHashMap<>();
        long memory = 0;
        HashSpill spill = null;
        Object[] row;
        int count = 0;
        while ((row = source.get()) != null) {
            if (++count % ScanNodes.INTERRUPT_INTERVAL == 0) {
                context.checkForInterrupts();
            }
            Object[] values = groupScratch;
            for (int i = 0; i < groupExprs.length; i++) {
                values[i] = groupExprs[i].evaluate(row);
            }
            Object key = groupExprs.length == 1
                    ? values[0] == null ? NO_GROUP_KEY : context.types().groupingKey(groupTypes[0], values[0])
                    : RowNodes.key(context, values, values.length, groupTypes);
            Group group = table.get(key);
            if (group == null) {
                if (spill == null && memory <= hashMem) {
                    values = values.clone();
                    group = newGroup(values, 0);
                    table.put(key, group);
                    // the entry, its key values and one state per aggregate (hash_agg_entry_size)
                    memory += 64 + SpillFormat.memory(values) + 48L * aggregates.size();
                    peakMemory = Math.max(peakMemory, memory);
                } else {
                    if (spill == null) {
                        spill = new HashSpill(context, spillFormat, depth, hashMem);
                    }
                    spill.add(key.hashCode(), row);
                    continue;
                }
            }
            advance(group, row);
        }
        groups = table.values().iterator();
        if (spill != null) {
            for (HashSpill.Batch batch : spill.batches()) {
                diskBytes += batch.bytes();
                pending.add(batch);
            }
        }
        report();
    }

    /** {@code show_hashagg_info}: batches, peak memory and, when it spilled, the disk used. */
    private void report() {
        if (instrumentation == null) {
            return;
        }
        String text = "Batches: " + batchesUsed + "  Memory Usage: " + (peakMemory + 1023) / 1024 + "kB";
        if (batchesUsed > 1 || diskBytes > 0) {
            long blocks = (diskBytes + TemporaryFile.BLOCK_SIZE - 1) / TemporaryFile.BLOCK_SIZE;
            text += "  Disk Usage: " + blocks * TemporaryFile.BLOCK_SIZE / 1024 + "kB";
        }
        instrumentation.detail(text);
    }
}
