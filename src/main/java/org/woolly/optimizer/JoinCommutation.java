package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;

/**
 * An inner join of two inputs may run with its sides swapped ({@code make_join_rel} tries both
 * {@code (outer, inner)} and {@code (inner, outer)}): the hash join then builds its table on the
 * smaller side, a nested loop probes the indexed side. The swapped join's row has the inner
 * columns first; a projection puts them back in the range table's order, so nothing above sees
 * the swap.
 */
final class JoinCommutation {
    private JoinCommutation() {}

    /**
     * {@code expr} over the swapped row: positions of the outer side {@code [base, innerStart)}
     * move behind the inner side's {@code [innerStart, end)}, which moves to {@code base}.
     */
    static QueryExpr swap(QueryExpr expr, int base, int innerStart, int end) {
        if (expr == null) {
            return null;
        }
        int outerWidth = innerStart - base;
        int innerWidth = end - innerStart;
        return ExpressionWalker.rewrite(expr, node -> {
            if (!(node instanceof QueryExpr.Var var) || var.position() < base || var.position() >= end) {
                return null;
            }
            int position = var.position() < innerStart ? var.position() + innerWidth : var.position() - outerWidth;
            return new QueryExpr.Var(position, var.type(), var.typmod(), var.name(), var.location());
        });
    }

    /**
     * The projection from the swapped join's row (positions relative to {@code base}) back to
     * the written order, or null when a column of the span is not a plain column of a range
     * entry (a TID the executor appends), so the sides must stay as written.
     */
    static List<QueryExpr> restoringOrder(Query query, int base, int innerStart, int end) {
        int outerWidth = innerStart - base;
        int innerWidth = end - innerStart;
        return restoringOrder(query, base, end,
                position -> position < outerWidth ? position + innerWidth : position - outerWidth);
    }

    /**
     * The projection from a row holding the columns of the span {@code [base, end)} in another
     * order back to the written order: {@code from} gives the position in that row of each
     * written position (both relative to {@code base}); null as above.
     */
    static List<QueryExpr> restoringOrder(Query query, int base, int end, java.util.function.IntUnaryOperator from) {
        QueryExpr.Var[] columns = new QueryExpr.Var[end - base];
        for (RangeEntry entry : query.rangeTable()) {
            if (entry.offset() < base || entry.offset() >= end) {
                continue;
            }
            if (entry.withTid()) {
                return null;
            }
            for (int i = 0; i < entry.columnTypes().length && entry.offset() + i < end; i++) {
                columns[entry.offset() + i - base] = new QueryExpr.Var(entry.offset() + i - base,
                        entry.columnTypes()[i], entry.columnTypmods()[i], entry.alias() + "." + entry.columnNames().get(i),
                        -1);
            }
        }
        List<QueryExpr> exprs = new ArrayList<>();
        for (int position = 0; position < columns.length; position++) {
            QueryExpr.Var column = columns[position];
            if (column == null) {
                return null;
            }
            exprs.add(new QueryExpr.Var(from.applyAsInt(position), column.type(), column.typmod(), column.name(), -1));
        }
        return exprs;
    }
}
