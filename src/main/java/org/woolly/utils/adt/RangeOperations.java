package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.woolly.utils.adt.RangeValue.Bound;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.RangeValue.compareBoundValues;
import static org.woolly.utils.adt.RangeValue.compareBounds;

/**
 * The range and multirange operations of {@code rangetypes.c} and {@code multirangetypes.c}:
 * containment, overlap, position ({@code << >> &< &>}), adjacency, union, intersection and
 * difference, each following the function PostgreSQL 15 names in its javadoc.
 */
final class RangeOperations {
    private RangeOperations() {}

    private static Comparator<Object> order(RangeValue range) {
        return range.subtypeOrder();
    }

    /** {@code range_contains_elem_internal}. */
    static boolean containsElement(RangeValue range, Object value) {
        if (range.isEmpty()) {
            return false;
        }
        Comparator<Object> order = order(range);
        Bound lower = range.lowerBound();
        if (!lower.infinite()) {
            int cmp = order.compare(lower.value(), value);
            if (cmp > 0 || cmp == 0 && !lower.inclusive()) {
                return false;
            }
        }
        Bound upper = range.upperBound();
        if (!upper.infinite()) {
            int cmp = order.compare(upper.value(), value);
            return cmp > 0 || cmp == 0 && upper.inclusive();
        }
        return true;
    }

    /** {@code range_contains_internal}: the empty range is contained in every range. */
    static boolean contains(RangeValue r1, RangeValue r2) {
        if (r2.isEmpty()) {
            return true;
        }
        if (r1.isEmpty()) {
            return false;
        }
        Comparator<Object> order = order(r1);
        return compareBounds(order, r1.lowerBound(), r2.lowerBound()) <= 0
                && compareBounds(order, r1.upperBound(), r2.upperBound()) >= 0;
    }

    /** {@code range_overlaps_internal}. */
    static boolean overlaps(RangeValue r1, RangeValue r2) {
        if (r1.isEmpty() || r2.isEmpty()) {
            return false;
        }
        Comparator<Object> order = order(r1);
        Bound l1 = r1.lowerBound();
        Bound u1 = r1.upperBound();
        Bound l2 = r2.lowerBound();
        Bound u2 = r2.upperBound();
        return compareBounds(order, l1, l2) >= 0 && compareBounds(order, l1, u2) <= 0
                || compareBounds(order, l2, l1) >= 0 && compareBounds(order, l2, u1) <= 0;
    }

    /** {@code range_before_internal}: r1 ends before r2 starts ({@code <<}). */
    static boolean before(RangeValue r1, RangeValue r2) {
        return !r1.isEmpty() && !r2.isEmpty() && compareBounds(order(r1), r1.upperBound(), r2.lowerBound()) < 0;
    }

    /** {@code range_overleft_internal} ({@code &<}): r1 does not extend to the right of r2. */
    static boolean overLeft(RangeValue r1, RangeValue r2) {
        return !r1.isEmpty() && !r2.isEmpty() && compareBounds(order(r1), r1.upperBound(), r2.upperBound()) <= 0;
    }

    /** {@code range_overright_internal} ({@code &>}): r1 does not extend to the left of r2. */
    static boolean overRight(RangeValue r1, RangeValue r2) {
        return !r1.isEmpty() && !r2.isEmpty() && compareBounds(order(r1), r1.lowerBound(), r2.lowerBound()) >= 0;
    }

    /**
     * {@code bounds_adjacent}: an upper bound and a lower bound with nothing between them; for a
     * discrete type, the range between them canonicalizes to empty.
     */
    static boolean boundsAdjacent(int rangeType, Comparator<Object> order, Bound upper, Bound lower) {
        int cmp = compareBoundValues(order, upper, lower);
        if (cmp < 0) {
            if (!RangeTypes.byRange(rangeType).discrete()) {
                return false;
            }
            RangeValue between = RangeValue.make(rangeType, upper.flipped(), lower.flipped(), false);
            return between.isEmpty();
        }
        return cmp == 0 && upper.inclusive() != lower.inclusive();
    }

    /** {@code range_adjacent_internal} ({@code -|-}). */
    static boolean adjacent(RangeValue r1, RangeValue r2) {
        if (r1.isEmpty() || r2.isEmpty()) {
            return false;
        }
        Comparator<Object> order = order(r1);
        return boundsAdjacent(r1.typeOid(), order, r1.upperBound(), r2.lowerBound())
                || boundsAdjacent(r1.typeOid(), order, r2.upperBound(), r1.lowerBound());
    }

    /** {@code range_union_internal} without its contiguity check: {@code range_merge}. */
    static RangeValue merge(RangeValue r1, RangeValue r2) {
        if (r1.isEmpty()) {
            return r2;
        }
        if (r2.isEmpty()) {
            return r1;
        }
        Comparator<Object> order = order(r1);
        Bound lower = compareBounds(order, r1.lowerBound(), r2.lowerBound()) <= 0 ? r1.lowerBound() : r2.lowerBound();
        Bound upper = compareBounds(order, r1.upperBound(), r2.upperBound()) >= 0 ? r1.upperBound() : r2.upperBound();
        return RangeValue.make(r1.typeOid(), lower, upper, false);
    }

    /** {@code range_union} ({@code +}): 22000 when the ranges neither overlap nor touch. */
    static RangeValue union(RangeValue r1, RangeValue r2) {
        if (!r1.isEmpty() && !r2.isEmpty() && !overlaps(r1, r2) && !adjacent(r1, r2)) {
            throw SqlException.of(SqlState.DATA_EXCEPTION, "result of range union would not be contiguous");
        }
        return merge(r1, r2);
    }

