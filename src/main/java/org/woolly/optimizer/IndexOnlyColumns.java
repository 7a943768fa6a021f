package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.woolly.catalog.IndexInfo;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.TargetEntry;

/**
 * Which columns of a table a query reads, and whether an index holds them all, so an Index Only
 * Scan can answer from the index ({@code check_index_only} in {@code indxpath.c} over
 * {@code attr_needed}). The answer is null (no index-only scan) whenever a part of the query
 * might read the table's row in a way not seen here: row locks, the row's TID, LATERAL items,
 * subqueries pulled up into joins.
 */
final class IndexOnlyColumns {
    private IndexOnlyColumns() {}

    /** The positions within {@code entry} of the columns {@code query} reads, or null when unsure. */
    static BitSet needed(Query query, RangeEntry entry, boolean sublinksPulled) {
        if (query.command() != Query.CommandType.SELECT || entry.kind() != RangeEntry.Kind.RELATION
                || entry.withTid() || sublinksPulled || !query.rowMarks().isEmpty()) {
            return null;
        }
        List<QueryExpr> exprs = new ArrayList<>();
        for (RangeEntry other : query.rangeTable()) {
            if (other.lateral() != null && !other.lateral().isEmpty()) {
                return null;
            }
        }
        if (!query.hasAggregation()) {
            for (TargetEntry target : query.targetList()) {
                exprs.add(target.expr());
            }
        }
        // with aggregation the target list and HAVING read the Aggregate's output (grouping
        // columns, then aggregates), and the table's columns appear only in these two
        exprs.addAll(query.groupBy());
        exprs.addAll(query.aggregates());
        exprs.add(query.where());
        for (FromNode node : query.from()) {
            joinQuals(node, exprs);
        }
        return of(exprs, entry);
    }

    private static void joinQuals(FromNode node, List<QueryExpr> exprs) {
        if (node instanceof FromNode.Join join) {
            exprs.add(join.quals());
            joinQuals(join.left(), exprs);
            joinQuals(join.right(), exprs);
        }
    }

    /** The positions within {@code entry} of its columns that {@code exprs} read (whole-query positions). */
    static BitSet of(List<QueryExpr> exprs, RangeEntry entry) {
        BitSet needed = new BitSet();
        int start = entry.offset();
        int end = start + entry.width();
        for (QueryExpr expr : exprs) {
            if (expr != null) {
                ExpressionWalker.contains(expr, node -> {
                    if (node instanceof QueryExpr.Var var && var.position() >= start && var.position() < end) {
                        needed.set(var.position() - start);
                    }
                    return false;
                });
            }
        }
        return needed;
    }

    /**
     * Whether every needed column is a plain column the index stores with the column's own type
     * (key or INCLUDE column; not an expression), so its entries can stand for the rows. A partial
     * index qualifies too: the query's quals imply its predicate when it is considered at all.
     */
    static boolean covers(IndexInfo index, RangeEntry entry, BitSet needed) {
        if (needed == null || !index.valid()) {
            return false;
        }
        short[] attributeNumbers = entry.relation().attributeNumbers();
        for (int position = needed.nextSetBit(0); position >= 0; position = needed.nextSetBit(position + 1)) {
            if (position >= attributeNumbers.length) {
                return false;
            }
            int column = index.columns().indexOf(attributeNumbers[position]);
            if (column < 0 || index.columnTypeOids().get(column) != entry.columnTypes()[position]) {
                return false;
            }
        }
        return true;
    }
}
