package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.heap.RowLockMode;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.LockingClause;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SortBy;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.GroupingSets;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.RowMark;
import org.woolly.nodes.query.SortKey;
import org.woolly.nodes.query.TargetEntry;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** SELECT ({@code transformSelectStmt} in {@code analyze.c}, with {@code parse_clause.c}, {@code parse_agg.c}). */
final class SelectAnalyzer {
    private final ParseState state;
    private final ExpressionAnalyzer expressions;
    /** The grouping sets GROUP BY spelled out, or null for a plain GROUP BY. */
    private List<List<Integer>> groupingSets;

    SelectAnalyzer(ParseState state) {
        this.state = state;
        this.expressions = new ExpressionAnalyzer(state);
    }

    Query analyze(SelectStmt select) {
        if (select.with() != null && !select.with().isEmpty()) {
            CteAnalyzer.analyzeWith(state, select.with());
        }
        if (select.forLocking() != null && !select.forLocking().isEmpty() && (select.op() != null || select.values() != null)) {
            String clause = "FOR " + select.forLocking().getFirst().strength();
            throw select.op() != null
                    ? SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not allowed with UNION/INTERSECT/EXCEPT", clause)
                    : SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s cannot be applied to VALUES", clause);
        }
        if (select.op() != null) {
            return setOperation(select);
        }
        if (select.values() != null) {
            return values(select);
        }
        boolean locking = select.forLocking() != null && !select.forLocking().isEmpty();
        if (locking) {
            state.lockingClauses = select.forLocking();
        }
        WindowAnalyzer.registerWindows(state, select.windows());
        List<FromNode> from = FromAnalyzer.transform(state, expressions, select.from() == null ? List.of() : select.from());
        if (locking) {
            checkLockedRelationsFound(select.forLocking());
        }
        QueryExpr where = InheritancePushdown.apply(state, from, FromAnalyzer.where(state, expressions, select.where()));
        List<TargetEntry> targets;
        state.setReturningAllowed = true;
        try {
            targets = targetList(select.targets());
        } finally {
            state.setReturningAllowed = false;
        }
        List<QueryExpr> groupBy = groupBy(select, targets);
        for (QueryExpr key : groupBy) {
            if (FunctionAnalyzer.containsSetReturning(key)) {
                throw ExpressionAnalyzer.unsupported("set-returning functions in GROUP BY", select.location());
            }
        }
        QueryExpr having = null;
        if (select.having() != null) {
            state.setReturningForbiddenIn = "HAVING";
            state.windowForbiddenIn = "HAVING";
            try {
                having = expressions.transformCondition(select.having(), "HAVING");
            } finally {
                state.setReturningForbiddenIn = null;
                state.windowForbiddenIn = null;
            }
        }
        state.setReturningAllowed = true;
        List<SortKey> sortKeys;
        try {
            sortKeys = orderBy(select.orderBy(), targets, select.distinct() && select.distinctOn() == null);
        } finally {
            state.setReturningAllowed = false;
        }
        if (select.distinct() && select.distinctOn() == null) {
            boolean aligned = select.targets().size() == targets.stream().filter(entry -> !entry.junk()).count();
            for (int i = 0; i < targets.size(); i++) {
                if (!targets.get(i).junk()) {
                    requireOrdering(targets.get(i).expr().type(), aligned ? select.targets().get(i).location() : -1, false);
                }
            }
        }
        List<Integer> distinctOn = null;
        if (select.distinctOn() != null) {
            distinctOn = new ArrayList<>();
            sortKeys = distinctOn(select.distinctOn(), targets, sortKeys, distinctOn);
        }
        WindowAnalyzer.checkNamedWindows(expressions, state);
        List<QueryExpr.Aggregate> aggregates = List.copyOf(state.aggregates);
        boolean grouped = !groupBy.isEmpty() || !aggregates.isEmpty() || having != null || groupingSets != null
                || state.groupingCalls > 0;
        GroupingSets sets = null;
        if (grouped) {
            GroupingChecker checker = new GroupingChecker(groupBy, aggregates);
            List<TargetEntry> regrouped = new ArrayList<>();
            for (TargetEntry entry : targets) {
                regrouped.add(new TargetEntry(checker.rewrite(entry.expr()), entry.name(), entry.tableOid(),
                        entry.columnNumber(), entry.junk()));
            }
            targets = regrouped;
            having = having == null ? null : checker.rewrite(having);
            if (groupingSets != null || !checker.groupingCalls().isEmpty()) {
                List<List<Integer>> all = groupingSets != null ? groupingSets
                        : List.of(java.util.stream.IntStream.range(0, groupBy.size()).boxed().toList());
                sets = new GroupingSets(all, checker.groupingCalls());
            }
        }
        QueryExpr limit = limitClause(select.limit(), "LIMIT");
        QueryExpr offset = limitClause(select.offset(), "OFFSET");
        List<RowMark> rowMarks = List.of();
        if (locking) {
            checkSelectLocking(select, groupBy, aggregates, having, targets);
            targets = new ArrayList<>(targets);
            rowMarks = rowMarks(targets);
        }
        return new Query(Query.CommandType.SELECT, List.copyOf(state.rangeTable), from, where, targets, groupBy,
                aggregates, having, sortKeys, select.distinct() && distinctOn == null, limit, offset, null, null, null,
                null, distinctOn, rowMarks, sets).withLimitWithTies(select.limitWithTies());
    }

