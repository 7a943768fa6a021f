package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.LockedRelation;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.LockingClause;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.parser.Parser;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * FROM clause: tables, views, subqueries and joins into range entries and a join tree
 * ({@code parse_clause.c}; views expanded as the rewriter's {@code ApplyRetrieveRule} does).
 */
final class FromAnalyzer {

    private FromAnalyzer() {}

    /**
     * Opens a table as {@code parserOpenTable} does: looked up, locked in {@code mode} until the
     * end of the transaction, and looked up again after the lock (42P01 if it was dropped
     * meanwhile), so the statement is analyzed against the relation as it is now.
     */
    static RelationInfo lookupTable(ParseState state, QualifiedName name, LockMode mode) {
        var relation = state.catalog.openRelation(state.transaction, name.schema(), name.name(), mode);
        if (relation.isEmpty()) {
            throw ParseState.error(SqlState.UNDEFINED_TABLE, name.location(), "relation \"%s\" does not exist", name);
        }
        state.openedRelations.add(LockedRelation.of(relation.get(), mode));
        return relation.get();
    }

    /** Adds a table to the range table; returns its index. */
    static int addRelation(ParseState state, RelationInfo relation, String alias, boolean withTid) {
        List<String> names = new ArrayList<>();
        int count = relation.attributes().size();
        int[] types = new int[count];
        int[] typmods = new int[count];
        short[] numbers = new short[count];
        for (int i = 0; i < count; i++) {
            AttributeInfo attribute = relation.attributes().get(i);
            names.add(attribute.name());
            types[i] = attribute.typeOid();
            typmods[i] = attribute.typeModifier();
            numbers[i] = attribute.number();
        }
        RangeEntry entry = new RangeEntry(RangeEntry.Kind.RELATION, alias == null ? relation.name() : alias,
                new RangeEntry.Relation(relation.oid(), relation.name(), numbers), null, null, names, types, typmods,
                state.nextOffset(), withTid);
        state.rangeTable.add(entry);
        return state.rangeTable.size() - 1;
    }

    static List<FromNode> transform(ParseState state, ExpressionAnalyzer expressions, List<FromItem> items) {
        List<FromNode> nodes = new ArrayList<>();
        for (FromItem item : items) {
            nodes.add(item(state, expressions, item));
        }
        return nodes;
    }

    private static FromNode item(ParseState state, ExpressionAnalyzer expressions, FromItem item) {
        return switch (item) {
            case FromItem.Table table -> {
                String alias = table.alias() == null ? null : table.alias().name();
                LockingClause locking = state.lockingClauseFor(alias == null ? table.name().name() : alias);
                // a locked table is opened in RowShareLock, as PostgreSQL's parser does
                RelationInfo relation = lookupTable(state, table.name(),
                        locking == null ? LockMode.ACCESS_SHARE : LockMode.ROW_SHARE);
                if (relation.kind() == 'v') {
                    if (locking != null) {
                        throw ExpressionAnalyzer.unsupported("FOR " + locking.strength() + " on views", table.location());
                    }
                    yield view(state, relation, table);
                }
                checkUniqueAlias(state, alias == null ? relation.name() : alias, table.location());
                int index = addRelation(state, relation, alias, locking != null);
                if (locking != null) {
                    state.rowMarks.put(index, locking);
                }
                if (table.alias() != null && table.alias().columns() != null && !table.alias().columns().isEmpty()) {
                    throw ExpressionAnalyzer.unsupported("column aliases on tables", table.location());
                }
                yield new FromNode.Leaf(index);
            }
            case FromItem.Join join -> join(state, expressions, join);
            case FromItem.Subquery subquery -> subquery(state, subquery);
            case FromItem.Function function -> function(state, expressions, function);
        };
    }

    /**
     * A function in FROM ({@code transformRangeFunction}, {@code addRangeTableEntryForFunction}):
     * the call is analyzed as an expression in its own clause (no aggregates; a set-returning
     * function only at its top). Its one column is named by the alias's column list, else by the
     * alias, else by the function; WITH ORDINALITY adds a bigint column {@code ordinality}.
     */
    private static FromNode function(ParseState state, ExpressionAnalyzer expressions, FromItem.Function function) {
        String savedForbidden = state.aggregateForbiddenIn;
        boolean savedAllowed = state.setReturningAllowed;
        state.aggregateForbiddenIn = "functions in FROM";
        state.setReturningAllowed = true;
        QueryExpr call;
        try {
            call = expressions.transform(function.call());
        } finally {
            state.aggregateForbiddenIn = savedForbidden;
            state.setReturningAllowed = savedAllowed;
        }
        if (!(call instanceof QueryExpr.FuncCall top && top.function().returnsSet())
                && FunctionAnalyzer.containsSetReturning(call)) {
            throw FunctionAnalyzer.topLevelOfFrom(state);
        }
        String functionName = function.call().name().name();
        String alias = function.alias() == null ? functionName : function.alias().name();
        checkUniqueAlias(state, alias, function.location());
        List<String> aliases = function.alias() == null || function.alias().columns() == null ? List.of()
                : function.alias().columns();
        int count = function.ordinality() ? 2 : 1;
        if (aliases.size() > count) {
            throw SqlException.of(SqlState.INVALID_COLUMN_REFERENCE,
                    "table \"%s\" has %d columns available but %d columns specified", alias, count, aliases.size());
        }
        List<String> names = new ArrayList<>();
        names.add(!aliases.isEmpty() ? aliases.getFirst() : function.alias() != null ? alias : functionName);
        int[] types = function.ordinality() ? new int[] {call.type(), TypeOids.INT8} : new int[] {call.type()};
        int[] typmods = function.ordinality() ? new int[] {call.typmod(), -1} : new int[] {call.typmod()};
        if (function.ordinality()) {
            names.add(aliases.size() > 1 ? aliases.get(1) : "ordinality");
        }
        state.rangeTable.add(new RangeEntry(RangeEntry.Kind.FUNCTION, alias, null, null, null, names, types, typmods,
                state.nextOffset(), false, new RangeEntry.Function(call, function.ordinality())));
        return new FromNode.Leaf(state.rangeTable.size() - 1);
    }

    /** 42712 when another FROM item already has this name ({@code checkNameSpaceConflicts}). */
    private static void checkUniqueAlias(ParseState state, String name, int location) {
        for (RangeEntry existing : state.rangeTable) {
            if (name.equals(existing.alias())) {
                throw ParseState.error(SqlState.DUPLICATE_ALIAS, location, "table name \"%s\" specified more than once",
                        name);
            }
        }
    }

    /** A subquery in FROM: analyzed on its own (no LATERAL references yet), then scanned like a table. */
    private static FromNode subquery(ParseState state, FromItem.Subquery subquery) {
        if (subquery.lateral()) {
            throw ExpressionAnalyzer.unsupported("LATERAL subqueries", subquery.location());
        }
        if (subquery.alias() == null) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, subquery.location(), "subquery in FROM must have an alias")
                    .withHint("For example, FROM (SELECT ...) [AS] foo.");
        }
        LockingClause locking = state.lockingClauseFor(subquery.alias().name());
        if (locking != null) {
            throw ExpressionAnalyzer.unsupported("FOR " + locking.strength() + " on subqueries in FROM",
                    subquery.location());
        }
        return addSubquery(state, state.child(state.parameterTypes), subquery.query(), subquery.alias(), List.of(),
                subquery.location());
    }

    /**
     * A view in FROM: its query (the SQL text of its {@code _RETURN} rule) is parsed and analyzed
     * as a subquery named like the view, with the view's column names, as PostgreSQL's rewriter
     * ({@code ApplyRetrieveRule}) turns the view's range entry into a subquery. The relations the
     * view reads are opened and locked like the statement's own, so plans follow their DDL too.
     * Its names resolve in pg_catalog whatever the session's search_path (PostgreSQL stores the
     * query with OIDs).
     */
    private static FromNode view(ParseState state, RelationInfo view, FromItem.Table table) {
        String text = state.catalog.viewQuery(state.transaction, view.oid()).orElseThrow(
                () -> SqlException.of(SqlState.INTERNAL_ERROR, "could not find the query of view \"%s\"", view.name()));
        if (!(Parser.parse(text).getFirst().statement() instanceof Statement.Select select)) {
            throw SqlException.of(SqlState.INTERNAL_ERROR, "the rule of view \"%s\" is not a SELECT", view.name());
        }
        FromItem.Alias alias = table.alias() == null ? new FromItem.Alias(view.name(), null) : table.alias();
        checkUniqueAlias(state, alias.name(), table.location());
        List<String> columnNames = view.attributes().stream().map(AttributeInfo::name).toList();
        ParseState inner = state.childWith(state.catalog.withSystemSearchPath(), state.parameterTypes);
        return addSubquery(state, inner, select.query(), alias, columnNames, table.location());
    }

    /**
     * Adds an analyzed subquery to the range table. Its columns are named by the alias's column
     * list, then by {@code defaultNames} (a view's columns), then by the query's output names.
     */
    private static FromNode addSubquery(ParseState state, ParseState inner, SelectStmt select, FromItem.Alias alias,
                                        List<String> defaultNames, int location) {
        var query = new SelectAnalyzer(inner).analyze(select);
        state.parameterTypes = inner.parameterTypes;
        var outputs = query.outputColumns();
        List<String> aliases = alias.columns() == null ? List.of() : alias.columns();
        if (aliases.size() > outputs.size()) {
            throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, location,
                    "table \"%s\" has %d columns available but %d columns specified", alias.name(),
                    outputs.size(), aliases.size());
        }
        List<String> names = new ArrayList<>();
        int[] types = new int[outputs.size()];
        int[] typmods = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            names.add(i < aliases.size() ? aliases.get(i)
                    : i < defaultNames.size() ? defaultNames.get(i) : outputs.get(i).name());
            types[i] = outputs.get(i).expr().type();
            typmods[i] = outputs.get(i).expr().typmod();
        }
        state.rangeTable.add(new RangeEntry(RangeEntry.Kind.SUBQUERY, alias.name(), null, query, null, names,
                types, typmods, state.nextOffset(), false));
        return new FromNode.Leaf(state.rangeTable.size() - 1);
    }

    private static FromNode join(ParseState state, ExpressionAnalyzer expressions, FromItem.Join join) {
        int leftStart = state.rangeTable.size();
        FromNode left = item(state, expressions, join.left());
        int rightStart = state.rangeTable.size();
        FromNode right = item(state, expressions, join.right());
        if (join.natural()) {
            throw ExpressionAnalyzer.unsupported("NATURAL joins", join.location());
        }
        QueryExpr quals = null;
        if (join.using() != null) {
            List<QueryExpr> tests = new ArrayList<>();
            for (String column : join.using()) {
                QueryExpr leftColumn = findIn(state, leftStart, rightStart, column, "left", join.location());
                QueryExpr rightColumn = findIn(state, rightStart, state.rangeTable.size(), column, "right", join.location());
                tests.add(expressions.operator("=", leftColumn, rightColumn, join.location()));
                int hiddenSide = join.type() == FromItem.JoinType.RIGHT ? leftStart : rightStart;
                int hiddenEnd = join.type() == FromItem.JoinType.RIGHT ? rightStart : state.rangeTable.size();
                for (int i = hiddenSide; i < hiddenEnd; i++) {
                    state.hiddenColumns.add(i + ":" + column);
                }
            }
            quals = tests.size() == 1 ? tests.getFirst() : new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.AND, tests);
        } else if (join.on() != null) {
            String saved = state.aggregateForbiddenIn;
            state.aggregateForbiddenIn = "JOIN conditions";
            try {
                quals = expressions.transformCondition(join.on(), "JOIN/ON");
            } finally {
                state.aggregateForbiddenIn = saved;
            }
        }
        return new FromNode.Join(join.type(), left, right, quals);
    }

    private static QueryExpr findIn(ParseState state, int from, int to, String column, String side, int location) {
        for (int i = from; i < to; i++) {
            RangeEntry entry = state.rangeTable.get(i);
            int index = entry.columnNames().indexOf(column);
            if (index >= 0) {
                return ColumnResolver.var(entry, index, location);
            }
        }
        throw ParseState.error(SqlState.UNDEFINED_COLUMN, location,
                "column \"%s\" specified in USING clause does not exist in %s table", column, side);
    }

    /** WHERE: boolean, no aggregates. */
    static QueryExpr where(ParseState state, ExpressionAnalyzer expressions, Expr where) {
        if (where == null) {
            return null;
        }
        String saved = state.aggregateForbiddenIn;
        state.aggregateForbiddenIn = "WHERE";
        try {
            return expressions.transformCondition(where, "WHERE");
        } catch (SqlException error) {
            throw error;
        } finally {
            state.aggregateForbiddenIn = saved;
        }
    }
}
