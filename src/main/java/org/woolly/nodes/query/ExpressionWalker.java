package org.woolly.nodes.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Generic traversal of {@link QueryExpr} trees ({@code expression_tree_mutator} and
 * {@code expression_tree_walker} in {@code nodeFuncs.c}).
 */
public final class ExpressionWalker {

    private ExpressionWalker() {}

    /**
     * Rebuilds {@code expr} bottom-up after {@code replace} had its say top-down: where
     * {@code replace} answers non-null that answer is used and its children are not visited.
     */
    public static QueryExpr rewrite(QueryExpr expr, Function<QueryExpr, QueryExpr> replace) {
        if (expr == null) {
            return null;
        }
        QueryExpr replaced = replace.apply(expr);
        if (replaced != null) {
            return replaced;
        }
        return switch (expr) {
            case QueryExpr.Const constant -> constant;
            case QueryExpr.Param param -> param;
            case QueryExpr.Var var -> var;
            case QueryExpr.SqlValue value -> value;
            case QueryExpr.FuncCall call ->
                    new QueryExpr.FuncCall(call.function(), all(call.args(), replace), call.operator(), call.type());
            case QueryExpr.BoolOp bool -> new QueryExpr.BoolOp(bool.kind(), all(bool.args(), replace));
            case QueryExpr.NullTest test -> new QueryExpr.NullTest(rewrite(test.arg(), replace), test.test());
            case QueryExpr.CurrentOf currentOf -> new QueryExpr.CurrentOf(currentOf.cursorName(), currentOf.tableOid(),
                    currentOf.tableName(), rewrite(currentOf.tid(), replace));
            case QueryExpr.DistinctFrom distinct -> new QueryExpr.DistinctFrom(rewrite(distinct.left(), replace),
                    rewrite(distinct.right(), replace), distinct.equality(), distinct.not());
            case QueryExpr.NullIf nullIf -> new QueryExpr.NullIf(rewrite(nullIf.left(), replace),
                    rewrite(nullIf.right(), replace), nullIf.equality(), nullIf.type());
            case QueryExpr.Case caseExpr -> new QueryExpr.Case(all(caseExpr.conditions(), replace),
                    all(caseExpr.results(), replace), rewrite(caseExpr.elseResult(), replace), caseExpr.type());
            case QueryExpr.Coalesce coalesce -> new QueryExpr.Coalesce(all(coalesce.args(), replace), coalesce.type());
            case QueryExpr.MinMax minMax -> new QueryExpr.MinMax(minMax.greatest(), all(minMax.args(), replace),
                    minMax.comparator(), minMax.type());
            case QueryExpr.Cast cast -> new QueryExpr.Cast(rewrite(cast.arg(), replace), cast.coercion(), cast.type(),
                    cast.typmod(), cast.explicit());
            case QueryExpr.ExecParam param -> param;
            case QueryExpr.SubLink link -> new QueryExpr.SubLink(link.kind(), link.query(), link.planIndex(),
                    rewrite(link.test(), replace), link.operator(), link.rightValue(), link.type(),
                    bindings(link.bindings(), replace));
            case QueryExpr.ArrayConstruct array -> new QueryExpr.ArrayConstruct(all(array.elements(), replace),
                    array.elementType(), array.multidimensional(), array.type());
            case QueryExpr.ArraySubscript subscript -> new QueryExpr.ArraySubscript(rewrite(subscript.array(), replace),
                    all(subscript.lowers(), replace), all(subscript.uppers(), replace), subscript.slice(), subscript.type());
            case QueryExpr.ArrayAssign assign -> new QueryExpr.ArrayAssign(rewrite(assign.array(), replace),
                    all(assign.lowers(), replace), all(assign.uppers(), replace), assign.slice(),
                    rewrite(assign.value(), replace), assign.type());
            case QueryExpr.ScalarArrayOp op -> new QueryExpr.ScalarArrayOp(op.operator(), op.all(),
                    rewrite(op.left(), replace), rewrite(op.array(), replace));
            case QueryExpr.Aggregate aggregate -> new QueryExpr.Aggregate(aggregate.aggregate(),
                    all(aggregate.args(), replace), aggregate.star(), aggregate.distinct(),
                    rewrite(aggregate.filter(), replace), aggregate.type(), order(aggregate.orderBy(), replace));
            case QueryExpr.WindowFunc window -> new QueryExpr.WindowFunc(window.name(), window.aggregate(),
                    all(window.args(), replace), window.star(), rewrite(window.filter(), replace),
                    rewrite(window.window(), replace), window.type());
            case QueryExpr.GroupingFunc grouping -> new QueryExpr.GroupingFunc(all(grouping.args(), replace),
                    grouping.location());
        };
    }

    private static List<WindowClause.Order> order(List<WindowClause.Order> items, Function<QueryExpr, QueryExpr> replace) {
        List<WindowClause.Order> order = new ArrayList<>(items.size());
        for (WindowClause.Order item : items) {
            order.add(new WindowClause.Order(rewrite(item.expr(), replace), item.descending(), item.nullsFirst(),
                    item.comparator()));
        }
        return order;
    }

