package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.OnConflictClause;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SetClause;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.OnConflict;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.TargetEntry;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlState;

/** INSERT, UPDATE and DELETE ({@code transformInsertStmt} etc. in {@code analyze.c}, {@code parse_target.c}). */
final class ModifyAnalyzer {
    private final ParseState state;
    private final ExpressionAnalyzer expressions;
    private final Analyzer.ExpressionParser expressionParser;
    /** When this analyzes one member table of an UPDATE/DELETE of its parent: that parent, else null. */
    private RelationInfo memberOf;

    ModifyAnalyzer(ParseState state, Analyzer.ExpressionParser expressionParser) {
        this.state = state;
        this.expressions = new ExpressionAnalyzer(state);
        this.expressionParser = expressionParser;
    }

    Query insert(Statement.Insert insert) {
        RelationInfo relation = targetRelation(insert.table(), insert.location(), ViewTarget.INSERT);
        List<AttributeInfo> targetColumns = insertColumns(relation, insert);
        IdentityColumns.checkInsert(insert, targetColumns);
        RangeEntry resultRelation = resultEntry(relation, insert.alias(), false);
        List<QueryExpr> row;
        if (insert.defaultValues()) {
            state.rangeTable.add(new RangeEntry(RangeEntry.Kind.VALUES, "*VALUES*", null, null, List.of(List.of()),
                    List.of(), new int[0], new int[0], 0, false));
            row = completeRow(relation, new ArrayList<>(), List.of());
        } else if (insert.source().values() != null) {
            row = valuesSource(relation, targetColumns, insert);
        } else {
            row = selectSource(relation, targetColumns, insert);
        }
        IdentityColumns.overrideUserValues(this, insert, targetColumns, row);
        List<TargetEntry> targets = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            targets.add(new TargetEntry(row.get(i), relation.attributes().get(i).name(), 0, (short) 0, false));
        }
        OnConflict onConflict = insert.onConflict() == null ? null : onConflict(relation, insert);
        return new Query(Query.CommandType.INSERT, List.copyOf(state.rangeTable), List.of(new FromNode.Leaf(0)), null,
                targets, List.of(), List.of(), null, List.of(), false, null, null, resultRelation,
                returning(relation, insert.alias(), insert.returning(), relation.kind() == 'p'), null, onConflict);
    }

    private List<AttributeInfo> insertColumns(RelationInfo relation, Statement.Insert insert) {
        if (insert.columns() == null || insert.columns().isEmpty()) {
            // Without a column list the targets are the first N columns, N being the width of
            // the source; the rest take their defaults (transformInsertStmt).
            int width = sourceWidth(insert);
            return width < 0 || width >= relation.attributes().size()
                    ? relation.attributes() : relation.attributes().subList(0, width);
        }
        List<AttributeInfo> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> partial = new HashSet<>();
        for (int i = 0; i < insert.columns().size(); i++) {
            String name = insert.columns().get(i);
            int location = insert.columnLocations() != null && insert.columnLocations().size() > i
                    ? insert.columnLocations().get(i) : insert.location();
            AttributeInfo attribute = relation.attribute(name);
            if (attribute == null) {
                throw ParseState.error(SqlState.UNDEFINED_COLUMN, location, "column \"%s\" of relation \"%s\" does not exist",
                        name, relation.name());
            }
            // several element assignments may share a column, a whole-column one may not (checkInsertTargets)
            boolean whole = insertTarget(insert, i) == null;
            boolean repeated = whole ? !seen.add(name) || partial.contains(name) : seen.contains(name);
            if (!whole) {
                partial.add(name);
            }
            if (repeated) {
                throw ParseState.error(SqlState.DUPLICATE_COLUMN, location, "column \"%s\" specified more than once", name);
            }
            columns.add(attribute);
        }
        return columns;
    }

    /** DEFAULT for a part of a column ({@code transformAssignedExpr}): there is no default for it. */
    private static void refuseElementDefault(Expr target, int location) {
        if (target != null) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location,
                    AssignmentIndirection.startsWithSubscript(target) ? "cannot set an array element to DEFAULT"
                            : "cannot set a subfield to DEFAULT");
        }
    }

    private static Expr insertTarget(Statement.Insert insert, int index) {
        return insert.columnTargets() == null ? null : insert.columnTargets().get(index);
    }

    /**
     * An element, slice or field assignment ({@code col[i] = v}, {@code col.f[2] = v}) over the
     * column's value {@code base}; errors point at the target's column ({@code location}).
     */
    private QueryExpr indirectionAssignment(Expr target, QueryExpr base, AttributeInfo attribute, QueryExpr value,
                                            int location, int valueLocation) {
        boolean domain = attribute.domainOid() != 0;
        return AssignmentIndirection.assign(expressions, state, target, base, attribute.name(),
                domain ? attribute.domainOid() : attribute.typeOid(), domain ? -1 : attribute.typeModifier(), value,
                location, valueLocation);
    }

    /**
     * The value stored for target {@code index} of INSERT's column list: {@code value} assigned to
     * the column, or to its element or slice within the earlier targets' array (a null at first).
     */
    private QueryExpr insertValue(Statement.Insert insert, List<AttributeInfo> columns, List<QueryExpr> earlier, int index,
                                  QueryExpr value, int location) {
        AttributeInfo attribute = columns.get(index);
        Expr target = insertTarget(insert, index);
        if (target == null) {
            return assign(attribute, value, location);
        }
        int previous = columns.subList(0, index).lastIndexOf(attribute);
        QueryExpr base = previous >= 0 ? earlier.get(previous)
                : new QueryExpr.Const(attribute.typeOid(), attribute.typeModifier(), null);
        return indirectionAssignment(target, base, attribute, value, insert.columnLocations().get(index), location);
    }

    /** The number of values the source supplies per row, or -1 when it is not known before analysis. */
    private static int sourceWidth(Statement.Insert insert) {
        if (insert.defaultValues() || insert.source() == null) {
            return -1;
        }
        if (insert.source().values() != null) {
            List<List<Expr>> rows = insert.source().values();
            int width = rows.getFirst().size();
            for (List<Expr> row : rows) {
                if (row.size() != width) {
                    throw ParseState.error(SqlState.SYNTAX_ERROR, row.isEmpty() ? -1 : row.getFirst().location(),
                            "VALUES lists must all be the same length");
                }
            }
            return width;
        }
        if (insert.source().op() == null && !insert.source().targets().isEmpty()
                && insert.source().targets().stream().noneMatch(target -> isStar(target.value()))) {
            return insert.source().targets().size();
        }
        return -1;
    }

    private static boolean isStar(Expr expr) {
        return expr instanceof Expr.ColumnRef ref && ref.fields().getLast().equals("*");
    }

    private List<QueryExpr> valuesSource(RelationInfo relation, List<AttributeInfo> columns, Statement.Insert insert) {
        String savedAggregates = state.aggregateForbiddenIn;
        state.aggregateForbiddenIn = "VALUES";
        try {
            return valuesSourceRows(relation, columns, insert);
        } finally {
            state.aggregateForbiddenIn = savedAggregates;
        }
    }

    private List<QueryExpr> valuesSourceRows(RelationInfo relation, List<AttributeInfo> columns, Statement.Insert insert) {
        List<List<QueryExpr>> analyzedRows = new ArrayList<>();
        for (List<Expr> row : insert.source().values()) {
            analyzedRows.add(valuesRow(relation, columns, insert, row));
        }
        int count = relation.attributes().size();
        int[] types = new int[count];
        int[] typmods = new int[count];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            types[i] = relation.attributes().get(i).typeOid();
            typmods[i] = relation.attributes().get(i).typeModifier();
            names.add("column" + (i + 1));
        }
        RangeEntry values = new RangeEntry(RangeEntry.Kind.VALUES, "*VALUES*", null, null, analyzedRows, names, types,
                typmods, 0, false);
        state.rangeTable.add(values);
        List<QueryExpr> row = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            row.add(ColumnResolver.var(values, i, -1));
        }
        return row;
    }

    /** One row of INSERT's VALUES analyzed and completed to the table's full row. */
    private List<QueryExpr> valuesRow(RelationInfo relation, List<AttributeInfo> columns, Statement.Insert insert,
                                      List<Expr> row) {
        checkArity(columns.size(), row.size(), row.isEmpty() ? -1 : row.getLast().location());
        List<QueryExpr> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            Expr expr = row.get(i);
            if (expr instanceof Expr.Default && insertTarget(insert, i) != null) {
                refuseElementDefault(insertTarget(insert, i), insert.columnLocations().get(i));
            }
            values.add(expr instanceof Expr.Default ? defaultValue(columns.get(i))
                    : insertValue(insert, columns, values, i, expressions.transform(expr), expr.location()));
        }
        return completeRow(relation, values, columns);
    }

    /**
     * MERGE's {@code WHEN NOT MATCHED THEN INSERT} ({@code transformMergeStmt}'s INSERT action,
     * done as {@code transformInsertStmt} does a single VALUES row): the complete new row, its
     * expressions reading the statement's join row.
     */
    List<QueryExpr> mergeInsertRow(RelationInfo relation, Statement.Insert insert) {
        List<AttributeInfo> targetColumns = insertColumns(relation, insert);
        if (!insert.defaultValues()) {
            // transformInsertRow counts before the rewriter looks at identity columns
            List<Expr> values = insert.source().values().getFirst();
            checkArity(targetColumns.size(), values.size(), values.isEmpty() ? -1 : values.getLast().location());
        }
        IdentityColumns.checkInsert(insert, targetColumns);
        List<QueryExpr> row;
        if (insert.defaultValues()) {
            row = completeRow(relation, new ArrayList<>(), List.of());
        } else {
            String savedAggregates = state.aggregateForbiddenIn;
            state.aggregateForbiddenIn = "VALUES";
            try {
                row = valuesRow(relation, targetColumns, insert, insert.source().values().getFirst());
            } finally {
                state.aggregateForbiddenIn = savedAggregates;
            }
        }
        IdentityColumns.overrideUserValues(this, insert, targetColumns, row);
        return row;
    }

    private static void checkArity(int columns, int expressions, int location) {
        if (expressions > columns) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, location, "INSERT has more expressions than target columns");
        }
        if (expressions < columns) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, location, "INSERT has more target columns than expressions");
        }
    }

    private List<QueryExpr> selectSource(RelationInfo relation, List<AttributeInfo> columns, Statement.Insert insert) {
        ParseState subState = state.child(state.parameterTypes);
        Query subquery = new SelectAnalyzer(subState).analyze(insert.source());
        state.parameterTypes = subState.parameterTypes;
        List<TargetEntry> outputs = subquery.outputColumns();
        checkArity(columns.size(), outputs.size(), insert.source().location());
        List<String> names = new ArrayList<>();
        int[] types = new int[outputs.size()];
        int[] typmods = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            names.add(outputs.get(i).name());
            types[i] = outputs.get(i).expr().type();
            typmods[i] = outputs.get(i).expr().typmod();
        }
        RangeEntry source = new RangeEntry(RangeEntry.Kind.SUBQUERY, "*SELECT*", null, subquery, null, names, types,
                typmods, 0, false);
        state.rangeTable.add(source);
        List<QueryExpr> values = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            values.add(insertValue(insert, columns, values, i, ColumnResolver.var(source, i, -1),
                    insert.source().location()));
        }
        return completeRow(relation, values, columns);
    }

    /** The full row in attribute order: given values where listed, defaults (or null) elsewhere. */
    private List<QueryExpr> completeRow(RelationInfo relation, List<QueryExpr> values, List<AttributeInfo> columns) {
        List<QueryExpr> row = new ArrayList<>();
        for (AttributeInfo attribute : relation.attributes()) {
            int index = columns.lastIndexOf(attribute);
            row.add(index >= 0 ? values.get(index) : defaultValue(attribute));
        }
        return row;
    }

    /** The column's DEFAULT expression analyzed (no column references), or a typed null. */
    QueryExpr defaultValue(AttributeInfo attribute) {
        if (attribute.defaultExpression() == null) {
            QueryExpr none = new QueryExpr.Const(attribute.typeOid(), attribute.typeModifier(), null);
            // a domain's NOT NULL applies to the null a missing value stands for
            return attribute.domainOid() == 0 ? none : assign(attribute, none, -1);
        }
        ParseState defaultState = state.child(null);
        defaultState.aggregateForbiddenIn = "DEFAULT expressions";
        defaultState.inDefaultExpression = true;
        Expr parsed = expressionParser.parseExpression(attribute.defaultExpression());
        QueryExpr expr = new ExpressionAnalyzer(defaultState).transform(parsed);
        return new ModifyAnalyzer(defaultState, expressionParser).assign(attribute, expr, -1);
    }

    /** Assignment coercion to a column (42804 with PostgreSQL's hint when none exists). */
    QueryExpr assign(AttributeInfo attribute, QueryExpr expr, int location) {
        boolean domain = attribute.domainOid() != 0;
        QueryExpr coerced = Coercions.coerce(state, expr, domain ? attribute.domainOid() : attribute.typeOid(),
                domain ? -1 : attribute.typeModifier(), TypeSystem.CoercionContext.ASSIGNMENT, location);
        if (coerced == null) {
            throw ParseState.error(SqlState.DATATYPE_MISMATCH, location,
                    "column \"%s\" is of type %s but expression is of type %s", attribute.name(),
                    domain ? state.types.formatType(attribute.domainOid(), -1)
                            : state.types.formatType(attribute.typeOid(), attribute.typeModifier()),
                    state.types.formatType(expr.type(), expr.typmod()))
                    .withHint("You will need to rewrite or cast the expression.");
        }
        return coerced;
    }

    Query update(Statement.Update update) {
        RelationInfo relation = targetRelation(update.table(), update.location(), ViewTarget.UPDATE);
        List<RelationInfo> members = InheritanceExpansion.modifiedMembers(state, relation, update.only());
        Query top = update(update, relation, update.alias());
        return members == null ? top : inherited(top, relation, update.alias(), members,
                (analyzer, member, alias) -> analyzer.update(update, member, alias));
    }

    private Query update(Statement.Update update, RelationInfo relation, String alias) {
        FromAnalyzer.addRelation(state, relation, alias, true);
        RangeEntry entry = state.rangeTable.getFirst();
        List<FromNode> from = joinedFrom(update.from());
        List<QueryExpr> row = new ArrayList<>();
        for (int i = 0; i < relation.attributes().size(); i++) {
            row.add(ColumnResolver.var(entry, i, -1));
        }
        assignments(relation, update.assignments(), row, "UPDATE");
        QueryExpr where = modifyWhere(update.where(), relation, entry);
        List<TargetEntry> targets = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            targets.add(new TargetEntry(row.get(i), relation.attributes().get(i).name(), 0, (short) 0, false));
        }
        return new Query(Query.CommandType.UPDATE, List.copyOf(state.rangeTable), from, where,
                targets, List.of(), List.of(), null, List.of(), false, null, null, entry,
                returning(relation, alias, update.returning()));
    }

    /** Analyzes the statement once more for one table it changes, under the alias given. */
    private interface MemberAnalysis {
        Query analyze(ModifyAnalyzer analyzer, RelationInfo member, String alias);
    }

    /**
     * UPDATE or DELETE of a table with inheritance children or partitions (PostgreSQL's
     * {@code inheritance_planner} before version 14): the statement analyzed again for each
     * table it changes, that table in the parent's place under the parent's name (so its
     * columns, at their own positions, and its tableoid are resolved by name), then renamed
     * {@code name_1}, {@code name_2}, ... as EXPLAIN shows PostgreSQL's child entries. The
     * per-table commands are the branches of the returned query's set operation; the planner
     * plans them one by one under a ModifyTable of the parent.
     */
    private Query inherited(Query top, RelationInfo parent, String alias, List<RelationInfo> members,
                            MemberAnalysis analysis) {
        String name = alias == null ? parent.name() : alias;
        List<Query> branches = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            RelationInfo member = members.get(i);
            RelationInfo locked = FromAnalyzer.lookupTable(state, new org.woolly.nodes.parse.QualifiedName(
                    member.namespaceName(), member.name(), -1), LockMode.ROW_EXCLUSIVE);
            ParseState memberState = state.child(state.parameterTypes);
            memberState.ctes.addAll(state.ctes);
            memberState.parent = state.parent;
            memberState.parentHidden = state.parentHidden;
            ModifyAnalyzer memberAnalyzer = new ModifyAnalyzer(memberState, expressionParser);
            memberAnalyzer.memberOf = parent;
            Query branch = analysis.analyze(memberAnalyzer, locked, name);
            state.parameterTypes = memberState.parameterTypes;
            if (PartitionPruning.excluded(state, locked, parent.oid(), branch.where(),
                    column -> PartitionPruning.leafPosition(locked, column))) {
                continue;
            }
            RangeEntry renamed = branch.resultRelation().withAlias(name + "_" + (branches.size() + 1));
            List<RangeEntry> rangeTable = new ArrayList<>(branch.rangeTable());
            rangeTable.set(0, renamed);
            branches.add(new Query(branch.command(), List.copyOf(rangeTable), branch.from(), branch.where(),
                    branch.targetList(), List.of(), List.of(), null, List.of(), false, null, null, renamed,
                    branch.returning()));
        }
        return new Query(top.command(), top.rangeTable(), top.from(), top.where(), top.targetList(), List.of(),
                List.of(), null, List.of(), false, null, null, top.resultRelation(), top.returning(),
                new Query.SetOperation(true, List.copyOf(branches)), null, null, List.of());
    }

    /** Applies SET clauses to {@code row} (the complete new row in attribute order). */
    void assignments(RelationInfo relation, List<SetClause> clauses, List<QueryExpr> row, String command) {
        Set<String> assigned = new HashSet<>();
        Set<String> partial = new HashSet<>();
        for (SetClause clause : clauses) {
            AttributeInfo attribute = relation.attribute(clause.column());
            if (attribute == null) {
                throw ParseState.error(SqlState.UNDEFINED_COLUMN, clause.location(),
                        "column \"%s\" of relation \"%s\" does not exist", clause.column(), relation.name());
            }
            boolean whole = clause.target() == null;
            boolean repeated = whole ? !assigned.add(clause.column()) || partial.contains(clause.column())
                    : assigned.contains(clause.column());
            if (!whole) {
                partial.add(clause.column());
            }
            if (repeated) {
                // PostgreSQL finds this in the rewriter, which knows no positions
                throw ParseState.error(SqlState.SYNTAX_ERROR, -1, "multiple assignments to same column \"%s\"",
                        clause.column());
            }
            IdentityColumns.checkUpdate(attribute, clause);
            String saved = state.aggregateForbiddenIn;
            state.aggregateForbiddenIn = command;
            try {
                QueryExpr value;
                if (clause.value() instanceof Expr.Default) {
                    refuseElementDefault(clause.target(), clause.location());
                    value = defaultValue(attribute);
                } else if (whole) {
                    value = assign(attribute, expressions.transform(clause.value()), clause.value().location());
                } else {
                    value = indirectionAssignment(clause.target(), row.get(relation.position(attribute.number())), attribute,
                            expressions.transform(clause.value()), clause.location(), clause.value().location());
                }
                // a position among the live columns: attnums count dropped columns too
                row.set(relation.position(attribute.number()), value);
            } finally {
                state.aggregateForbiddenIn = saved;
            }
        }
    }

    /**
     * ON CONFLICT ({@code transformOnConflictClause}, {@code infer_arbiter_indexes}): the arbiter
     * indexes (all unique indexes for DO NOTHING without a target), and for DO UPDATE the new row
     * and WHERE over the existing row followed by {@code excluded}.
     */
    private OnConflict onConflict(RelationInfo relation, Statement.Insert insert) {
        OnConflictClause clause = insert.onConflict();
        List<Integer> arbiters = new ArrayList<>();
        if (clause.constraint() != null) {
            org.woolly.catalog.ConstraintInfo constraint = relation.constraint(clause.constraint());
            if (constraint == null) {
                throw org.woolly.utils.error.SqlException.of(SqlState.UNDEFINED_OBJECT,
                        "constraint \"%s\" for table \"%s\" does not exist", clause.constraint(), relation.name());
            }
            if (constraint.type() != org.woolly.catalog.ConstraintInfo.PRIMARY_KEY
                    && constraint.type() != org.woolly.catalog.ConstraintInfo.UNIQUE) {
                throw org.woolly.utils.error.SqlException.of(SqlState.WRONG_OBJECT_TYPE,
                        "constraint in ON CONFLICT clause has no associated index");
            }
            arbiters.add(constraint.indexOid());
        } else if (!clause.targets().isEmpty()) {
            Set<Short> wanted = new HashSet<>();
            List<QueryExpr> wantedExpressions = new ArrayList<>();
            for (Expr target : clause.targets()) {
                if (target instanceof Expr.ColumnRef ref && ref.fields().size() == 1) {
                    AttributeInfo attribute = relation.attribute(ref.fields().getFirst());
                    if (attribute == null) {
                        throw ParseState.error(SqlState.UNDEFINED_COLUMN, clause.location(),
                                "column \"%s\" does not exist", ref.fields().getFirst());
                    }
                    wanted.add(attribute.number());
                } else {
                    wantedExpressions.add(indexExpression(relation, target, false));
                }
            }
            QueryExpr targetWhere = clause.targetWhere() == null ? null
                    : indexExpression(relation, clause.targetWhere(), true);
            for (org.woolly.catalog.IndexInfo index : relation.indexes()) {
                if (index.unique() && index.valid() && inferred(relation, index, wanted, wantedExpressions, targetWhere)) {
                    arbiters.add(index.oid());
                }
            }
            if (arbiters.isEmpty()) {
                throw org.woolly.utils.error.SqlException.of(SqlState.INVALID_COLUMN_REFERENCE,
                        "there is no unique or exclusion constraint matching the ON CONFLICT specification");
            }
        } else if (clause.doUpdate()) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, clause.location(),
                    "ON CONFLICT DO UPDATE requires inference specification or constraint name")
                    .withHint("For example, ON CONFLICT (column_name).");
        }
        if (!clause.doUpdate()) {
            return new OnConflict(false, List.copyOf(arbiters), List.of(), null);
        }
        ParseState updateState = state.child(state.parameterTypes);
        FromAnalyzer.addRelation(updateState, relation, insert.alias(), false);
        FromAnalyzer.addRelation(updateState, relation, "excluded", false);
        ModifyAnalyzer updateAnalyzer = new ModifyAnalyzer(updateState, expressionParser);
        RangeEntry existing = updateState.rangeTable.getFirst();
        List<QueryExpr> row = new ArrayList<>();
        for (int i = 0; i < relation.attributes().size(); i++) {
            row.add(ColumnResolver.var(existing, i, -1));
        }
        updateAnalyzer.assignments(relation, clause.assignments(), row, "UPDATE");
        QueryExpr where = FromAnalyzer.where(updateState, updateAnalyzer.expressions, clause.where());
        state.parameterTypes = updateState.parameterTypes;
        return new OnConflict(true, List.copyOf(arbiters), List.copyOf(row), where);
    }

    /**
     * Whether a unique index matches an ON CONFLICT target ({@code infer_arbiter_indexes}): its
     * key columns are the target's columns, its expressions the target's expressions, and a
     * partial index's predicate is implied by the target's WHERE.
     */
    private boolean inferred(RelationInfo relation, org.woolly.catalog.IndexInfo index, Set<Short> wanted,
                             List<QueryExpr> wantedExpressions, QueryExpr targetWhere) {
        List<Short> keys = index.columns().subList(0, index.keyColumnCount());
        Set<Short> columns = new HashSet<>(keys);
        columns.remove((short) 0);
        if (!columns.equals(wanted)) {
            return false;
        }
        List<QueryExpr> expressions = new ArrayList<>();
        for (String text : index.expressionTexts()) {
            expressions.add(indexExpression(relation, expressionParser.parseExpression(text), false));
        }
        for (QueryExpr expression : expressions) {
            if (wantedExpressions.stream().noneMatch(target -> org.woolly.nodes.query.IndexPredicates.same(target,
                    expression))) {
                return false;
            }
        }
        for (QueryExpr target : wantedExpressions) {
            if (expressions.stream().noneMatch(expression -> org.woolly.nodes.query.IndexPredicates.same(target,
                    expression))) {
                return false;
            }
        }
        if (!index.partial()) {
            return true;
        }
        QueryExpr predicate = indexExpression(relation, expressionParser.parseExpression(index.predicate()), true);
        return targetWhere != null && org.woolly.nodes.query.IndexPredicates.impliedBy(predicate, targetWhere);
    }

    /** An index expression or predicate over {@code relation}'s row, analyzed as CREATE INDEX does. */
    private QueryExpr indexExpression(RelationInfo relation, Expr expr, boolean predicate) {
        ParseState indexState = new ParseState(state.types, state.catalog, state.transaction, state.formatSettings,
                state.notices, null);
        return new IndexAnalyzer(indexState).analyze(relation, expr, predicate);
    }

    Query delete(Statement.Delete delete) {
        RelationInfo relation = targetRelation(delete.table(), delete.location(), ViewTarget.DELETE);
        List<RelationInfo> members = InheritanceExpansion.modifiedMembers(state, relation, delete.only());
        Query top = delete(delete, relation, delete.alias());
        return members == null ? top : inherited(top, relation, delete.alias(), members,
                (analyzer, member, alias) -> analyzer.delete(delete, member, alias));
    }

    private Query delete(Statement.Delete delete, RelationInfo relation, String alias) {
        FromAnalyzer.addRelation(state, relation, alias, true);
        RangeEntry entry = state.rangeTable.getFirst();
        List<FromNode> from = joinedFrom(delete.using());
        QueryExpr where = modifyWhere(delete.where(), relation, entry);
        return new Query(Query.CommandType.DELETE, List.copyOf(state.rangeTable), from, where,
                List.of(), List.of(), List.of(), null, List.of(), false, null, null, entry,
                returning(relation, alias, delete.returning()));
    }

    /**
     * The WHERE of UPDATE or DELETE; {@code CURRENT OF cursor} becomes a test of the target row's
     * TID against the cursor's row ({@code transformCurrentOfExpr}), resolved when it runs.
     */
    private QueryExpr modifyWhere(Expr where, RelationInfo relation, RangeEntry entry) {
        if (where instanceof Expr.CurrentOf currentOf) {
            return new QueryExpr.CurrentOf(currentOf.cursorName(), relation.oid(), relation.name(),
                    new QueryExpr.Var(entry.offset() + entry.columnNames().size(), TypeOids.TID, -1, "ctid", -1));
        }
        return FromAnalyzer.where(state, expressions, where);
    }

    /**
     * The join tree of UPDATE ... FROM / DELETE ... USING: the target (range entry 0, with its
     * TID) followed by the other FROM items, joined like a comma list ({@code transformFromClause}
     * after the result relation). The row the modify node reads then starts with the target's
     * columns and TID.
     */
    private List<FromNode> joinedFrom(List<org.woolly.nodes.parse.FromItem> items) {
        List<FromNode> from = new ArrayList<>();
        from.add(new FromNode.Leaf(0));
        if (items != null) {
            from.addAll(FromAnalyzer.transform(state, expressions, items));
        }
        return List.copyOf(from);
    }

    private RelationInfo targetRelation(org.woolly.nodes.parse.QualifiedName name, int location, ViewTarget command) {
        RelationInfo relation = FromAnalyzer.lookupTable(state, name, LockMode.ROW_EXCLUSIVE);
        if (relation.kind() == 'v' && command == ViewTarget.INSERT && state.catalog.triggers(state.transaction,
                relation.oid()).stream().anyMatch(trigger -> trigger.instead()
                && trigger.firesOn(org.woolly.catalog.TriggerInfo.INSERT))) {
            // an INSTEAD OF INSERT trigger does the insert (rewriteTargetView leaves such a view alone)
            return relation;
        }
        if (relation.kind() == 'v') {
            throw ViewTarget.notUpdatable(state, relation, command);
        }
        if (relation.kind() == 'S') {
            // CheckValidResultRel: reported without a position
            throw org.woolly.utils.error.SqlException.of(SqlState.WRONG_OBJECT_TYPE, "cannot change sequence \"%s\"", relation.name());
        }
        if (relation.kind() != 'r' && relation.kind() != 'p') {
            throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, location, "cannot change relation \"%s\"", relation.name());
        }
        return relation;
    }

    private RangeEntry resultEntry(RelationInfo relation, String alias, boolean withTid) {
        ParseState scratch = state.child(null);
        FromAnalyzer.addRelation(scratch, relation, alias, withTid);
        return scratch.rangeTable.getFirst();
    }

    /** RETURNING reads the new (INSERT, UPDATE) or old (DELETE) row of the target relation. */
    private List<TargetEntry> returning(RelationInfo relation, String alias, List<ResTarget> returning) {
        return returning(relation, alias, returning, false);
    }

    /**
     * With {@code routed} (an INSERT into a partitioned table), the row RETURNING reads ends with
     * the OID of the partition it went to, which {@code tableoid} reads (a hidden column, as an
     * inheritance expansion carries it).
     */
    private List<TargetEntry> returning(RelationInfo relation, String alias, List<ResTarget> returning,
                                        boolean routed) {
        if (returning == null || returning.isEmpty()) {
            return List.of();
        }
        ParseState returningState = state.child(state.parameterTypes);
        returningState.aggregateForbiddenIn = "RETURNING";
        FromAnalyzer.addRelation(returningState, relation, alias, false);
        if (routed) {
            RangeEntry entry = returningState.rangeTable.getFirst();
            List<String> names = new ArrayList<>(entry.columnNames());
            names.add(InheritanceExpansion.TABLE_OID);
            int[] types = java.util.Arrays.copyOf(entry.columnTypes(), names.size());
            types[names.size() - 1] = org.woolly.utils.adt.TypeOids.OID;
            int[] typmods = java.util.Arrays.copyOf(entry.columnTypmods(), names.size());
            typmods[names.size() - 1] = -1;
            short[] numbers = java.util.Arrays.copyOf(entry.relation().attributeNumbers(), names.size());
            returningState.rangeTable.set(0, new RangeEntry(entry.kind(), entry.alias(), new RangeEntry.Relation(
                    entry.relation().oid(), entry.relation().name(), numbers), null, null, names, types, typmods,
                    entry.offset(), false));
            returningState.inheritanceParents.add(0);
            returningState.hiddenColumns.add("0:" + InheritanceExpansion.TABLE_OID);
        }
        int[] positions = memberOf == null ? null : parentOrder(memberOf, relation);
        if (positions != null) {
            // the parent's * and whole row, in its column order, over this member's columns
            // (map_variable_attnos of ExecInitModifyTable's per-partition RETURNING lists)
            RangeEntry entry = returningState.rangeTable.getFirst();
            List<String> names = new ArrayList<>();
            int[] types = new int[positions.length];
            int[] typmods = new int[positions.length];
            short[] numbers = new short[positions.length];
            for (int i = 0; i < positions.length; i++) {
                names.add(entry.columnNames().get(positions[i]));
                types[i] = entry.columnTypes()[positions[i]];
                typmods[i] = entry.columnTypmods()[positions[i]];
                numbers[i] = entry.relation().attributeNumbers()[positions[i]];
            }
            returningState.rangeTable.set(0, new RangeEntry(entry.kind(), entry.alias(), new RangeEntry.Relation(
                    entry.relation().oid(), entry.relation().name(), numbers), null, null, names, types, typmods,
                    entry.offset(), false));
        }
        List<TargetEntry> entries = new SelectAnalyzer(returningState).targetList(returning);
        state.parameterTypes = returningState.parameterTypes;
        if (positions == null) {
            return entries;
        }
        int offset = returningState.rangeTable.getFirst().offset();
        List<TargetEntry> mapped = new ArrayList<>();
        for (TargetEntry entry : entries) {
            QueryExpr expr = org.woolly.nodes.query.ExpressionWalker.rewrite(entry.expr(), node ->
                    node instanceof QueryExpr.Var var && var.position() >= offset
                            && var.position() < offset + positions.length
                            ? new QueryExpr.Var(offset + positions[var.position() - offset], var.type(), var.typmod(),
                                    var.name(), var.location()) : null);
            mapped.add(new TargetEntry(expr, entry.name(), entry.tableOid(), entry.columnNumber(), entry.junk()));
        }
        return mapped;
    }

    /**
     * For each column of {@code parent} in order, its position in {@code member}; null when
     * both have the same columns in the same order.
     */
    private static int[] parentOrder(RelationInfo parent, RelationInfo member) {
        int[] positions = new int[parent.attributes().size()];
        boolean same = parent.attributes().size() == member.attributes().size();
        for (int i = 0; i < positions.length; i++) {
            AttributeInfo column = member.attribute(parent.attributes().get(i).name());
            positions[i] = column == null ? -1 : member.position(column.number());
            same &= positions[i] == i;
            if (positions[i] < 0) {
                return null;
            }
        }
        return same ? null : positions;
    }
}
