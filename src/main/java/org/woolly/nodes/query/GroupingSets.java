package org.woolly.nodes.query;

import java.util.List;

/**
 * The grouping sets of a query with GROUPING SETS, ROLLUP, CUBE or {@code ()} in GROUP BY
 * ({@code groupingSets} of {@code Query} after {@code expand_grouping_sets}). Each set lists
 * positions in the query's {@code groupBy}; a row of a set has NULL in the other GROUP BY
 * columns. {@code groupingCalls} lists, per GROUPING() call of the query, the {@code groupBy}
 * positions of its arguments: the aggregation row carries one int4 per call after the aggregates.
 */
public record GroupingSets(List<List<Integer>> sets, List<List<Integer>> groupingCalls) {

    /** The GROUPING() value of call {@code call} for a row of grouping set {@code set}. */
    public int groupingValue(int set, int call) {
        List<Integer> members = sets.get(set);
        int value = 0;
        for (int position : groupingCalls.get(call)) {
            value = (value << 1) | (members.contains(position) ? 0 : 1);
        }
        return value;
    }
}
