package org.woolly.analyzer;

import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.error.SqlState;

/** Column references against the range table ({@code parse_relation.c}, {@code colNameToVar}). */
final class ColumnResolver {

    private ColumnResolver() {}

    static QueryExpr resolve(ParseState state, Expr.ColumnRef ref) {
        List<String> fields = ref.fields();
        if (state.inDefaultExpression) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, ref.location(),
                    "cannot use column reference in DEFAULT expression");
        }
        if (fields.getLast().equals("*")) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, ref.location(),
                    "row expansion via \"*\" is not supported here");
        }
        if (fields.size() == 1) {
            return unqualified(state, fields.getFirst(), ref.location());
        }
        if (fields.size() > 3) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, ref.location(), "improper qualified name (too many dotted names): %s",
                    String.join(".", fields));
        }
        String table = fields.get(fields.size() - 2);
        String column = fields.getLast();
        int index = findTable(state, table, ref.location());
        RangeEntry entry = state.rangeTable.get(index);
        int columnIndex = entry.columnNames().indexOf(column);
        if (columnIndex < 0) {
            throw ParseState.error(SqlState.UNDEFINED_COLUMN, ref.location(), "column %s.%s does not exist", table, column);
        }
        return var(entry, columnIndex, ref.location());
    }

    static int findTable(ParseState state, String table, int location) {
        int found = -1;
        for (int i = 0; i < state.rangeTable.size(); i++) {
            if (table.equals(state.rangeTable.get(i).alias())) {
                if (found >= 0) {
                    throw ParseState.error(SqlState.AMBIGUOUS_ALIAS, location, "table reference \"%s\" is ambiguous", table);
                }
                found = i;
            }
        }
        if (found < 0) {
            throw ParseState.error(SqlState.UNDEFINED_TABLE, location, "missing FROM-clause entry for table \"%s\"", table);
        }
        return found;
    }

    private static QueryExpr unqualified(ParseState state, String column, int location) {
        QueryExpr found = null;
        for (int i = 0; i < state.rangeTable.size(); i++) {
            RangeEntry entry = state.rangeTable.get(i);
            int columnIndex = entry.columnNames().indexOf(column);
            if (columnIndex < 0 || state.hiddenColumns.contains(i + ":" + column)) {
                continue;
            }
            if (found != null) {
                throw ParseState.error(SqlState.AMBIGUOUS_COLUMN, location, "column reference \"%s\" is ambiguous", column);
            }
            found = var(entry, columnIndex, location);
        }
        if (found == null) {
            throw ParseState.error(SqlState.UNDEFINED_COLUMN, location, "column \"%s\" does not exist", column);
        }
        return found;
    }

    static QueryExpr.Var var(RangeEntry entry, int columnIndex, int location) {
        String name = entry.alias() == null ? entry.columnNames().get(columnIndex)
                : entry.alias() + "." + entry.columnNames().get(columnIndex);
        return new QueryExpr.Var(entry.offset() + columnIndex, entry.columnTypes()[columnIndex],
                entry.columnTypmods()[columnIndex], name, location);
    }
}