    /** {@code relation "x" in FOR UPDATE clause not found in FROM clause} for an OF name nothing matched. */
    private void checkLockedRelationsFound(List<LockingClause> clauses) {
        for (LockingClause clause : clauses) {
            for (String name : clause.relations()) {
                boolean found = state.rangeTable.stream().anyMatch(entry -> name.equals(entry.alias()));
                if (!found) {
                    throw ParseState.error(SqlState.UNDEFINED_TABLE, clause.location(),
                            "relation \"%s\" in FOR %s clause not found in FROM clause", name, clause.strength());
                }
            }
        }
    }

    /** {@code CheckSelectLocking}: what a locking SELECT may not have (0A000, as PostgreSQL). */
    private static void checkSelectLocking(SelectStmt select, List<QueryExpr> groupBy,
                                           List<QueryExpr.Aggregate> aggregates, QueryExpr having,
                                           List<TargetEntry> targets) {
        String clause = "FOR " + select.forLocking().getFirst().strength();
        String problem = select.distinct() ? "DISTINCT clause"
                : !groupBy.isEmpty() ? "GROUP BY clause"
                : having != null ? "HAVING clause"
                : !aggregates.isEmpty() ? "aggregate functions"
                : targets.stream().anyMatch(target -> FunctionAnalyzer.containsSetReturning(target.expr()))
                        ? "set-returning functions in the target list" : null;
        if (problem != null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s is not allowed with %s", clause, problem);
        }
    }

    /** A junk TID column per locked table, and the row marks that name them ({@code preprocess_rowmarks}). */
    private List<RowMark> rowMarks(List<TargetEntry> targets) {
        List<RowMark> marks = new ArrayList<>();
        for (var marked : state.rowMarks.entrySet()) {
            RangeEntry entry = state.rangeTable.get(marked.getKey());
            LockingClause clause = marked.getValue();
            int tidPosition = entry.offset() + entry.columnNames().size();
            targets.add(new TargetEntry(new QueryExpr.Var(tidPosition, TypeOids.TID, -1, "ctid", -1), "ctid" + marks.size(),
                    0, (short) 0, true));
            RowLockMode mode = RowLockMode.valueOf(clause.strength().replace(' ', '_'));
            marks.add(new RowMark(marked.getKey(), targets.size() - 1, entry.relation().name(), mode,
                    "NOWAIT".equals(clause.waitPolicy()), "SKIP LOCKED".equals(clause.waitPolicy())));
        }
        return marks;
    }

