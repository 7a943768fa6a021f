package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns an unqualified {@code *} expands to, in PostgreSQL's order
 * ({@code expandNSItemAttrs} over the join tree): a JOIN with USING or NATURAL gives its merged
 * columns first, then the other columns of its left side, then those of its right side.
 */
final class StarExpansion {

    /**
     * A JOIN ... USING over range entries {@code [leftStart, end)}, its right side from
     * {@code rightStart}; each merged column is read from the entry {@code mergedFrom}.
     */
    record UsingJoin(int leftStart, int rightStart, int end, List<String> columns, List<int[]> mergedFrom) {}

    private StarExpansion() {}

    /** Pairs (range entry index, column index) in output order. */
    static List<int[]> columns(ParseState state) {
        List<int[]> out = new ArrayList<>();
        emit(state, 0, state.rangeTable.size(), new HashSet<>(), out);
        return out;
    }

    private static void emit(ParseState state, int from, int to, Set<String> skip, List<int[]> out) {
        int index = from;
        while (index < to) {
            UsingJoin outermost = null;
            for (UsingJoin join : state.usingJoins) {
                if (join.leftStart() == index && join.end() <= to && (outermost == null || join.end() > outermost.end())) {
                    outermost = join;
                }
            }
            if (outermost == null) {
                var entry = state.rangeTable.get(index);
                for (int column = 0; column < entry.columnNames().size(); column++) {
                    String key = index + ":" + entry.columnNames().get(column);
                    if (!skip.contains(key) && !state.hiddenColumns.contains(key)) {
                        out.add(new int[] {index, column});
                    }
                }
                index++;
                continue;
            }
            Set<String> inner = new HashSet<>(skip);
            for (int[] merged : outermost.mergedFrom()) {
                out.add(merged);
                inner.add(merged[0] + ":" + state.rangeTable.get(merged[0]).columnNames().get(merged[1]));
            }
            List<UsingJoin> saved = state.usingJoins;
            state.usingJoins = new ArrayList<>(saved);
            state.usingJoins.remove(outermost);
            try {
                emit(state, outermost.leftStart(), outermost.rightStart(), inner, out);
                emit(state, outermost.rightStart(), outermost.end(), inner, out);
            } finally {
                state.usingJoins = saved;
            }
            index = outermost.end();
        }
    }
}
