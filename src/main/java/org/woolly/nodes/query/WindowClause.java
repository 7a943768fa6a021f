package org.woolly.nodes.query;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.woolly.nodes.parse.Expr;

/**
 * One window of a query ({@code WindowClause} in {@code parsenodes.h}): the partitioning and
 * ordering expressions over the row the select list reads, and the frame. Window functions
 * with equal clauses share one WindowAgg node; {@code name} is the WINDOW clause name if any
 * (not part of equality, as two names for the same specification share one node in
 * PostgreSQL too).
 */
public record WindowClause(String name, List<QueryExpr> partitionBy, List<Order> orderBy, Frame frame) {

    /** One ORDER BY item of the window; the comparator is the type's, before direction. */
    public record Order(QueryExpr expr, boolean descending, boolean nullsFirst, Comparator<Object> comparator) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Order order && order.expr.equals(expr) && order.descending == descending
                    && order.nullsFirst == nullsFirst;
        }

        @Override
        public int hashCode() {
            return Objects.hash(expr, descending, nullsFirst);
        }
    }

    /**
     * The frame; {@code written} is false for the default (RANGE UNBOUNDED PRECEDING to CURRENT
     * ROW with peers), which EXPLAIN does not show.
     */
    public record Frame(Expr.FrameMode mode, Bound start, Bound end, Expr.FrameExclusion exclusion, boolean written) {
        public static final Frame DEFAULT = new Frame(Expr.FrameMode.RANGE,
                new Bound(Expr.FrameBound.BoundKind.UNBOUNDED_PRECEDING, null, null, null, null, null),
                new Bound(Expr.FrameBound.BoundKind.CURRENT_ROW, null, null, null, null, null),
                Expr.FrameExclusion.NO_OTHERS, false);
    }

    /**
     * One end of the frame. For ROWS and GROUPS {@code offset} is a bigint expression without
     * columns. For RANGE with an offset, {@code key} is the single ORDER BY key as the type the
     * bound is computed in, {@code minus} and {@code plus} the key minus and plus the offset
     * (PostgreSQL's {@code in_range} support functions) and {@code comparator} orders values of
     * that type.
     */
    public record Bound(Expr.FrameBound.BoundKind kind, QueryExpr offset, QueryExpr key, QueryExpr minus,
                        QueryExpr plus, Comparator<Object> comparator) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Bound bound && bound.kind == kind && Objects.equals(bound.offset, offset);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, offset);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WindowClause clause && clause.partitionBy.equals(partitionBy)
                && clause.orderBy.equals(orderBy) && clause.frame.equals(frame);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partitionBy, orderBy, frame);
    }
}
