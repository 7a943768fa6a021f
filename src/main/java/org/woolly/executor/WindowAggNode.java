package org.woolly.executor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.AggregateHandle;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.WindowClause;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Window functions over one window ({@code nodeWindowAgg.c} with {@code windowfuncs.c}). The
 * input arrives sorted by the partitioning then the ordering keys; the node reads one partition
 * at a time into memory, finds each row's peers (rows equal on the ordering keys) and frame
 * (ROWS, RANGE or GROUPS between the two bounds, less the EXCLUDE rows), and appends one value
 * per call to each row. An aggregate whose frame starts at the partition's first row and
 * excludes nothing keeps one running state while the frame end advances (PostgreSQL's rule for
 * such frames); other frames aggregate their rows afresh.
 */
final class WindowAggNode extends RowNodes.Unary {
    private final ExecutorContext context;
    private final WindowClause window;
    private final List<QueryExpr.WindowFunc> calls;
    private final CompiledExpression[] partitionKeys;
    private final List<Comparator<Object>> partitionComparators;
    private final CompiledExpression[] orderKeys;
    private final List<Comparator<Object>> orderComparators;
    private final CompiledExpression[][] arguments;
    private final ExpressionCompiler.CompiledPredicate[] filters;
    private final CompiledExpression startOffset;
    private final CompiledExpression endOffset;
    private final BoundValues startRange;
    private final BoundValues endRange;

    private Object[] pending;
    private boolean offsetsChecked;
    private Object startOffsetValue;
    private Object endOffsetValue;
    private List<Object[]> partition = new ArrayList<>();
    private int emitted;
    private boolean inputDone;

    /** The RANGE offset machinery of one bound: the key as the bound's type, key minus and plus offset. */
    private record BoundValues(CompiledExpression key, CompiledExpression minus, CompiledExpression plus,
                               Comparator<Object> comparator) {}

    WindowAggNode(ExecNode input, ExecutorContext context, ExpressionCompiler compiler, WindowClause window,
                  List<QueryExpr.WindowFunc> calls) {
        super(input);
        this.context = context;
        this.window = window;
        this.calls = calls;
        this.partitionKeys = compiler.all(window.partitionBy());
        this.partitionComparators = new ArrayList<>();
        for (QueryExpr key : window.partitionBy()) {
            partitionComparators.add(context.types().comparator(key.type()));
        }
        this.orderKeys = new CompiledExpression[window.orderBy().size()];
        this.orderComparators = new ArrayList<>();
        for (int i = 0; i < orderKeys.length; i++) {
            WindowClause.Order order = window.orderBy().get(i);
            orderKeys[i] = compiler.compile(order.expr());
            orderComparators.add(order.comparator());
        }
        this.arguments = new CompiledExpression[calls.size()][];
        this.filters = new ExpressionCompiler.CompiledPredicate[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            arguments[i] = compiler.all(calls.get(i).args());
            filters[i] = compiler.predicate(calls.get(i).filter());
        }
        WindowClause.Frame frame = window.frame();
        this.startOffset = frame.start().offset() == null ? null : compiler.compile(frame.start().offset());
        this.endOffset = frame.end().offset() == null ? null : compiler.compile(frame.end().offset());
        this.startRange = rangeValues(compiler, frame.mode(), frame.start());
        this.endRange = rangeValues(compiler, frame.mode(), frame.end());
    }

    private static BoundValues rangeValues(ExpressionCompiler compiler, Expr.FrameMode mode, WindowClause.Bound bound) {
        if (mode != Expr.FrameMode.RANGE || bound.offset() == null) {
            return null;
        }
        return new BoundValues(compiler.compile(bound.key()), compiler.compile(bound.minus()),
                compiler.compile(bound.plus()), bound.comparator());
    }

    @Override
    public void open() {
        super.open();
        pending = null;
        partition = new ArrayList<>();
        emitted = 0;
        inputDone = false;
        offsetsChecked = false;
    }

    @Override
    public Object[] next() {
        if (emitted >= partition.size()) {
            if (!readPartition()) {
                return null;
            }
        }
        return partition.get(emitted++);
    }

