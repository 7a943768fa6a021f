package org.woolly.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.woolly.nodes.query.AggregateHandle;

/**
 * One aggregate's running state over the rows fed to it ({@code AggStatePerGroup} with
 * {@code advance_transition_function} of {@code nodeAgg.c}), shared by grouped aggregation and
 * aggregates used as window functions. A strict transition skips rows with a null argument and
 * takes the first non-null input as the state when the initial state is null; DISTINCT feeds
 * each argument list once.
 */
final class AggregateAccumulator {
    private final ExecutorContext context;
    private final AggregateHandle aggregate;
    private final int[] argumentTypes;
    private final boolean distinct;
    /** Orders the rows by their sort key values ({@code agg(... ORDER BY ...)}); null when unordered. */
    private final Comparator<Object[]> order;
    private Object state;
    private boolean initialized;
    private Set<List<Object>> seen;
    /** With ORDER BY: the rows fed so far as {arguments, sort keys}, aggregated when the result is asked for. */
    private List<Object[][]> buffered;

    AggregateAccumulator(ExecutorContext context, AggregateHandle aggregate, int[] argumentTypes, boolean distinct) {
        this(context, aggregate, argumentTypes, distinct, null);
    }

    AggregateAccumulator(ExecutorContext context, AggregateHandle aggregate, int[] argumentTypes, boolean distinct,
                         Comparator<Object[]> order) {
        this.context = context;
        this.aggregate = aggregate;
        this.argumentTypes = argumentTypes;
        this.distinct = distinct;
        this.order = order;
        reset();
    }

    /** Back to the initial state, as for a new group. */
    void reset() {
        state = aggregate.initialState().get();
        initialized = state != null;
        seen = null;
        buffered = order == null ? null : new ArrayList<>();
    }

    /** Feeds one row's argument values and, with ORDER BY, its sort key values. */
    void add(Object[] args, Object[] keys) {
        if (order == null) {
            add(args);
        } else {
            buffered.add(new Object[][] {args, keys});
        }
    }

    /** Feeds one row's argument values. */
    void add(Object[] args) {
        boolean hasNull = false;
        for (Object arg : args) {
            hasNull |= arg == null;
        }
        if (aggregate.strict() && hasNull) {
            return;
        }
        if (distinct) {
            if (seen == null) {
                seen = new HashSet<>();
            }
            if (!seen.add(RowNodes.key(context, args, args.length, argumentTypes))) {
                return;
            }
        }
        if (aggregate.strict() && !initialized && args.length == 1 && aggregate.transitionType() == argumentTypes[0]) {
            state = args[0];
            initialized = true;
            return;
        }
        state = aggregate.transition().next(state, args, context);
        initialized = true;
    }

    /**
     * The transition state for the rows fed so far, without the final function: what a Partial
     * Aggregate passes up (only aggregates without ORDER BY or DISTINCT run partially).
     */
    Object state() {
        return state;
    }

    /**
     * Adds a partial aggregation's state for the same group ({@code advance_combine_function}):
     * the combine function is strict, so a null state adds nothing and the first non-null one is
     * taken as it is.
     */
    void combine(Object partial) {
        if (partial == null) {
            return;
        }
        state = state == null ? partial : aggregate.combine().combine(state, partial);
        initialized = true;
    }

    /** The aggregate's value for the rows fed so far (the state stays usable: more rows may follow). */
    Object result() {
        if (order != null && !buffered.isEmpty()) {
            List<Object[][]> rows = buffered;
            rows.sort((a, b) -> order.compare(a[1], b[1]));
            buffered = new ArrayList<>();
            for (Object[][] row : rows) {
                add(row[0]);
            }
        }
        return aggregate.finalFunction() == null ? state : aggregate.finalFunction().result(state, context);
    }
}
