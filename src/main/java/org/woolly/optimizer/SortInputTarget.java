package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.SortKey;

/**
 * The select list split around a sort ({@code make_sort_input_target} in {@code planner.c}):
 * output columns that call a volatile function and are not sort keys are computed after the
 * Sort and the Limit, so {@code SELECT nextval('s'), x FROM t ORDER BY x LIMIT 10} calls
 * nextval ten times, in output order, rather than once per row of t. Below the sort the
 * projection keeps the other columns and the input columns the postponed ones read; above the
 * Limit a second projection computes the postponed columns from those.
 */
final class SortInputTarget {
    /**
     * {@code below}: the projection under the Sort; {@code keys}: the sort keys renumbered over
     * it; {@code above}: the visible output columns computed from its rows.
     */
    record Split(List<QueryExpr> below, List<SortKey> keys, List<QueryExpr> above) {}

    private SortInputTarget() {}

    /** The split of {@code exprs} (the first {@code visible} of them output), or null when no column is postponed. */
    static Split of(List<QueryExpr> exprs, List<SortKey> sortKeys, int visible) {
        boolean[] postponed = new boolean[exprs.size()];
        boolean any = false;
        for (int i = 0; i < visible; i++) {
            int column = i;
            QueryExpr expr = exprs.get(i);
            boolean sortKey = sortKeys.stream().anyMatch(key -> key.targetIndex() == column);
            if (!sortKey && ExpressionWalker.contains(expr, SortInputTarget::volatileCall)
                    && !ExpressionWalker.contains(expr, node -> node instanceof QueryExpr.SubLink
                            || node instanceof QueryExpr.Aggregate || node instanceof QueryExpr.WindowFunc)) {
                postponed[i] = true;
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        List<QueryExpr> below = new ArrayList<>();
        int[] newIndex = new int[exprs.size()];
        for (int i = 0; i < exprs.size(); i++) {
            newIndex[i] = postponed[i] ? -1 : below.size();
            if (!postponed[i]) {
                below.add(exprs.get(i));
            }
        }
        List<QueryExpr> above = new ArrayList<>();
        for (int i = 0; i < visible; i++) {
            QueryExpr expr = exprs.get(i);
            if (!postponed[i]) {
                above.add(new QueryExpr.Var(newIndex[i], expr.type(), expr.typmod(), "", -1));
                continue;
            }
            // the input columns it reads are carried through the sort, each once
            above.add(ExpressionWalker.rewrite(expr, node -> {
                if (!(node instanceof QueryExpr.Var var)) {
                    return null;
                }
                int at = below.indexOf(var);
                if (at < 0) {
                    at = below.size();
                    below.add(var);
                }
                return new QueryExpr.Var(at, var.type(), var.typmod(), var.name(), var.location());
            }));
        }
        List<SortKey> keys = new ArrayList<>();
        for (SortKey key : sortKeys) {
            keys.add(new SortKey(newIndex[key.targetIndex()], key.descending(), key.nullsFirst(), key.comparator()));
        }
        return new Split(List.copyOf(below), List.copyOf(keys), List.copyOf(above));
    }

    private static boolean volatileCall(QueryExpr node) {
        return node instanceof QueryExpr.FuncCall call && call.function().isVolatile();
    }
}