    /** The window's partitioning, ordering and frame expressions rewritten ({@code replace} as above). */
    public static WindowClause rewrite(WindowClause window, Function<QueryExpr, QueryExpr> replace) {
        WindowClause.Frame frame = window.frame();
        return new WindowClause(window.name(), all(window.partitionBy(), replace), order(window.orderBy(), replace),
                new WindowClause.Frame(frame.mode(), rewrite(frame.start(), replace), rewrite(frame.end(), replace),
                        frame.exclusion(), frame.written()));
    }

    private static WindowClause.Bound rewrite(WindowClause.Bound bound, Function<QueryExpr, QueryExpr> replace) {
        return new WindowClause.Bound(bound.kind(), rewrite(bound.offset(), replace), rewrite(bound.key(), replace),
                rewrite(bound.minus(), replace), rewrite(bound.plus(), replace), bound.comparator());
    }

    private static List<QueryExpr> all(List<QueryExpr> exprs, Function<QueryExpr, QueryExpr> replace) {
        List<QueryExpr> result = new ArrayList<>(exprs.size());
        for (QueryExpr expr : exprs) {
            result.add(rewrite(expr, replace));
        }
        return result;
    }

    /** The bindings of a correlated subquery with their values (columns of this query level) rewritten. */
    public static List<ParamBinding> bindings(List<ParamBinding> bindings, Function<QueryExpr, QueryExpr> replace) {
        if (bindings.isEmpty()) {
            return bindings;
        }
        List<ParamBinding> result = new ArrayList<>(bindings.size());
        for (ParamBinding binding : bindings) {
            result.add(new ParamBinding(binding.param(), rewrite(binding.value(), replace)));
        }
        return result;
    }

    /** Whether any node of the tree satisfies {@code test}. */
    public static boolean contains(QueryExpr expr, Predicate<QueryExpr> test) {
        boolean[] found = {false};
        rewrite(expr, node -> {
            if (!found[0] && test.test(node)) {
                found[0] = true;
            }
            return found[0] ? node : null;
        });
        return found[0];
    }

    /**
     * Whether any expression node of the query satisfies {@code test}: its clauses, join
     * conditions and FROM items, and the queries of its subqueries at every depth
     * ({@code query_tree_walker} with {@code expression_tree_walker}).
     */
    public static boolean containsInQuery(Query query, Predicate<QueryExpr> test) {
        return containsInQuery(query, test, entry -> false);
    }

    /** {@link #containsInQuery(Query, Predicate)}, or a FROM item at any depth that satisfies {@code entryTest}. */
    public static boolean containsInQuery(Query query, Predicate<QueryExpr> test, Predicate<RangeEntry> entryTest) {
        if (query == null) {
            return false;
        }
        List<QueryExpr> exprs = new ArrayList<>();
        exprs.add(query.where());
        exprs.add(query.having());
        exprs.add(query.limit());
        exprs.add(query.offset());
        exprs.addAll(query.groupBy());
        exprs.addAll(query.aggregates());
        query.targetList().forEach(entry -> exprs.add(entry.expr()));
        if (query.returning() != null) {
            query.returning().forEach(entry -> exprs.add(entry.expr()));
        }
        for (FromNode node : query.from()) {
            joinQuals(node, exprs);
        }
        for (RangeEntry entry : query.rangeTable()) {
            if (entry.values() != null) {
                entry.values().forEach(exprs::addAll);
            }
            if (entry.function() != null) {
                exprs.add(entry.function().call());
            }
            if (entry.lateral() != null) {
                entry.lateral().forEach(binding -> exprs.add(binding.value()));
            }
            if (entryTest.test(entry) || entry.subquery() != null && containsInQuery(entry.subquery(), test, entryTest)) {
                return true;
            }
        }
        if (query.setOperation() != null) {
            for (Query branch : query.setOperation().branches()) {
                if (containsInQuery(branch, test, entryTest)) {
                    return true;
                }
            }
        }
        for (QueryExpr expr : exprs) {
            if (containsDeep(expr, test, entryTest)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a node of the expression, or of the queries of its subqueries, satisfies {@code test}. */
    public static boolean containsDeep(QueryExpr expr, Predicate<QueryExpr> test) {
        return containsDeep(expr, test, entry -> false);
    }

    private static boolean containsDeep(QueryExpr expr, Predicate<QueryExpr> test, Predicate<RangeEntry> entryTest) {
        return expr != null && contains(expr, node -> test.test(node)
                || node instanceof QueryExpr.SubLink link && containsInQuery(link.query(), test, entryTest));
    }

    private static void joinQuals(FromNode node, List<QueryExpr> into) {
        if (node instanceof FromNode.Join join) {
            into.add(join.quals());
            joinQuals(join.left(), into);
            joinQuals(join.right(), into);
        }
    }
}