    /** Reads the next partition and computes its window values; false at the end of input. */
    private boolean readPartition() {
        partition = new ArrayList<>();
        emitted = 0;
        if (inputDone) {
            return false;
        }
        Object[] first = pending != null ? pending : input.next();
        pending = null;
        if (first == null) {
            inputDone = true;
            return false;
        }
        partition.add(first);
        Object[] firstKeys = evaluate(partitionKeys, first);
        Object[] row;
        while ((row = input.next()) != null) {
            if ((partition.size() & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                context.checkForInterrupts();
            }
            if (compare(firstKeys, evaluate(partitionKeys, row), partitionComparators) != 0) {
                pending = row;
                break;
            }
            partition.add(row);
        }
        if (row == null) {
            inputDone = true;
        }
        if (!offsetsChecked) {
            startOffsetValue = offset(startOffset, first, true);
            endOffsetValue = offset(endOffset, first, false);
            offsetsChecked = true;
        }
        computePartition();
        return true;
    }

    private static Object[] evaluate(CompiledExpression[] keys, Object[] row) {
        Object[] values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = keys[i].evaluate(row);
        }
        return values;
    }

    /** Compares key values with nulls equal to each other (peers and partitions group nulls together). */
    private int compare(Object[] left, Object[] right, List<Comparator<Object>> comparators) {
        for (int i = 0; i < comparators.size(); i++) {
            Object a = left[i];
            Object b = right[i];
            if (a == null || b == null) {
                if (a != b) {
                    return 1;
                }
                continue;
            }
            int result = comparators.get(i).compare(a, b);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** A frame offset: 22004 when null, 22013 when negative (ROWS and GROUPS; RANGE checks in in_range terms). */
    private Object offset(CompiledExpression expr, Object[] row, boolean start) {
        if (expr == null) {
            return null;
        }
        Object value = expr.evaluate(row);
        String which = start ? "starting" : "ending";
        if (value == null) {
            throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "frame %s offset must not be null", which);
        }
        if (window.frame().mode() == Expr.FrameMode.RANGE) {
            if (negative(value)) {
                throw SqlException.of(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE,
                        "invalid preceding or following size in window function");
            }
        } else if ((Long) value < 0) {
            throw SqlException.of(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE, "frame %s offset must not be negative",
                    which);
        }
        return value;
    }

    private static boolean negative(Object value) {
        return switch (value) {
            case BigDecimal decimal -> decimal.signum() < 0;
            case Double number -> number < 0;
            case Number number -> number.longValue() < 0;
            default -> value.toString().startsWith("-");
        };
    }

    private void computePartition() {
        int size = partition.size();
        int[] peerStart = new int[size];
        int[] peerEnd = new int[size];
        int[] group = new int[size];
        List<Integer> groupStarts = new ArrayList<>();
        Object[][] orderValues = new Object[size][];
        for (int i = 0; i < size; i++) {
            orderValues[i] = evaluate(orderKeys, partition.get(i));
        }
        for (int i = 0; i < size; i++) {
            if (i == 0 || compare(orderValues[i - 1], orderValues[i], orderComparators) != 0) {
                groupStarts.add(i);
            }
            group[i] = groupStarts.size() - 1;
            peerStart[i] = groupStarts.getLast();
        }
        for (int i = size - 1; i >= 0; i--) {
            peerEnd[i] = i == size - 1 || group[i + 1] != group[i] ? i + 1 : peerEnd[i + 1];
        }
        Peers peers = new Peers(peerStart, peerEnd, group, groupStarts);
        Object[][] values = new Object[size][calls.size()];
        for (int c = 0; c < calls.size(); c++) {
            QueryExpr.WindowFunc call = calls.get(c);
            if (call.aggregate() != null) {
                aggregate(c, peers, values);
            } else {
                windowFunction(c, peers, values);
            }
        }
        for (int i = 0; i < size; i++) {
            Object[] row = partition.get(i);
            Object[] extended = java.util.Arrays.copyOf(row, row.length + calls.size());
            System.arraycopy(values[i], 0, extended, row.length, calls.size());
            partition.set(i, extended);
        }
    }

    /** Each row's peer group: [start, end) and the group's number; the first row of each group. */
    private record Peers(int[] start, int[] end, int[] group, List<Integer> groupStarts) {
        int groupEnd(int number) {
            return number + 1 < groupStarts.size() ? groupStarts.get(number + 1) : start.length;
        }
    }

    private void windowFunction(int c, Peers peers, Object[][] values) {
        QueryExpr.WindowFunc call = calls.get(c);
        int size = partition.size();
        CompiledExpression[] args = arguments[c];
        switch (call.name()) {
            case "row_number" -> {
                for (int i = 0; i < size; i++) {
                    values[i][c] = (long) (i + 1);
                }
            }
            case "rank" -> {
                for (int i = 0; i < size; i++) {
                    values[i][c] = (long) (peers.start()[i] + 1);
                }
            }
            case "dense_rank" -> {
                for (int i = 0; i < size; i++) {
                    values[i][c] = (long) (peers.group()[i] + 1);
                }
            }
            case "percent_rank" -> {
                for (int i = 0; i < size; i++) {
                    values[i][c] = size <= 1 ? 0.0 : (double) peers.start()[i] / (size - 1);
                }
            }
            case "cume_dist" -> {
                for (int i = 0; i < size; i++) {
                    values[i][c] = (double) peers.end()[i] / size;
                }
            }
            case "ntile" -> ntile(c, args[0], values);
            case "lag", "lead" -> {
                int direction = call.name().equals("lag") ? -1 : 1;
                for (int i = 0; i < size; i++) {
                    Object[] row = partition.get(i);
                    Object offset = args.length > 1 ? args[1].evaluate(row) : (Object) 1;
                    if (offset == null) {
                        values[i][c] = null;
                        continue;
                    }
                    long target = i + direction * (long) (Integer) offset;
                    values[i][c] = target >= 0 && target < size ? args[0].evaluate(partition.get((int) target))
                            : args.length > 2 ? args[2].evaluate(row) : null;
                }
            }
            default -> frameValue(c, peers, values);
        }
    }

    private void ntile(int c, CompiledExpression bucketsExpr, Object[][] values) {
        int size = partition.size();
        Object bucketsValue = bucketsExpr.evaluate(partition.getFirst());
        if (bucketsValue == null) {
            for (int i = 0; i < size; i++) {
                values[i][c] = null;
            }
            return;
        }
        int buckets = (Integer) bucketsValue;
        if (buckets <= 0) {
            throw SqlException.of(SqlState.INVALID_ARGUMENT_FOR_NTILE, "argument of ntile must be greater than zero");
        }
        int perBucket = size / buckets;
        int larger = size % buckets;
        int bucket = 1;
        int inBucket = 0;
        for (int i = 0; i < size; i++) {
            int capacity = perBucket + (bucket <= larger ? 1 : 0);
            if (inBucket >= capacity) {
                bucket++;
                inBucket = 0;
            }
            inBucket++;
            values[i][c] = bucket;
        }
    }

    /** first_value, last_value, nth_value: a row of the frame. */
    private void frameValue(int c, Peers peers, Object[][] values) {
        QueryExpr.WindowFunc call = calls.get(c);
        CompiledExpression[] args = arguments[c];
        for (int i = 0; i < partition.size(); i++) {
            List<Integer> rows = frameRows(i, peers);
            Integer chosen;
            if (call.name().equals("first_value")) {
                chosen = rows.isEmpty() ? null : rows.getFirst();
            } else if (call.name().equals("last_value")) {
                chosen = rows.isEmpty() ? null : rows.getLast();
            } else {
                Object nth = args[1].evaluate(partition.get(i));
                if (nth == null) {
                    values[i][c] = null;
                    continue;
                }
                int n = (Integer) nth;
                if (n <= 0) {
                    throw SqlException.of(SqlState.INVALID_ARGUMENT_FOR_NTH_VALUE,
                            "argument of nth_value must be greater than zero");
                }
                chosen = n <= rows.size() ? rows.get(n - 1) : null;
            }
            values[i][c] = chosen == null ? null : args[0].evaluate(partition.get(chosen));
        }
    }

    private void aggregate(int c, Peers peers, Object[][] values) {
        QueryExpr.WindowFunc call = calls.get(c);
        int[] types = call.args().stream().mapToInt(QueryExpr::type).toArray();
        AggregateAccumulator accumulator = new AggregateAccumulator(context, call.aggregate(), types, false);
        WindowClause.Frame frame = window.frame();
        boolean running = frame.start().kind() == Expr.FrameBound.BoundKind.UNBOUNDED_PRECEDING
                && frame.exclusion() == Expr.FrameExclusion.NO_OTHERS;
        if (!running && call.aggregate().moving() != null && frame.exclusion() == Expr.FrameExclusion.NO_OTHERS
                && !volatileInputs(call)) {
            movingAggregate(c, peers, values, call.aggregate().moving());
            return;
        }
        int fed = 0;
        for (int i = 0; i < partition.size(); i++) {
            if (running) {
                int end = frameEnd(i, peers);
                if (end < fed) {
                    accumulator.reset();
                    fed = 0;
                }
                for (; fed < end; fed++) {
                    feed(c, accumulator, fed);
                }
            } else {
                accumulator.reset();
                for (int row : frameRows(i, peers)) {
                    feed(c, accumulator, row);
                }
            }
            values[i][c] = accumulator.result();
        }
    }

    /**
     * Arguments or a FILTER calling a volatile function: a row's values may differ the next time
     * they are computed, so they are never removed through the inverse transition (PostgreSQL's
     * {@code use_mtransfn} is false then, and the frame is aggregated again for each row).
     */
    private static boolean volatileInputs(QueryExpr.WindowFunc call) {
        java.util.function.Predicate<QueryExpr> isVolatile = node -> node instanceof QueryExpr.FuncCall function
                && function.function().isVolatile();
        return call.args().stream().anyMatch(arg -> ExpressionWalker.contains(arg, isVolatile))
                || call.filter() != null && ExpressionWalker.contains(call.filter(), isVolatile);
    }

    /**
     * A frame whose start moves, with the aggregate's inverse transition ({@code eval_windowaggregates}):
     * the rows that left the frame since the last row are removed, the rows that entered it added;
     * when a removal fails or the frame moves back, the frame is aggregated again from its start.
     */
    private void movingAggregate(int c, Peers peers, Object[][] values, AggregateHandle.Moving moving) {
        MovingAggregate state = new MovingAggregate(context, moving);
        int base = 0;
        int upto = 0;
        for (int i = 0; i < partition.size(); i++) {
            int start = frameStart(i, peers);
            int end = Math.max(start, frameEnd(i, peers));
            boolean restart = start < base || end < upto;
            for (; !restart && base < start && base < upto; base++) {
                Object[] row = partition.get(base);
                restart = filters[c].test(row) && !state.remove(evaluate(arguments[c], row));
            }
            if (restart || base < start) {
                state.reset();
                base = start;
                upto = start;
            }
            for (; upto < end; upto++) {
                Object[] row = partition.get(upto);
                if (filters[c].test(row)) {
                    state.add(evaluate(arguments[c], row));
                }
            }
            values[i][c] = state.result();
        }
    }

    private void feed(int c, AggregateAccumulator accumulator, int index) {
        Object[] row = partition.get(index);
        if (!filters[c].test(row)) {
            return;
        }
        accumulator.add(evaluate(arguments[c], row));
    }

    /** The frame of row {@code i} as partition indexes in order, EXCLUDE applied. */
    private List<Integer> frameRows(int i, Peers peers) {
        int start = frameStart(i, peers);
        int end = frameEnd(i, peers);
        List<Integer> rows = new ArrayList<>(Math.max(0, end - start));
        Expr.FrameExclusion exclusion = window.frame().exclusion();
        for (int row = start; row < end; row++) {
            boolean peer = peers.group()[row] == peers.group()[i];
            boolean excluded = switch (exclusion) {
                case NO_OTHERS -> false;
                case CURRENT_ROW -> row == i;
                case GROUP -> peer;
                case TIES -> peer && row != i;
            };
            if (!excluded) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The first partition index of row {@code i}'s frame. */
    private int frameStart(int i, Peers peers) {
        WindowClause.Bound bound = window.frame().start();
        int size = partition.size();
        return switch (window.frame().mode()) {
            case ROWS -> switch (bound.kind()) {
                case UNBOUNDED_PRECEDING -> 0;
                case OFFSET_PRECEDING -> (int) Math.max(0, i - (Long) startOffsetValue);
                case CURRENT_ROW -> i;
                case OFFSET_FOLLOWING -> (int) Math.min(size, i + (Long) startOffsetValue);
                case UNBOUNDED_FOLLOWING -> size;
            };
            case GROUPS -> switch (bound.kind()) {
                case UNBOUNDED_PRECEDING -> 0;
                case OFFSET_PRECEDING -> peers.groupStarts().get(
                        (int) Math.max(0, peers.group()[i] - (Long) startOffsetValue));
                case CURRENT_ROW -> peers.start()[i];
                case OFFSET_FOLLOWING -> {
                    long target = peers.group()[i] + (Long) startOffsetValue;
                    yield target >= peers.groupStarts().size() ? size : peers.groupStarts().get((int) target);
                }
                case UNBOUNDED_FOLLOWING -> size;
            };
            case RANGE -> switch (bound.kind()) {
                case UNBOUNDED_PRECEDING -> 0;
                case CURRENT_ROW -> peers.start()[i];
                case UNBOUNDED_FOLLOWING -> size;
                case OFFSET_PRECEDING, OFFSET_FOLLOWING -> rangeStart(i, peers, bound.kind());
            };
        };
    }

    /** One past the last partition index of row {@code i}'s frame. */
    private int frameEnd(int i, Peers peers) {
        WindowClause.Bound bound = window.frame().end();
        int size = partition.size();
        return switch (window.frame().mode()) {
            case ROWS -> switch (bound.kind()) {
                case UNBOUNDED_PRECEDING -> 0;
                case OFFSET_PRECEDING -> (int) Math.max(0, i - (Long) endOffsetValue + 1);
                case CURRENT_ROW -> i + 1;
                case OFFSET_FOLLOWING -> (int) Math.min(size, i + (Long) endOffsetValue + 1);
                case UNBOUNDED_FOLLOWING -> size;
            };
            case GROUPS -> switch (bound.kind()) {
                case UNBOUNDED_PRECEDING -> 0;
                case OFFSET_PRECEDING -> {
                    long target = peers.group()[i] - (Long) endOffsetValue;
                    yield target < 0 ? 0 : peers.groupEnd((int) target);
                }
                case CURRENT_ROW -> peers.end()[i];
                case OFFSET_FOLLOWING -> peers.groupEnd((int) Math.min(peers.groupStarts().size() - 1,
                        peers.group()[i] + (Long) endOffsetValue));
                case UNBOUNDED_FOLLOWING -> size;
            };
            case RANGE -> switch (bound.kind()) {
                case UNBOUNDED_PRECEDING -> 0;
                case CURRENT_ROW -> peers.end()[i];
                case UNBOUNDED_FOLLOWING -> size;
                case OFFSET_PRECEDING, OFFSET_FOLLOWING -> rangeEnd(i, peers, bound.kind());
            };
        };
    }

    /**
     * RANGE offset start: the first row whose key is not before the current key moved by the
     * offset toward the partition's start (PRECEDING) or end (FOLLOWING), in the sort direction.
     * A null current key frames its null peers; null keys sort first or last as the ORDER BY says.
     */
    private int rangeStart(int i, Peers peers, Expr.FrameBound.BoundKind kind) {
        Object target = rangeTarget(i, startRange, kind);
        if (target == null) {
            return peers.start()[i];
        }
        return firstAtLeast(target, startRange, 0);
    }

    /** The first row whose key compares at least {@code threshold} with the target (keys are sorted: binary search). */
    private int firstAtLeast(Object target, BoundValues bound, int threshold) {
        int low = 0;
        int high = partition.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (rangeCompare(middle, target, bound) >= threshold) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private int rangeEnd(int i, Peers peers, Expr.FrameBound.BoundKind kind) {
        Object target = rangeTarget(i, endRange, kind);
        if (target == null) {
            return peers.end()[i];
        }
        return firstAtLeast(target, endRange, 1);
    }

    private Object rangeTarget(int i, BoundValues bound, Expr.FrameBound.BoundKind kind) {
        Object[] row = partition.get(i);
        if (bound.key().evaluate(row) == null) {
            return null;
        }
        boolean descending = window.orderBy().getFirst().descending();
        boolean subtract = (kind == Expr.FrameBound.BoundKind.OFFSET_PRECEDING) != descending;
        return subtract ? bound.minus().evaluate(row) : bound.plus().evaluate(row);
    }

    /** Compares row {@code row}'s key with {@code target} in the window's sort direction. */
    private int rangeCompare(int row, Object target, BoundValues bound) {
        WindowClause.Order order = window.orderBy().getFirst();
        Object key = bound.key().evaluate(partition.get(row));
        if (key == null) {
            return order.nullsFirst() ? -1 : 1;
        }
        int result = bound.comparator().compare(key, target);
        return order.descending() ? -result : result;
    }

    @Override
    public void close() {
        super.close();
        partition = new ArrayList<>();
    }
}
