package org.woolly.executor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.woolly.nodes.query.AggregateHandle;
import org.woolly.nodes.query.QueryExpr;

/**
 * Aggregation ({@code nodeAgg.c}): hashed by the GROUP BY values, or one group for all rows
 * (which yields a row even for empty input). Emits group values then aggregate results;
 * HAVING filters the emitted rows. Groups come out in first-seen order.
 */
final class AggregateNode implements ExecNode {
    private final ExecutorContext context;
    private final ExecNode input;
    private final boolean hashed;
    private final CompiledExpression[] groupExprs;
    private final int[] groupTypes;
    private final List<QueryExpr.Aggregate> aggregates;
    private final CompiledExpression[][] aggregateArgs;
    private final ExpressionCompiler.CompiledPredicate[] filters;
    private final ExpressionCompiler.CompiledPredicate having;
    private Iterator<Group> groups;

    private static final class Group {
        final Object[] groupValues;
        final Object[] states;
        final boolean[] initialized;
        final List<Set<List<Object>>> distinctSeen;

        Group(Object[] groupValues, int aggregates) {
            this.groupValues = groupValues;
            this.states = new Object[aggregates];
            this.initialized = new boolean[aggregates];
            this.distinctSeen = new ArrayList<>();
            for (int i = 0; i < aggregates; i++) {
                distinctSeen.add(null);
            }
        }
    }

    AggregateNode(ExecutorContext context, ExpressionCompiler compiler, ExecNode input, boolean hashed,
                  List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates, QueryExpr having) {
        this.context = context;
        this.input = input;
        this.hashed = hashed;
        this.groupExprs = compiler.all(groupBy);
        this.groupTypes = groupBy.stream().mapToInt(QueryExpr::type).toArray();
        this.aggregates = aggregates;
        this.aggregateArgs = new CompiledExpression[aggregates.size()][];
        this.filters = new ExpressionCompiler.CompiledPredicate[aggregates.size()];
        for (int i = 0; i < aggregates.size(); i++) {
            aggregateArgs[i] = compiler.all(aggregates.get(i).args());
            filters[i] = compiler.predicate(aggregates.get(i).filter());
        }
        this.having = compiler.predicate(having);
    }

    @Override
    public void open() {
        input.open();
        Map<List<Object>, Group> table = new LinkedHashMap<>();
        Object[] row;
        int count = 0;
        while ((row = input.next()) != null) {
            if (++count % ScanNodes.INTERRUPT_INTERVAL == 0) {
                context.checkForInterrupts();
            }
            Object[] groupValues = new Object[groupExprs.length];
            for (int i = 0; i < groupExprs.length; i++) {
                groupValues[i] = groupExprs[i].evaluate(row);
            }
            List<Object> key = RowNodes.key(context, groupValues, groupValues.length, groupTypes);
            Group group = table.computeIfAbsent(key, ignored -> newGroup(groupValues));
            advance(group, row);
        }
        input.close();
        if (!hashed && table.isEmpty()) {
            table.put(List.of(), newGroup(new Object[0]));
        }
        groups = table.values().iterator();
    }

    private Group newGroup(Object[] groupValues) {
        Group group = new Group(groupValues, aggregates.size());
        for (int i = 0; i < aggregates.size(); i++) {
            group.states[i] = aggregates.get(i).aggregate().initialState().get();
            group.initialized[i] = group.states[i] != null;
        }
        return group;
    }

    private void advance(Group group, Object[] row) {
        for (int i = 0; i < aggregateArgs.length; i++) {
            if (!filters[i].test(row)) {
                continue;
            }
            QueryExpr.Aggregate call = aggregates.get(i);
            AggregateHandle aggregate = call.aggregate();
            Object[] args = new Object[aggregateArgs[i].length];
            boolean hasNull = false;
            for (int j = 0; j < args.length; j++) {
                args[j] = aggregateArgs[i][j].evaluate(row);
                hasNull |= args[j] == null;
            }
            if (aggregate.strict() && hasNull) {
                continue;
            }
            if (call.distinct()) {
                if (group.distinctSeen.get(i) == null) {
                    group.distinctSeen.set(i, new HashSet<>());
                }
                int[] types = call.args().stream().mapToInt(QueryExpr::type).toArray();
                if (!group.distinctSeen.get(i).add(RowNodes.key(context, args, args.length, types))) {
                    continue;
                }
            }
            if (aggregate.strict() && !group.initialized[i] && args.length == 1
                    && aggregate.transitionType() == call.args().getFirst().type()) {
                group.states[i] = args[0];
                group.initialized[i] = true;
                continue;
            }
            group.states[i] = aggregate.transition().next(group.states[i], args, context);
            group.initialized[i] = true;
        }
    }

    @Override
    public Object[] next() {
        while (groups.hasNext()) {
            Group group = groups.next();
            Object[] row = new Object[group.groupValues.length + aggregates.size()];
            System.arraycopy(group.groupValues, 0, row, 0, group.groupValues.length);
            for (int i = 0; i < aggregates.size(); i++) {
                AggregateHandle aggregate = aggregates.get(i).aggregate();
                Object state = group.states[i];
                row[group.groupValues.length + i] = aggregate.finalFunction() == null ? state
                        : aggregate.finalFunction().result(state, context);
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
    }
}