    /** {@code range_intersect_internal} ({@code *}). */
    static RangeValue intersect(RangeValue r1, RangeValue r2) {
        if (r1.isEmpty() || r2.isEmpty() || !overlaps(r1, r2)) {
            return RangeValue.empty(r1.typeOid());
        }
        Comparator<Object> order = order(r1);
        Bound lower = compareBounds(order, r1.lowerBound(), r2.lowerBound()) >= 0 ? r1.lowerBound() : r2.lowerBound();
        Bound upper = compareBounds(order, r1.upperBound(), r2.upperBound()) <= 0 ? r1.upperBound() : r2.upperBound();
        return RangeValue.make(r1.typeOid(), lower, upper, false);
    }

    /**
     * {@code range_minus_internal} as {@code multirange_minus} uses it: r1 without r2 as zero, one
     * or two ranges.
     */
    static List<RangeValue> split(RangeValue r1, RangeValue r2) {
        if (r1.isEmpty() || r2.isEmpty() || !overlaps(r1, r2)) {
            return r1.isEmpty() ? List.of() : List.of(r1);
        }
        Comparator<Object> order = order(r1);
        List<RangeValue> parts = new ArrayList<>(2);
        if (compareBounds(order, r1.lowerBound(), r2.lowerBound()) < 0) {
            parts.add(RangeValue.make(r1.typeOid(), r1.lowerBound(), r2.lowerBound().flipped(), false));
        }
        if (compareBounds(order, r1.upperBound(), r2.upperBound()) > 0) {
            parts.add(RangeValue.make(r1.typeOid(), r2.upperBound().flipped(), r1.upperBound(), false));
        }
        parts.removeIf(RangeValue::isEmpty);
        return parts;
    }

    /** {@code range_minus} ({@code -}): 22000 when r2 lies strictly inside r1. */
    static RangeValue minus(RangeValue r1, RangeValue r2) {
        List<RangeValue> parts = split(r1, r2);
        if (parts.size() > 1) {
            throw SqlException.of(SqlState.DATA_EXCEPTION, "result of range difference would not be contiguous");
        }
        return parts.isEmpty() ? RangeValue.empty(r1.typeOid()) : parts.getFirst();
    }

    // multiranges (multirangetypes.c)

    static boolean containsElement(MultirangeValue multirange, Object value) {
        for (RangeValue range : multirange.ranges()) {
            if (containsElement(range, value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code multirange_contains_range_internal}: the empty range is in every multirange. */
    static boolean contains(MultirangeValue multirange, RangeValue range) {
        if (range.isEmpty()) {
            return true;
        }
        for (RangeValue member : multirange.ranges()) {
            if (contains(member, range)) {
                return true;
            }
        }
        return false;
    }

    /** {@code range_contains_multirange_internal}. */
    static boolean contains(RangeValue range, MultirangeValue multirange) {
        return multirange.isEmpty() || contains(range, multirange.span());
    }

    /** {@code multirange_contains_multirange_internal}: each member of mr2 lies in a member of mr1. */
    static boolean contains(MultirangeValue mr1, MultirangeValue mr2) {
        for (RangeValue range : mr2.ranges()) {
            if (!contains(mr1, range)) {
                return false;
            }
        }
        return true;
    }

    static boolean overlaps(MultirangeValue multirange, RangeValue range) {
        for (RangeValue member : multirange.ranges()) {
            if (overlaps(member, range)) {
                return true;
            }
        }
        return false;
    }

    static boolean overlaps(MultirangeValue mr1, MultirangeValue mr2) {
        for (RangeValue range : mr2.ranges()) {
            if (overlaps(mr1, range)) {
                return true;
            }
        }
        return false;
    }

    /** {@code range_adjacent_multirange}: the range touches the multirange's first or last member. */
    static boolean adjacent(RangeValue range, MultirangeValue multirange) {
        if (range.isEmpty() || multirange.isEmpty()) {
            return false;
        }
        return adjacent(range, multirange.ranges().getFirst()) || adjacent(range, multirange.ranges().getLast());
    }

    static boolean adjacent(MultirangeValue mr1, MultirangeValue mr2) {
        if (mr1.isEmpty() || mr2.isEmpty()) {
            return false;
        }
        return adjacent(mr1.ranges().getLast(), mr2.ranges().getFirst())
                || adjacent(mr2.ranges().getLast(), mr1.ranges().getFirst());
    }

    static MultirangeValue union(MultirangeValue mr1, MultirangeValue mr2) {
        List<RangeValue> all = new ArrayList<>(mr1.ranges());
        all.addAll(mr2.ranges());
        return MultirangeValue.of(mr1.typeOid(), all);
    }

    /** {@code multirange_minus_internal}. */
    static MultirangeValue minus(MultirangeValue mr1, MultirangeValue mr2) {
        List<RangeValue> result = new ArrayList<>();
        for (RangeValue range : mr1.ranges()) {
            List<RangeValue> pieces = List.of(range);
            for (RangeValue subtrahend : mr2.ranges()) {
                List<RangeValue> next = new ArrayList<>();
                for (RangeValue piece : pieces) {
                    next.addAll(split(piece, subtrahend));
                }
                pieces = next;
            }
            result.addAll(pieces);
        }
        return MultirangeValue.of(mr1.typeOid(), result);
    }

    /** {@code multirange_intersect_internal}. */
    static MultirangeValue intersect(MultirangeValue mr1, MultirangeValue mr2) {
        List<RangeValue> result = new ArrayList<>();
        for (RangeValue r1 : mr1.ranges()) {
            for (RangeValue r2 : mr2.ranges()) {
                RangeValue common = intersect(r1, r2);
                if (!common.isEmpty()) {
                    result.add(common);
                }
            }
        }
        return MultirangeValue.of(mr1.typeOid(), result);
    }
}
