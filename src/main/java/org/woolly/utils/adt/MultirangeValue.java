package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A value of a multirange type ({@code MultirangeType} in {@code multirangetypes.h}): its type's
 * OID and its ranges, always canonical as {@code multirange_canonicalize} leaves them (no empty
 * range, sorted, overlapping and adjacent ranges merged). Ordering is {@code multirange_cmp}.
 */
public record MultirangeValue(int typeOid, List<RangeValue> ranges) implements Comparable<MultirangeValue> {

    public MultirangeValue {
        ranges = List.copyOf(ranges);
    }

    /** {@code make_multirange}: the canonical multirange of these ranges (of the multirange's range type). */
    public static MultirangeValue of(int typeOid, List<RangeValue> ranges) {
        List<RangeValue> sorted = new ArrayList<>();
        for (RangeValue range : ranges) {
            if (!range.isEmpty()) {
                sorted.add(range);
            }
        }
        sorted.sort(Comparator.naturalOrder());
        List<RangeValue> merged = new ArrayList<>();
        for (RangeValue range : sorted) {
            if (!merged.isEmpty()) {
                RangeValue last = merged.getLast();
                if (RangeOperations.overlaps(last, range) || RangeOperations.adjacent(last, range)) {
                    merged.set(merged.size() - 1, RangeOperations.merge(last, range));
                    continue;
                }
            }
            merged.add(range);
        }
        return new MultirangeValue(typeOid, merged);
    }

    /** {@code multirange_constructor2}: the multirange of a VARIADIC array's ranges; 22004 for a null member. */
    public static MultirangeValue ofMembers(int typeOid, List<Object> members) {
        List<RangeValue> ranges = new ArrayList<>();
        for (Object member : members) {
            if (member == null) {
                throw org.woolly.utils.error.SqlException.of(org.woolly.utils.error.SqlState.NULL_VALUE_NOT_ALLOWED,
                        "multirange values cannot contain null members");
            }
            ranges.add((RangeValue) member);
        }
        return of(typeOid, ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The range type of this multirange's members. */
    public int rangeTypeOid() {
        return RangeTypes.byMultirange(typeOid).rangeOid();
    }

    /** {@code range_merge(multirange)}: the smallest range containing every member, empty for {} . */
    public RangeValue span() {
        if (ranges.isEmpty()) {
            return RangeValue.empty(rangeTypeOid());
        }
        return RangeValue.make(rangeTypeOid(), ranges.getFirst().lowerBound(), ranges.getLast().upperBound(), false);
    }

    /** {@code multirange_cmp}: member by member on their bounds, a prefix before the longer multirange. */
    @Override
    public int compareTo(MultirangeValue other) {
        int common = Math.min(ranges.size(), other.ranges.size());
        for (int i = 0; i < common; i++) {
            int cmp = ranges.get(i).compareTo(other.ranges.get(i));
            if (cmp != 0) {
                return cmp;
            }
        }
        return Integer.compare(ranges.size(), other.ranges.size());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MultirangeValue multirange && multirange.typeOid == typeOid
                && compareTo(multirange) == 0;
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }
}
