package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.woolly.utils.adt.RowShape;
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
        Optional<RelationInfo> relation;
        try {
            relation = state.catalog.openRelation(state.transaction, name.schema(), name.name(), mode);
        } catch (SqlException denied) {
            // a schema the user may not use: the error points at the name, as PostgreSQL's does
            throw ParseState.at(denied, name.location());
        }
        if (relation.isEmpty()) {
            throw ParseState.error(SqlState.UNDEFINED_TABLE, name.location(), "relation \"%s\" does not exist", name);
        }
        state.openedRelations.add(LockedRelation.of(relation.get(), mode));
        return relation.get();
    }

    /** Adds a table to the range table; returns its index. */
    static int addRelation(ParseState state, RelationInfo relation, String alias, boolean withTid) {
        return addRelation(state, relation, alias, List.of(), withTid);
    }

    /**
     * Adds a table to the range table under {@code alias}, its first columns renamed by
     * {@code columnAliases} ({@code FROM t AS x(a, b)}, buildRelationAliases); returns its index.
     */
    static int addRelation(ParseState state, RelationInfo relation, String alias, List<String> columnAliases,
                           boolean withTid) {
        if (columnAliases.size() > relation.attributes().size()) {
            throw SqlException.of(SqlState.INVALID_COLUMN_REFERENCE,
                    "table \"%s\" has %d columns available but %d columns specified",
                    alias == null ? relation.name() : alias, relation.attributes().size(), columnAliases.size());
        }
        List<String> names = new ArrayList<>();
        int count = relation.attributes().size();
        int[] types = new int[count];
        int[] typmods = new int[count];
        short[] numbers = new short[count];
        for (int i = 0; i < count; i++) {
            AttributeInfo attribute = relation.attributes().get(i);
            names.add(i < columnAliases.size() ? columnAliases.get(i) : attribute.name());
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
                CteAnalyzer.Cte cte = table.name().schema() == null ? CteAnalyzer.find(state, table.name().name()) : null;
                if (cte != null) {
                    yield CteAnalyzer.reference(state, cte, table);
                }
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
                var inheritors = table.only() ? Optional.<SelectStmt>empty()
                        : InheritanceExpansion.expand(state, relation, alias == null ? relation.name() : alias);
                if (inheritors.isPresent()) {
                    if (locking != null) {
                        throw ExpressionAnalyzer.unsupported("FOR " + locking.strength()
                                + " on tables with inheritance children", table.location());
                    }
                    checkUniqueAlias(state, alias == null ? relation.name() : alias, table.location());
                    var expanded = addSubquery(state, state.nested(true), inheritors.get(), table.alias() == null
                            ? new FromItem.Alias(relation.name(), null) : table.alias(),
                            java.util.stream.Stream.concat(relation.attributes().stream().map(AttributeInfo::name),
                                    java.util.stream.Stream.of(InheritanceExpansion.TABLE_OID)).toList(),
                            table.location());
                    state.inheritanceParents.add(state.rangeTable.size() - 1);
                    state.hiddenColumns.add((state.rangeTable.size() - 1) + ":" + InheritanceExpansion.TABLE_OID);
                    yield expanded;
                }
                checkUniqueAlias(state, alias == null ? relation.name() : alias, table.location());
                List<String> columnAliases = table.alias() == null || table.alias().columns() == null ? List.of()
                        : table.alias().columns();
                int index = addRelation(state, relation, alias, columnAliases, locking != null);
                if (locking != null) {
                    state.rowMarks.put(index, locking);
                }
                yield new FromNode.Leaf(index);
            }
            case FromItem.Join join -> join(state, expressions, join);
            case FromItem.Subquery subquery -> subquery(state, subquery);
            case FromItem.Function function -> function(state, expressions, function);
        };
    }

    /** Built-in functions whose one OUT parameter has a name ({@code proargnames}), which names their column. */
    private static final java.util.Map<String, String> OUTPUT_COLUMN_NAMES = java.util.Map.of(
            "pg_partition_ancestors", "relid",
            // the OUT parameter of the json(b)_array_elements family
            "json_array_elements", "value", "json_array_elements_text", "value",
            "jsonb_array_elements", "value", "jsonb_array_elements_text", "value");

    /**
     * A function in FROM ({@code transformRangeFunction}, {@code addRangeTableEntryForFunction}):
     * the call is analyzed as an expression in its own clause (no aggregates; a set-returning
     * function only at its top). Its one column is named by the alias's column list, else by the
     * alias, else by its named OUT parameter or the function; WITH ORDINALITY adds a bigint column {@code ordinality}.
     */
    private static FromNode function(ParseState state, ExpressionAnalyzer expressions, FromItem.Function function) {
        // a function in FROM is always LATERAL: columns of the items before it are outer references
        ParseState inner = state.nested(false);
        inner.aggregateForbiddenIn = "functions in FROM";
        inner.setReturningAllowed = true;
        inner.fromTarget = new RoutineCalls.FromTarget(function.call());
        QueryExpr call = new ExpressionAnalyzer(inner).transform(function.call());
        state.parameterTypes = inner.parameterTypes;
        if (inner.fromTarget.query != null) {
            return routine(state, function, inner, call.type());
        }
        if (!(call instanceof QueryExpr.FuncCall top && top.function().returnsSet())
                && FunctionAnalyzer.containsSetReturning(call)) {
            throw FunctionAnalyzer.topLevelOfFrom(inner);
        }
        String functionName = function.call().name().name();
        String alias = function.alias() == null ? functionName : function.alias().name();
        checkUniqueAlias(state, alias, function.location());
        List<String> aliases = function.alias() == null || function.alias().columns() == null ? List.of()
                : function.alias().columns();
        RecordFunctions.Columns record = RecordFunctions.fromColumns(state, call, function.columnDefinitions(),
                function.location());
        if (record != null) {
            return recordFunction(state, inner, function, record, alias, aliases);
        }
        int count = function.ordinality() ? 2 : 1;
        if (aliases.size() > count) {
            throw SqlException.of(SqlState.INVALID_COLUMN_REFERENCE,
                    "table \"%s\" has %d columns available but %d columns specified", alias, count, aliases.size());
        }
        List<String> names = new ArrayList<>();
        String outputName = RoutineCalls.outputName(state, function.call(), call);
        names.add(!aliases.isEmpty() ? aliases.getFirst() : outputName != null ? outputName
                : function.alias() != null ? alias : OUTPUT_COLUMN_NAMES.getOrDefault(functionName, functionName));
        int[] types = function.ordinality() ? new int[] {call.type(), TypeOids.INT8} : new int[] {call.type()};
        int[] typmods = function.ordinality() ? new int[] {call.typmod(), -1} : new int[] {call.typmod()};
        if (function.ordinality()) {
            names.add(aliases.size() > 1 ? aliases.get(1) : "ordinality");
        }
        state.rangeTable.add(new RangeEntry(RangeEntry.Kind.FUNCTION, alias, null, null, null, names, types, typmods,
                state.nextOffset(), false, new RangeEntry.Function(call, function.ordinality()), null,
                List.copyOf(inner.bindings)));
        return new FromNode.Leaf(state.rangeTable.size() - 1);
    }

    /**
     * A function in FROM returning rows: a column per field of its record (named by the alias's
     * column list, else by the record's fields), then WITH ORDINALITY's bigint.
     */
    private static FromNode recordFunction(ParseState state, ParseState inner, FromItem.Function function,
                                           RecordFunctions.Columns record, String alias, List<String> aliases) {
        RowShape shape = record.shape();
        int count = shape.size() + (function.ordinality() ? 1 : 0);
        if (aliases.size() > count) {
            throw SqlException.of(SqlState.INVALID_COLUMN_REFERENCE,
                    "table \"%s\" has %d columns available but %d columns specified", alias, count, aliases.size());
        }
        List<String> names = new ArrayList<>();
        int[] types = new int[count];
        int[] typmods = new int[count];
        for (int i = 0; i < shape.size(); i++) {
            names.add(i < aliases.size() ? aliases.get(i) : shape.names().get(i));
            types[i] = shape.types()[i];
            typmods[i] = shape.typmods()[i];
        }
        if (function.ordinality()) {
            names.add(aliases.size() == count ? aliases.getLast() : "ordinality");
            types[count - 1] = TypeOids.INT8;
            typmods[count - 1] = -1;
        }
        state.rangeTable.add(new RangeEntry(RangeEntry.Kind.FUNCTION, alias, null, null, null, names, types, typmods,
                state.nextOffset(), false, new RangeEntry.Function(record.call(), function.ordinality(), shape.size()),
                null, List.copyOf(inner.bindings)));
        return new FromNode.Leaf(state.rangeTable.size() - 1);
    }

    /**
     * A user routine in FROM ({@code inline_set_returning_function}): its body's query as a
     * subquery, its columns named by the OUT parameters (or the function), then by the alias.
     */
    private static FromNode routine(ParseState state, FromItem.Function function, ParseState inner, int returnType) {
        RoutineCalls.FromTarget target = inner.fromTarget;
        if (function.ordinality()) {
            throw ExpressionAnalyzer.unsupported("WITH ORDINALITY on SQL functions", function.location());
        }
        String alias = function.alias() == null ? function.call().name().name() : function.alias().name();
        checkUniqueAlias(state, alias, function.location());
        List<String> aliases = function.alias() == null || function.alias().columns() == null ? List.of()
                : function.alias().columns();
        var outputs = target.query.outputColumns();
        checkColumnDefinitions(state, function, target, returnType);
        if (!function.columnDefinitions().isEmpty()) {
            aliases = function.columnDefinitions().stream().map(FromItem.ColumnDefinition::name).toList();
        }
        if (aliases.size() > outputs.size()) {
            throw SqlException.of(SqlState.INVALID_COLUMN_REFERENCE,
                    "table \"%s\" has %d columns available but %d columns specified", alias, outputs.size(),
                    aliases.size());
        }
        List<String> names = new ArrayList<>();
        int[] types = new int[outputs.size()];
        int[] typmods = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            boolean single = outputs.size() == 1 && function.alias() != null && aliases.isEmpty();
            names.add(i < aliases.size() ? aliases.get(i) : single ? alias
                    : i < target.names.size() ? target.names.get(i) : outputs.get(i).name());
            types[i] = outputs.get(i).expr().type();
            typmods[i] = outputs.get(i).expr().typmod();
        }
        List<org.woolly.nodes.query.ParamBinding> bindings = new ArrayList<>(inner.bindings);
        bindings.addAll(target.bindings);
        state.rangeTable.add(new RangeEntry(RangeEntry.Kind.SUBQUERY, alias, null, target.query, null, names,
                types, typmods, state.nextOffset(), false, null, null, List.copyOf(bindings)));
        return new FromNode.Leaf(state.rangeTable.size() - 1);
    }

    /**
     * A user routine's rows against the query's column definition list: required for RETURNS
     * record, refused otherwise, and the body's columns must have the listed types
     * ({@code check_sql_fn_retval}, 42P13).
     */
    private static void checkColumnDefinitions(ParseState state, FromItem.Function function,
                                               RoutineCalls.FromTarget target, int returnType) {
        List<FromItem.ColumnDefinition> definitions = function.columnDefinitions();
        boolean record = returnType == TypeOids.RECORD && !target.outParameters;
        if (definitions.isEmpty()) {
            if (record) {
                throw RecordFunctions.requiredForRecord(function.location());
            }
            return;
        }
        int at = definitions.getFirst().location();
        if (target.outParameters) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, at,
                    "a column definition list is redundant for a function with OUT parameters");
        }
        if (!record) {
            throw RecordFunctions.onlyForRecord(at);
        }
        RowShape expected = RecordFunctions.definitionShape(state, definitions);
        var outputs = target.query.outputColumns();
        String detail = null;
        for (int i = 0; i < Math.min(outputs.size(), expected.size()) && detail == null; i++) {
            int type = outputs.get(i).expr().type();
            if (type != expected.types()[i]) {
                detail = String.format("Final statement returns %s instead of %s at column %d.",
                        state.types.formatType(type, -1), state.types.formatType(expected.types()[i], -1), i + 1);
            }
        }
        if (detail == null && outputs.size() != expected.size()) {
            detail = outputs.size() > expected.size() ? "Final statement returns too many columns."
                    : "Final statement returns too few columns.";
        }
        if (detail != null) {
            throw SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION,
                    "return type mismatch in function declared to return record").withDetail(detail)
                    .withContext("SQL function \"" + function.call().name().name() + "\" during startup");
        }
    }

    /** 42712 when another FROM item already has this name ({@code checkNameSpaceConflicts}). */
    static void checkUniqueAlias(ParseState state, String name, int location) {
        for (int i = 0; i < state.rangeTable.size(); i++) {
            if (name.equals(state.rangeTable.get(i).alias()) && !state.hiddenRefnames.contains(i)) {
                throw ParseState.error(SqlState.DUPLICATE_ALIAS, location, "table name \"%s\" specified more than once",
                        name);
            }
        }
    }

    /**
     * A subquery in FROM, scanned like a table: analyzed one level down, seeing the columns of
     * the FROM items before it only when LATERAL.
     */
    private static FromNode subquery(ParseState state, FromItem.Subquery subquery) {
        if (subquery.alias() == null) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, subquery.location(), "subquery in FROM must have an alias")
                    .withHint("For example, FROM (SELECT ...) [AS] foo.");
        }
        LockingClause locking = state.lockingClauseFor(subquery.alias().name());
        if (locking != null) {
            throw ExpressionAnalyzer.unsupported("FOR " + locking.strength() + " on subqueries in FROM",
                    subquery.location());
        }
        return addSubquery(state, state.nested(!subquery.lateral()), subquery.query(), subquery.alias(), List.of(),
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
                types, typmods, state.nextOffset(), false, null, null, List.copyOf(inner.bindings)));
        return new FromNode.Leaf(state.rangeTable.size() - 1);
    }

    private static FromNode join(ParseState state, ExpressionAnalyzer expressions, FromItem.Join join) {
        int leftStart = state.rangeTable.size();
        FromNode left = item(state, expressions, join.left());
        int rightStart = state.rangeTable.size();
        FromNode right = item(state, expressions, join.right());
        if (join.type() == FromItem.JoinType.RIGHT || join.type() == FromItem.JoinType.FULL) {
            for (int i = rightStart; i < state.rangeTable.size(); i++) {
                if (state.rangeTable.get(i).isLateral()) {
                    QueryExpr.Var column = (QueryExpr.Var) state.rangeTable.get(i).lateral().getFirst().value();
                    String table = column.name().substring(0, Math.max(0, column.name().lastIndexOf('.')));
                    throw ParseState.error(SqlState.UNDEFINED_TABLE, column.location(),
                            "invalid reference to FROM-clause entry for table \"%s\"", table)
                            .withDetail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
                }
            }
        }
        List<StarExpansion.Column> leftColumns = StarExpansion.columns(state, leftStart, rightStart, join.location());
        List<StarExpansion.Column> rightColumns = StarExpansion.columns(state, rightStart, state.rangeTable.size(),
                join.location());
        List<String> using = join.natural() ? commonColumns(leftColumns, rightColumns) : join.using();
        QueryExpr quals = null;
        List<StarExpansion.Column> columns = new ArrayList<>();
        List<StarExpansion.Column> mergedColumns = new ArrayList<>();
        if (using != null && !using.isEmpty()) {
            List<QueryExpr> tests = new ArrayList<>();
            List<StarExpansion.Column> usedLeft = new ArrayList<>();
            List<StarExpansion.Column> usedRight = new ArrayList<>();
            for (String column : using) {
                if (using.indexOf(column) != using.lastIndexOf(column)) {
                    throw ParseState.error(SqlState.DUPLICATE_COLUMN, -1,
                            "column name \"%s\" appears more than once in USING clause", column);
                }
                StarExpansion.Column leftColumn = findIn(leftColumns, column, "left", join.location());
                StarExpansion.Column rightColumn = findIn(rightColumns, column, "right", join.location());
                usedLeft.add(leftColumn);
                usedRight.add(rightColumn);
                tests.add(expressions.operator("=", leftColumn.expr(), rightColumn.expr(), join.location()));
                StarExpansion.Column merged = merged(state, join.type(), leftColumn, rightColumn, join.location());
                mergedColumns.add(merged);
                if (!merged.expr().equals((join.type() == FromItem.JoinType.RIGHT ? rightColumn : leftColumn).expr())) {
                    state.mergedColumns.put(merged.key(), merged.expr());
                }
                int hiddenSide = join.type() == FromItem.JoinType.RIGHT ? leftStart : rightStart;
                int hiddenEnd = join.type() == FromItem.JoinType.RIGHT ? rightStart : state.rangeTable.size();
                for (int i = hiddenSide; i < hiddenEnd; i++) {
                    state.hiddenColumns.add(i + ":" + column);
                }
            }
            quals = tests.size() == 1 ? tests.getFirst() : new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.AND, tests);
            columns.addAll(mergedColumns);
            leftColumns.stream().filter(column -> !usedLeft.contains(column)).forEach(columns::add);
            rightColumns.stream().filter(column -> !usedRight.contains(column)).forEach(columns::add);
        } else {
            columns.addAll(leftColumns);
            columns.addAll(rightColumns);
            if (join.on() != null) {
                String saved = state.aggregateForbiddenIn;
                state.aggregateForbiddenIn = "JOIN conditions";
                try {
                    quals = expressions.transformCondition(join.on(), "JOIN/ON");
                } finally {
                    state.aggregateForbiddenIn = saved;
                }
            }
        }
        String alias = join.alias() == null ? null : join.alias().name();
        if (alias != null) {
            columns = renamed(columns, join.alias());
            for (int i = leftStart; i < state.rangeTable.size(); i++) {
                state.hiddenRefnames.add(i);
            }
        }
        state.joinScopes.add(new StarExpansion.JoinScope(leftStart, state.rangeTable.size(), alias, false,
                List.copyOf(columns)));
        if (join.usingAlias() != null) {
            state.joinScopes.add(new StarExpansion.JoinScope(leftStart, state.rangeTable.size(),
                    join.usingAlias().name(), true, List.copyOf(mergedColumns)));
        }
        return new FromNode.Join(join.type(), left, right, quals);
    }

    /**
     * NATURAL: the column names both sides have, in the left side's order, joined as USING
     * ({@code transformFromClauseItem}); none makes it a cross join.
     */
    private static List<String> commonColumns(List<StarExpansion.Column> left, List<StarExpansion.Column> right) {
        List<String> common = new ArrayList<>();
        for (StarExpansion.Column column : left) {
            if (!common.contains(column.name()) && right.stream().anyMatch(other -> other.name().equals(column.name()))) {
                common.add(column.name());
            }
        }
        return common;
    }

    /** The one column of a join side named {@code column} ({@code transformFromClauseItem}'s USING checks). */
    private static StarExpansion.Column findIn(List<StarExpansion.Column> side, String column, String sideName,
                                               int location) {
        StarExpansion.Column found = null;
        for (StarExpansion.Column candidate : side) {
            if (candidate.name().equals(column)) {
                if (found != null) {
                    throw ParseState.error(SqlState.AMBIGUOUS_COLUMN, location,
                            "common column name \"%s\" appears more than once in %s table", column, sideName);
                }
                found = candidate;
            }
        }
        if (found == null) {
            throw ParseState.error(SqlState.UNDEFINED_COLUMN, -1,
                    "column \"%s\" specified in USING clause does not exist in %s table", column, sideName);
        }
        return found;
    }

    /**
     * The merged column of JOIN USING ({@code buildMergedJoinVar}): both sides in their common
     * type; the left one for INNER and LEFT joins, the right one for RIGHT, and for FULL the first
     * of them that is not null. Unqualified references find it under the side's key it replaces.
     */
    private static StarExpansion.Column merged(ParseState state, FromItem.JoinType type, StarExpansion.Column left,
                                               StarExpansion.Column right, int location) {
        int common = ConditionalAnalyzer.commonType(state, List.of(left.expr(), right.expr()), "JOIN/USING", location);
        QueryExpr leftValue = ConditionalAnalyzer.coerceAll(state, List.of(left.expr()), common, location, "JOIN/USING")
                .getFirst();
        QueryExpr rightValue = ConditionalAnalyzer.coerceAll(state, List.of(right.expr()), common, location,
                "JOIN/USING").getFirst();
        boolean leftCoerced = !leftValue.equals(left.expr());
        boolean rightCoerced = !rightValue.equals(right.expr());
        return switch (type) {
            case RIGHT -> new StarExpansion.Column(right.name(), rightValue, right.key());
            // either side will do: the one that needs no coercion
            case INNER -> new StarExpansion.Column(left.name(), leftCoerced && !rightCoerced ? rightValue : leftValue,
                    left.key());
            case FULL -> new StarExpansion.Column(left.name(), new QueryExpr.Coalesce(List.of(leftValue, rightValue),
                    common), left.key());
            default -> new StarExpansion.Column(left.name(), leftValue, left.key());
        };
    }

    /** A join's columns under its alias's column names; too many names is PostgreSQL's 42P10. */
    private static List<StarExpansion.Column> renamed(List<StarExpansion.Column> columns, FromItem.Alias alias) {
        List<String> names = alias.columns() == null ? List.of() : alias.columns();
        if (names.size() > columns.size()) {
            throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, -1,
                    "join expression \"%s\" has %d columns available but %d columns specified", alias.name(),
                    columns.size(), names.size());
        }
        List<StarExpansion.Column> renamed = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            StarExpansion.Column column = columns.get(i);
            renamed.add(i < names.size() ? new StarExpansion.Column(names.get(i), column.expr(), column.key()) : column);
        }
        return renamed;
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
