package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;

/**
 * The columns an unqualified {@code *} expands to, in PostgreSQL's order
 * ({@code expandNSItemAttrs} over the join tree): a join gives its own columns (a JOIN with USING
 * or NATURAL its merged columns first, then the other columns of its left side, then those of its
 * right side; an aliased join under the alias's column names), any other FROM item its visible columns.
 */
final class StarExpansion {

    /** One output column: its name and what it reads; {@code key} "rangeIndex:column" of its source. */
    record Column(String name, QueryExpr expr, String key) {}

    /**
     * A join over range entries {@code [start, end)} with its output columns (PostgreSQL's join
     * RTE and its {@code joinaliasvars}); {@code alias} null when it has none. A USING alias
     * ({@code usingOnly}) names just the merged columns and stands beside the join's own scope.
     */
    record JoinScope(int start, int end, String alias, boolean usingOnly, List<Column> columns) {}

    private StarExpansion() {}

    /** The columns of {@code *} over the whole FROM clause of this level. */
    static List<Column> columns(ParseState state, int location) {
        return columns(state, 0, state.rangeTable.size(), location);
    }

    /**
     * The columns the FROM items over range entries {@code [from, to)} give {@code *}, their
     * column references placed at {@code location}.
     */
    static List<Column> columns(ParseState state, int from, int to, int location) {
        List<Column> out = new ArrayList<>();
        int index = from;
        while (index < to) {
            JoinScope outermost = null;
            for (JoinScope join : state.joinScopes) {
                if (!join.usingOnly() && join.start() == index && join.end() <= to
                        && (outermost == null || join.end() > outermost.end())) {
                    outermost = join;
                }
            }
            if (outermost != null) {
                outermost.columns().forEach(column -> out.add(at(column, location)));
                index = outermost.end();
                continue;
            }
            RangeEntry entry = state.rangeTable.get(index);
            for (int column = 0; column < entry.columnNames().size(); column++) {
                String key = index + ":" + entry.columnNames().get(column);
                if (!state.hiddenColumns.contains(key)) {
                    QueryExpr merged = state.mergedColumns.get(key);
                    out.add(new Column(entry.columnNames().get(column),
                            merged != null ? merged : ColumnResolver.var(entry, column, location), key));
                }
            }
            index++;
        }
        return out;
    }

    /** {@code column} with its reference placed at {@code location} (a merged column keeps its own). */
    static Column at(Column column, int location) {
        return column.expr() instanceof QueryExpr.Var var
                ? new Column(column.name(), new QueryExpr.Var(var.position(), var.type(), var.typmod(), var.name(),
                        location), column.key())
                : column;
    }

    /** The scope of the join called {@code name} visible at this level, or null. */
    static JoinScope aliased(ParseState state, String name) {
        for (JoinScope join : state.joinScopes) {
            if (name.equals(join.alias()) && !hidden(state, join)) {
                return join;
            }
        }
        return null;
    }

    /** Whether an aliased join around {@code join} hides its name. */
    static boolean hidden(ParseState state, JoinScope join) {
        for (JoinScope outer : state.joinScopes) {
            if (outer != join && !outer.usingOnly() && outer.alias() != null && outer.start() <= join.start()
                    && join.end() <= outer.end() && (outer.end() - outer.start()) > (join.end() - join.start())) {
                return true;
            }
        }
        return false;
    }
}