    /**
     * DISTINCT ON ({@code transformDistinctOnClause}): each expression names or adds a target
     * entry (output names and positions count, as in ORDER BY); ORDER BY must start with the
     * DISTINCT ON expressions (42P10 otherwise), and those ORDER BY does not name are sorted
     * after the ones it does. Answers the sort keys: DISTINCT ON's first, then the rest of ORDER BY.
     */
    private List<SortKey> distinctOn(List<Expr> items, List<TargetEntry> targets, List<SortKey> orderBy,
                                     List<Integer> columns) {
        List<Integer> locations = new ArrayList<>();
        for (Expr item : items) {
            QueryExpr expr = outputReference(item, targets, "DISTINCT ON", true);
            if (expr == null) {
                expr = Coercions.unknownToText(state, expressions.transform(item));
            }
            int index = -1;
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).expr().equals(expr)) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                targets.add(new TargetEntry(expr, "?distinct?", 0, (short) 0, true));
                index = targets.size() - 1;
            }
            if (!columns.contains(index)) {
                columns.add(index);
                locations.add(item.location());
            }
        }
        List<SortKey> keys = new ArrayList<>();
        List<SortKey> rest = new ArrayList<>();
        boolean skipped = false;
        for (SortKey key : orderBy) {
            int at = columns.indexOf(key.targetIndex());
            if (at < 0) {
                skipped = true;
                rest.add(key);
            } else if (skipped) {
                throw distinctOnMismatch(locations.get(at));
            } else if (keys.stream().noneMatch(known -> known.targetIndex() == key.targetIndex())) {
                keys.add(key);
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            int column = columns.get(i);
            if (keys.stream().noneMatch(key -> key.targetIndex() == column)) {
                if (skipped) {
                    throw distinctOnMismatch(locations.get(i));
                }
                keys.add(new SortKey(column, false, false, state.types.comparator(targets.get(column).expr().type())));
            }
        }
        keys.addAll(rest);
        return keys;
    }

    private static org.woolly.utils.error.SqlException distinctOnMismatch(int location) {
        return ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, location,
                "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
    }

    /**
     * UNION, INTERSECT, EXCEPT [ALL] ({@code transformSetOperationStmt}): the branches are analyzed on their own,
     * their columns coerced to common types, and the whole scanned like a subquery by a query
     * that applies ORDER BY, LIMIT and OFFSET to it.
     */
    private Query setOperation(SelectStmt select) {
        String opName = select.op().name();
        Query left = branch(select.left());
        Query right = branch(select.right());
        List<TargetEntry> leftOutputs = left.outputColumns();
        List<TargetEntry> rightOutputs = right.outputColumns();
        if (leftOutputs.size() != rightOutputs.size()) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, firstColumnLocation(select.right()),
                    "each %s query must have the same number of columns", opName);
        }
        int count = leftOutputs.size();
        int[] types = new int[count];
        List<String> names = new ArrayList<>();
        List<TargetEntry> unionTargets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] pair = {leftOutputs.get(i).expr().type(), rightOutputs.get(i).expr().type()};
            try {
                types[i] = state.types.commonType(pair, opName);
            } catch (org.woolly.utils.error.SqlException error) {
                throw ParseState.at(error, select.right().location());
            }
            names.add(leftOutputs.get(i).name());
            unionTargets.add(new TargetEntry(new QueryExpr.Var(i, types[i], -1, leftOutputs.get(i).name(), -1),
                    leftOutputs.get(i).name(), 0, (short) 0, false));
        }
        Query union = new Query(Query.CommandType.SELECT, List.of(), List.of(), null, unionTargets, List.of(), List.of(),
                null, List.of(), false, null, null, null, null,
                new Query.SetOperation(select.all(), List.of(coerceOutputs(left, types), coerceOutputs(right, types)),
                        Query.SetOperation.Kind.valueOf(opName), -1));
        int[] typmods = new int[count];
        java.util.Arrays.fill(typmods, -1);
        RangeEntry entry = new RangeEntry(RangeEntry.Kind.SUBQUERY, null, null, union, null, names, types, typmods, 0,
                false);
        state.rangeTable.add(entry);
        List<TargetEntry> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            targets.add(new TargetEntry(ColumnResolver.var(entry, i, -1), names.get(i), 0, (short) 0, false));
        }
        List<SortKey> sortKeys = orderBy(select.orderBy(), targets, false);
        return new Query(Query.CommandType.SELECT, List.copyOf(state.rangeTable),
                List.of(new FromNode.Leaf(0)), null, targets, List.of(), List.of(), null, sortKeys, false,
                limitClause(select.limit(), "LIMIT"), limitClause(select.offset(), "OFFSET"), null, null)
                .withLimitWithTies(select.limitWithTies());
    }

    /** Where the first output column of a set operation's branch is written (PostgreSQL's error position). */
    static int firstColumnLocation(SelectStmt branch) {
        while (branch.op() != null) {
            branch = branch.left();
        }
        if (branch.values() != null && !branch.values().isEmpty() && !branch.values().getFirst().isEmpty()) {
            return branch.values().getFirst().getFirst().location();
        }
        return branch.targets() == null || branch.targets().isEmpty() ? branch.location()
                : branch.targets().getFirst().value().location();
    }

    /** A VALUES list as a query ({@code transformValuesClause}): columns column1..n of the rows' common types. */
    private Query values(SelectStmt select) {
        List<List<QueryExpr>> rows = new ArrayList<>();
        int width = -1;
        for (List<org.woolly.nodes.parse.Expr> row : select.values()) {
            if (width >= 0 && row.size() != width) {
                throw ParseState.error(SqlState.SYNTAX_ERROR, row.isEmpty() ? select.location() : row.getFirst().location(),
                        "VALUES lists must all be the same length");
            }
            width = row.size();
            List<QueryExpr> analyzed = new ArrayList<>();
            state.setReturningForbiddenIn = "VALUES";
            String savedAggregates = state.aggregateForbiddenIn;
            state.aggregateForbiddenIn = "VALUES";
            try {
                for (org.woolly.nodes.parse.Expr expr : row) {
                    analyzed.add(expressions.transform(expr));
                }
            } finally {
                state.setReturningForbiddenIn = null;
                state.aggregateForbiddenIn = savedAggregates;
            }
            rows.add(analyzed);
        }
        int[] types = new int[width];
        int[] typmods = new int[width];
        List<String> names = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            int[] columnTypes = new int[rows.size()];
            for (int row = 0; row < rows.size(); row++) {
                columnTypes[row] = rows.get(row).get(column).type();
            }
            try {
                types[column] = state.types.commonType(columnTypes, "VALUES");
            } catch (org.woolly.utils.error.SqlException error) {
                throw ParseState.at(error, select.location());
            }
            typmods[column] = -1;
            names.add("column" + (column + 1));
            for (List<QueryExpr> row : rows) {
                QueryExpr coerced = Coercions.coerce(state, row.get(column), types[column], -1,
                        TypeSystem.CoercionContext.IMPLICIT, select.location());
                if (coerced == null) {
                    throw ParseState.error(SqlState.DATATYPE_MISMATCH, select.location(), "VALUES could not convert type %s to %s",
                            state.types.formatType(row.get(column).type(), -1), state.types.formatType(types[column], -1));
                }
                row.set(column, coerced);
            }
        }
        RangeEntry entry = new RangeEntry(RangeEntry.Kind.VALUES, "*VALUES*", null, null, rows, names, types, typmods,
                state.nextOffset(), false);
        state.rangeTable.add(entry);
        List<TargetEntry> targets = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            targets.add(new TargetEntry(ColumnResolver.var(entry, i, -1), names.get(i), 0, (short) 0, false));
        }
        List<SortKey> sortKeys = orderBy(select.orderBy(), targets, false);
        return new Query(Query.CommandType.SELECT, List.copyOf(state.rangeTable), List.of(new FromNode.Leaf(0)), null,
                targets, List.of(), List.of(), null, sortKeys, false, limitClause(select.limit(), "LIMIT"),
                limitClause(select.offset(), "OFFSET"), null, null).withLimitWithTies(select.limitWithTies());
    }

    private Query branch(SelectStmt branch) {
        ParseState branchState = state.nested(false);
        Query query = new SelectAnalyzer(branchState).analyze(branch);
        state.parameterTypes = branchState.parameterTypes;
        return query;
    }

    private Query coerceOutputs(Query branch, int[] types) {
        return coerceOutputs(state, branch, types);
    }

    /** A set operation's branch with its visible outputs coerced to the common {@code types}. */
    static Query coerceOutputs(ParseState state, Query branch, int[] types) {
        List<TargetEntry> targets = new ArrayList<>(branch.targetList());
        int visible = 0;
        for (int i = 0; i < targets.size() && visible < types.length; i++) {
            TargetEntry entry = targets.get(i);
            if (entry.junk()) {
                continue;
            }
            QueryExpr coerced = Coercions.coerce(state, entry.expr(), types[visible], -1,
                    TypeSystem.CoercionContext.IMPLICIT, -1);
            targets.set(i, new TargetEntry(coerced, entry.name(), entry.tableOid(), entry.columnNumber(), false));
            visible++;
        }
        return new Query(branch.command(), branch.rangeTable(), branch.from(), branch.where(), targets, branch.groupBy(),
                branch.aggregates(), branch.having(), branch.sortKeys(), branch.distinct(), branch.limit(), branch.offset(),
                branch.resultRelation(), branch.returning(), branch.setOperation(), branch.onConflict(),
                branch.distinctOn(), branch.rowMarks(), branch.groupingSets()).withLimitWithTies(branch.limitWithTies());
    }

    List<TargetEntry> targetList(List<ResTarget> targets) {
        List<TargetEntry> entries = new ArrayList<>();
        for (ResTarget target : targets) {
            if (target.value() instanceof Expr.ColumnRef ref && ref.fields().getLast().equals("*")) {
                expandStar(ref, entries);
                continue;
            }
            if (target.value() instanceof Expr.FieldSelect select && select.field().equals("*")) {
                // (e).*: one column per field of the composite value
                QueryExpr row = expressions.transform(select.arg());
                for (String field : RowExpressions.fieldNamesOf(state, row, select.arg().location())) {
                    entries.add(entry(RowExpressions.field(state, row, field, select.location()), field));
                }
                continue;
            }
            QueryExpr expr = Coercions.unknownToText(state, expressions.transform(target.value()));
            String name = target.name() != null ? target.name() : OutputNames.of(target.value());
            entries.add(entry(expr, name));
        }
        return entries;
    }

    private TargetEntry entry(QueryExpr expr, String name) {
        if (expr instanceof QueryExpr.Var var) {
            int remaining = var.position();
            for (RangeEntry range : state.rangeTable) {
                if (remaining < range.width()) {
                    if (range.kind() == RangeEntry.Kind.RELATION && remaining < range.columnNames().size()) {
                        return new TargetEntry(expr, name, range.relation().oid(),
                                range.relation().attributeNumbers()[remaining], false);
                    }
                    break;
                }
                remaining -= range.width();
            }
        }
        return new TargetEntry(expr, name, 0, (short) 0, false);
    }

    private void expandStar(Expr.ColumnRef ref, List<TargetEntry> entries) {
        List<RangeEntry> sources;
        if (ref.fields().size() == 1) {
            if (state.rangeTable.isEmpty()) {
                throw ParseState.error(SqlState.SYNTAX_ERROR, ref.location(), "SELECT * with no tables specified is not valid");
            }
            for (StarExpansion.Column column : StarExpansion.columns(state, ref.location())) {
                entries.add(entry(column.expr(), column.name()));
            }
            return;
        } else {
            StarExpansion.JoinScope join = ref.fields().size() == 2
                    ? StarExpansion.aliased(state, ref.fields().getFirst()) : null;
            if (join != null) {
                for (StarExpansion.Column column : join.columns()) {
                    entries.add(entry(StarExpansion.at(column, ref.location()).expr(), column.name()));
                }
                return;
            }
            sources = List.of(state.rangeTable.get(ColumnResolver.findTable(state, ref.fields().get(ref.fields().size() - 2),
                    ref.location())));
        }
        for (RangeEntry source : sources) {
            int sourceIndex = state.rangeTable.indexOf(source);
            for (int i = 0; i < source.columnNames().size(); i++) {
                if (ref.fields().size() == 1 && state.hiddenColumns.contains(sourceIndex + ":" + source.columnNames().get(i))
                        || ColumnResolver.isExpansionTableOid(state, sourceIndex, i)) {
                    continue;
                }
                entries.add(entry(ColumnResolver.var(source, i, ref.location()), source.columnNames().get(i)));
            }
        }
    }

    /**
     * The GROUP BY expressions, each once; with grouping-set constructs also {@link #groupingSets}
     * ({@code transformGroupClause}).
     */
    private List<QueryExpr> groupBy(SelectStmt select, List<TargetEntry> targets) {
        List<QueryExpr> groupBy = new ArrayList<>();
        if (select.groupBy() == null) {
            return groupBy;
        }
        String saved = state.aggregateForbiddenIn;
        state.aggregateForbiddenIn = "GROUP BY";
        try {
            groupingSets = GroupingSetExpansion.expand(select.groupBy(), item -> {
                QueryExpr expr = outputReference(item, targets, "GROUP BY", false);
                if (expr == null) {
                    expr = Coercions.unknownToText(state, expressions.transform(item));
                }
                requireOrdering(expr.type(), item.location(), false);
                if (!groupBy.contains(expr)) {
                    groupBy.add(expr);
                }
                return groupBy.indexOf(expr);
            });
        } finally {
            state.aggregateForbiddenIn = saved;
        }
        return groupBy;
    }

    /**
     * A GROUP BY / ORDER BY item naming an output column by number or by name; null when it is
     * an ordinary expression. ORDER BY prefers output names, GROUP BY input columns.
     */
    private QueryExpr outputReference(Expr item, List<TargetEntry> targets, String clause, boolean preferOutput) {
        if (item instanceof Expr.Constant constant && constant.kind() == Expr.Constant.Kind.INTEGER) {
            int number = Integer.parseInt(constant.value());
            List<TargetEntry> visible = targets.stream().filter(entry -> !entry.junk()).toList();
            if (number < 1 || number > visible.size()) {
                throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, constant.location(),
                        "%s position %d is not in select list", clause, number);
            }
            return visible.get(number - 1).expr();
        }
        if (item instanceof Expr.ColumnRef ref && ref.fields().size() == 1) {
            String name = ref.fields().getFirst();
            if (!preferOutput && inputColumnExists(name)) {
                return null;
            }
            QueryExpr found = null;
            for (TargetEntry entry : targets) {
                if (!entry.junk() && entry.name().equals(name)) {
                    if (found != null && !found.equals(entry.expr())) {
                        throw ParseState.error(SqlState.AMBIGUOUS_COLUMN, ref.location(), "%s \"%s\" is ambiguous", clause, name);
                    }
                    found = entry.expr();
                }
            }
            return found;
        }
        return null;
    }

    private boolean inputColumnExists(String name) {
        return state.rangeTable.stream().anyMatch(entry -> entry.columnNames().contains(name));
    }

    /**
     * A sort or grouping key needs the type's default btree operator class
     * ({@code get_sort_group_operators}): the geometric types have none, so ORDER BY fails with
     * 42883 and the hint, DISTINCT and GROUP BY without it.
     */
    private void requireOrdering(int type, int location, boolean sorting) {
        if (BuiltinTypes.hasBtreeOrdering(type)) {
            return;
        }
        SqlException error = ParseState.error(SqlState.UNDEFINED_FUNCTION, location,
                "could not identify an %s operator for type %s", sorting ? "ordering" : "equality",
                state.types.formatType(type, -1));
        throw sorting ? error.withHint("Use an explicit ordering operator or modify the query.") : error;
    }

    private List<SortKey> orderBy(List<SortBy> orderBy, List<TargetEntry> targets, boolean distinct) {
        List<SortKey> keys = new ArrayList<>();
        if (orderBy == null) {
            return keys;
        }
        for (SortBy sortBy : orderBy) {
            QueryExpr expr = outputReference(sortBy.expr(), targets, "ORDER BY", true);
            if (expr == null) {
                expr = Coercions.unknownToText(state, expressions.transform(sortBy.expr()));
            }
            int index = -1;
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).expr().equals(expr)) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                if (distinct) {
                    throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, sortBy.expr().location(),
                            "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
                }
                targets.add(new TargetEntry(expr, "?sort?", 0, (short) 0, true));
                index = targets.size() - 1;
            }
            requireOrdering(expr.type(), sortBy.expr().location(), true);
            boolean nullsFirst = sortBy.nullsFirst() != null ? sortBy.nullsFirst() : sortBy.descending();
            keys.add(new SortKey(index, sortBy.descending(), nullsFirst, state.types.comparator(expr.type())));
        }
        return keys;
    }

    private QueryExpr limitClause(Expr expr, String clause) {
        if (expr == null) {
            return null;
        }
        String saved = state.aggregateForbiddenIn;
        state.aggregateForbiddenIn = clause;
        try {
            QueryExpr analyzed = expressions.transform(expr);
            if (ExpressionWalkerSupport.hasVariables(analyzed)) {
                throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, expr.location(),
                        "argument of %s must not contain variables", clause);
            }
            if (analyzed instanceof QueryExpr.Const constant && constant.value() instanceof Number number
                    && (constant.type() == TypeOids.INT4 || constant.type() == TypeOids.INT8)) {
                return new QueryExpr.Const(TypeOids.INT8, -1, number.longValue());
            }
            QueryExpr coerced = Coercions.coerce(state, analyzed, TypeOids.INT8, -1, TypeSystem.CoercionContext.IMPLICIT,
                    expr.location());
            if (coerced == null) {
                throw ParseState.error(SqlState.DATATYPE_MISMATCH, expr.location(), "argument of %s must be type %s, not type %s",
                        clause, "bigint", state.types.formatType(analyzed.type(), -1));
            }
            return coerced;
        } finally {
            state.aggregateForbiddenIn = saved;
        }
    }
}
