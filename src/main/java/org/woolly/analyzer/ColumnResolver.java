package org.woolly.analyzer;

import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.error.SqlException;
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
        if (state.inPartitionBound) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, ref.location(),
                    "cannot use column reference in partition bound expression");
        }
        if (fields.getLast().equals("*")) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, ref.location(),
                    "row expansion via \"*\" is not supported here");
        }
        if (fields.size() > 3) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, ref.location(), "improper qualified name (too many dotted names): %s",
                    String.join(".", fields));
        }
        QueryExpr tableOid = tableOid(state, fields, ref.location());
        if (tableOid != null) {
            return tableOid;
        }
        QueryExpr local = inLevel(state, fields, ref.location());
        if (local != null) {
            return local;
        }
        QueryExpr wholeRow = fields.size() == 1 ? RowExpressions.wholeRow(state, fields.getFirst(), ref.location())
                : null;
        if (wholeRow != null) {
            return wholeRow;
        }
        int levelsUp = 0;
        for (ParseState level = state; level.parent != null; level = level.parent) {
            levelsUp++;
            if (level.parentHidden) {
                continue;
            }
            QueryExpr outerTableOid = tableOid(level.parent, fields, ref.location());
            if (outerTableOid != null) {
                return outerTableOid;
            }
            QueryExpr outer = inLevel(level.parent, fields, ref.location());
            if (outer != null) {
                return outerReference(state, levelsUp, outer, fields.getLast());
            }
        }
        QueryExpr parameter = RoutineCalls.parameter(state, fields);
        if (parameter != null) {
            return parameter;
        }
        throw notVisible(state, fields, ref.location());
    }

    /**
     * The error for a name found nowhere visible; with PostgreSQL's hint when a FROM item of an
     * enclosing level that this subquery may not see (it is not LATERAL) has it
     * ({@code errorMissingRTE}, {@code errorMissingColumn}).
     */
    private static SqlException notVisible(ParseState state, List<String> fields, int location) {
        String hiddenTable = null;
        for (int index = 0; index < state.rangeTable.size() && hiddenTable == null; index++) {
            // the items within an aliased join
            RangeEntry entry = state.rangeTable.get(index);
            boolean matches = fields.size() == 1 ? entry.columnNames().contains(fields.getFirst())
                    : fields.get(fields.size() - 2).equals(entry.alias());
            if (state.hiddenRefnames.contains(index) && matches && entry.alias() != null) {
                hiddenTable = entry.alias();
            }
        }
        if (state.hiddenEntry >= 0 && hiddenTable == null) {
            RangeEntry entry = state.rangeTable.get(state.hiddenEntry);
            boolean matches = fields.size() == 1 ? entry.columnNames().contains(fields.getFirst())
                    : fields.get(fields.size() - 2).equals(entry.alias());
            hiddenTable = matches ? entry.alias() : null;
        }
        for (ParseState level = state; level.parent != null && hiddenTable == null; level = level.parent) {
            if (!level.parentHidden) {
                continue;
            }
            for (RangeEntry entry : level.parent.rangeTable) {
                boolean matches = fields.size() == 1 ? entry.columnNames().contains(fields.getFirst())
                        : fields.get(fields.size() - 2).equals(entry.alias());
                if (matches && entry.alias() != null) {
                    hiddenTable = entry.alias();
                    break;
                }
            }
        }
        if (fields.size() == 1) {
            SqlException error = ParseState.error(SqlState.UNDEFINED_COLUMN, location, "column \"%s\" does not exist",
                    fields.getFirst());
            return hiddenTable == null ? error : error.withHint(("There is a column named \"%s\" in table \"%s\", but it "
                    + "cannot be referenced from this part of the query.").formatted(fields.getFirst(), hiddenTable));
        }
        if (hiddenTable != null) {
            return ParseState.error(SqlState.UNDEFINED_TABLE, location,
                    "invalid reference to FROM-clause entry for table \"%s\"", hiddenTable)
                    .withHint("There is an entry for table \"%s\", but it cannot be referenced from this part of the query."
                            .formatted(hiddenTable));
        }
        return ParseState.error(SqlState.UNDEFINED_TABLE, location, "missing FROM-clause entry for table \"%s\"",
                fields.get(fields.size() - 2));
    }

    /**
     * The column in one query level's FROM items, or null when that level has no such column
     * (unqualified) or no such table (qualified); errors when it is ambiguous there or the
     * named table lacks the column ({@code colNameToVar}, {@code refnameNamespaceItem}).
     */
    private static QueryExpr inLevel(ParseState state, List<String> fields, int location) {
        if (fields.size() == 1) {
            return unqualified(state, fields.getFirst(), location);
        }
        String table = fields.get(fields.size() - 2);
        String column = fields.getLast();
        StarExpansion.JoinScope join = fields.size() == 2 ? StarExpansion.aliased(state, table) : null;
        int index = findTableOrNone(state, table, location);
        if (join != null) {
            if (index >= 0) {
                throw ParseState.error(SqlState.AMBIGUOUS_ALIAS, location, "table reference \"%s\" is ambiguous", table);
            }
            return joinColumn(join, table, column, location);
        }
        if (index < 0) {
            return null;
        }
        RangeEntry entry = state.rangeTable.get(index);
        int columnIndex = entry.columnNames().indexOf(column);
        if (columnIndex < 0) {
            throw ParseState.error(SqlState.UNDEFINED_COLUMN, location, "column %s.%s does not exist", table, column);
        }
        return var(entry, columnIndex, location);
    }

    /** Column {@code column} of the aliased join {@code join}, PostgreSQL's errors when it has none or several. */
    private static QueryExpr joinColumn(StarExpansion.JoinScope join, String table, String column, int location) {
        QueryExpr found = null;
        for (StarExpansion.Column candidate : join.columns()) {
            if (candidate.name().equals(column)) {
                if (found != null) {
                    throw ParseState.error(SqlState.AMBIGUOUS_COLUMN, location, "column reference \"%s\" is ambiguous",
                            column);
                }
                found = StarExpansion.at(candidate, location).expr();
            }
        }
        if (found == null) {
            throw ParseState.error(SqlState.UNDEFINED_COLUMN, location, "column %s.%s does not exist", table, column);
        }
        return found;
    }

    /**
     * A column of the query {@code levelsUp} levels above {@code state} ({@code varlevelsup}):
     * the level just below the owner passes it in an execution parameter, one per distinct
     * column ({@code replace_outer_var}).
     */
    private static QueryExpr outerReference(ParseState state, int levelsUp, QueryExpr value, String column) {
        ParseState passing = state;
        for (int i = 1; i < levelsUp; i++) {
            passing = passing.parent;
        }
        String name = value instanceof QueryExpr.Var var ? var.name() : column;
        int typmod = value instanceof QueryExpr.Var var ? var.typmod() : -1;
        for (org.woolly.nodes.query.ParamBinding binding : passing.bindings) {
            if (binding.value().equals(value)) {
                return new QueryExpr.ExecParam(binding.param(), value.type(), typmod, name);
            }
        }
        int param = state.newExecParam();
        passing.bindings.add(new org.woolly.nodes.query.ParamBinding(param, value));
        return new QueryExpr.ExecParam(param, value.type(), typmod, name);
    }

    static int findTable(ParseState state, String table, int location) {
        int found = findTableOrNone(state, table, location);
        if (found < 0) {
            throw ParseState.error(SqlState.UNDEFINED_TABLE, location, "missing FROM-clause entry for table \"%s\"", table);
        }
        return found;
    }

    private static int findTableOrNone(ParseState state, String table, int location) {
        int found = -1;
        for (int i = 0; i < state.rangeTable.size(); i++) {
            if (i != state.hiddenEntry && !state.hiddenRefnames.contains(i) && table.equals(state.rangeTable.get(i).alias())) {
                if (found >= 0) {
                    throw ParseState.error(SqlState.AMBIGUOUS_ALIAS, location, "table reference \"%s\" is ambiguous", table);
                }
                found = i;
            }
        }
        return found;
    }

    private static QueryExpr unqualified(ParseState state, String column, int location) {
        QueryExpr found = null;
        for (int i = 0; i < state.rangeTable.size(); i++) {
            RangeEntry entry = state.rangeTable.get(i);
            int columnIndex = entry.columnNames().indexOf(column);
            if (columnIndex < 0 || i == state.hiddenEntry || state.hiddenColumns.contains(i + ":" + column)
                    || state.hiddenRefnames.contains(i)) {
                continue;
            }
            if (found != null) {
                throw ParseState.error(SqlState.AMBIGUOUS_COLUMN, location, "column reference \"%s\" is ambiguous", column);
            }
            QueryExpr merged = state.mergedColumns.get(i + ":" + column);
            found = merged != null ? merged : var(entry, columnIndex, location);
        }
        // the items within an aliased join show their columns under the join's names only
        for (StarExpansion.JoinScope join : state.joinScopes) {
            if (join.alias() == null || join.usingOnly() || StarExpansion.hidden(state, join)) {
                continue;
            }
            for (StarExpansion.Column candidate : join.columns()) {
                if (candidate.name().equals(column)) {
                    if (found != null) {
                        throw ParseState.error(SqlState.AMBIGUOUS_COLUMN, location,
                                "column reference \"%s\" is ambiguous", column);
                    }
                    found = StarExpansion.at(candidate, location).expr();
                }
            }
        }
        return found;
    }

    /**
     * The {@code tableoid} system column of a table in this level's FROM: the OID of the table
     * the row comes from, which for a table read alone is that table's OID throughout, so it
     * is a constant of type oid. Null when the name is not tableoid or names no table here;
     * unqualified, it is ambiguous when FROM has more than one table.
     */
    private static QueryExpr tableOid(ParseState state, List<String> fields, int location) {
        if (!fields.getLast().equals(TABLE_OID)) {
            return null;
        }
        RangeEntry found = null;
        int foundIndex = -1;
        if (fields.size() >= 2) {
            foundIndex = findTableOrNone(state, fields.get(fields.size() - 2), location);
            found = foundIndex < 0 ? null : state.rangeTable.get(foundIndex);
        } else {
            for (int i = 0; i < state.rangeTable.size(); i++) {
                RangeEntry entry = state.rangeTable.get(i);
                if (entry.kind() != RangeEntry.Kind.RELATION && !state.inheritanceParents.contains(i)) {
                    continue;
                }
                foundIndex = i;
                if (found != null) {
                    throw ParseState.error(SqlState.AMBIGUOUS_COLUMN, location,
                            "column reference \"%s\" is ambiguous", TABLE_OID);
                }
                found = entry;
            }
        }
        if (found != null && state.inheritanceParents.contains(foundIndex)) {
            // the expansion's hidden last column: the OID of the member the row comes from
            return var(found, found.columnNames().size() - 1, location);
        }
        if (found == null || found.kind() != RangeEntry.Kind.RELATION) {
            return null;
        }
        return new QueryExpr.Const(org.woolly.utils.adt.TypeOids.OID, -1, found.relation().oid());
    }

    private static final String TABLE_OID = "tableoid";

    /**
     * Whether column {@code column} of range entry {@code index} is the tableoid an inheritance
     * expansion carries last: a system column, left out of {@code t.*} and of whole rows.
     */
    static boolean isExpansionTableOid(ParseState state, int index, int column) {
        return state.inheritanceParents.contains(index)
                && column == state.rangeTable.get(index).columnNames().size() - 1;
    }

    static QueryExpr.Var var(RangeEntry entry, int columnIndex, int location) {
        String name = entry.alias() == null ? entry.columnNames().get(columnIndex)
                : entry.alias() + "." + entry.columnNames().get(columnIndex);
        return new QueryExpr.Var(entry.offset() + columnIndex, entry.columnTypes()[columnIndex],
                entry.columnTypmods()[columnIndex], name, location);
    }
}
