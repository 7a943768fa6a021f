package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.nodes.parse.CommonTableExpr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.CteDefinition;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.TargetEntry;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * WITH queries ({@code parse_cte.c}): each CTE is analyzed once where its WITH clause is, and a
 * reference in FROM becomes a range entry over its query. WITH RECURSIVE: a CTE that names
 * itself must be {@code non-recursive-term UNION [ALL] recursive-term}; the non-recursive term
 * fixes the column types, and the self-reference in the recursive term becomes a work table.
 */
final class CteAnalyzer {

    /** A WITH query visible at one query level, with what analyzing it has found so far. */
    static final class Cte {
        final CommonTableExpr source;
        /** How a reference to the CTE is taken while its own body is analyzed. */
        Mode mode = Mode.DONE;
        Query query;
        List<String> names;
        int[] types;
        int[] typmods;
        boolean recursive;
        int workTableParam = -1;
        int selfReferences;
        /** What its references share, made at the first reference outside its own body. */
        CteDefinition definition;
        /** An INSERT, UPDATE or DELETE: references read its RETURNING rows from {@link #workTableParam}. */
        boolean modifying;
        boolean hasReturning;

        Cte(CommonTableExpr source) {
            this.source = source;
        }
    }

    enum Mode { PROBE, NON_RECURSIVE_TERM, RECURSIVE_TERM, DONE }

    /** Thrown by a self-reference while probing whether a CTE is recursive. */
    private static final class SelfReference extends RuntimeException {
        SelfReference() {
            super(null, null, false, false);
        }
    }

    private CteAnalyzer() {}

    /** Analyzes a WITH clause, making its CTEs visible to the rest of the query at {@code state}'s level. */
    static void analyzeWith(ParseState state, List<CommonTableExpr> with) {
        for (CommonTableExpr written : with) {
            CommonTableExpr source = SearchCycleRewrite.rewrite(written);
            for (Cte existing : state.ctes) {
                if (existing.source.name().equals(source.name())) {
                    throw ParseState.error(SqlState.DUPLICATE_ALIAS, source.location(),
                            "WITH query name \"%s\" specified more than once", source.name());
                }
            }
            if (!(source.query() instanceof Statement.Select select)) {
                state.ctes.add(dataModifying(state, source));
                continue;
            }
            Cte cte = new Cte(source);
            if (source.recursive()) {
                state.ctes.add(cte);
                recursive(state, cte, select.query());
            } else {
                Query query = new SelectAnalyzer(state.nested(true)).analyze(select.query());
                finish(cte, query, query.outputColumns());
                state.ctes.add(cte);
            }
        }
    }

    /**
     * An INSERT, UPDATE or DELETE in WITH ({@code transformWithClause}): only in the statement's
     * top-level WITH (0A000); it runs once before the main query, and its references read its
     * RETURNING rows from an execution parameter.
     */
    private static Cte dataModifying(ParseState state, CommonTableExpr source) {
        if (state.parent != null || state.expressionParser == null) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, source.location(),
                    "WITH clause containing a data-modifying statement must be at the top level");
        }
        ParseState inner = state.nested(true);
        ModifyAnalyzer analyzer = new ModifyAnalyzer(inner, state.expressionParser);
        Query query = switch (source.query()) {
            case Statement.Insert insert -> analyzer.insert(insert);
            case Statement.Update update -> analyzer.update(update);
            case Statement.Delete delete -> analyzer.delete(delete);
            default -> throw ParseState.error(SqlState.SYNTAX_ERROR, source.location(),
                    "WITH query \"%s\" must be a SELECT, INSERT, UPDATE or DELETE", source.name());
        };
        state.parameterTypes = inner.parameterTypes;
        Cte cte = new Cte(source);
        finish(cte, query, query.outputColumns());
        cte.modifying = true;
        cte.hasReturning = query.returning() != null && !query.returning().isEmpty();
        cte.workTableParam = state.newExecParam();
        state.dataModifyingCtes().add(new org.woolly.nodes.query.DataModifyingCte(source.name(), cte.workTableParam,
                query));
        return cte;
    }

    private static void recursive(ParseState state, Cte cte, SelectStmt body) {
        cte.mode = Mode.PROBE;
        try {
            Query query = new SelectAnalyzer(state.nested(true)).analyze(body);
            cte.mode = Mode.DONE;
            finish(cte, query, query.outputColumns());
            return;
        } catch (SelfReference reference) {
            cte.mode = Mode.DONE;
        } catch (RuntimeException error) {
            cte.mode = Mode.DONE;
            throw error;
        }
        String name = cte.source.name();
        if (body.op() != SelectStmt.SetOperation.UNION) {
            throw ParseState.error(SqlState.INVALID_RECURSION, cte.source.location(),
                    "recursive query \"%s\" does not have the form non-recursive-term UNION [ALL] recursive-term", name);
        }
        if (body.orderBy() != null && !body.orderBy().isEmpty()) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, body.orderBy().getFirst().expr().location(),
                    "ORDER BY in a recursive query is not implemented");
        }
        if (body.limit() != null || body.offset() != null) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, (body.limit() != null ? body.limit() : body.offset())
                    .location(), "OFFSET/LIMIT in a recursive query is not implemented");
        }
        ParseState cteState = state.nested(true);
        Query left;
        cte.mode = Mode.NON_RECURSIVE_TERM;
        try {
            left = new SelectAnalyzer(cteState.nested(false)).analyze(body.left());
        } finally {
            cte.mode = Mode.DONE;
        }
        List<TargetEntry> leftOutputs = left.outputColumns();
        finish(cte, null, leftOutputs);
        cte.recursive = true;
        cte.workTableParam = state.newExecParam();
        Query right;
        cte.mode = Mode.RECURSIVE_TERM;
        try {
            right = new SelectAnalyzer(cteState.nested(false)).analyze(body.right());
        } finally {
            cte.mode = Mode.DONE;
        }
        List<TargetEntry> rightOutputs = right.outputColumns();
        if (rightOutputs.size() != leftOutputs.size()) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, SelectAnalyzer.firstColumnLocation(body.right()),
                    "each UNION query must have the same number of columns");
        }
        List<TargetEntry> targets = new ArrayList<>();
        for (int i = 0; i < leftOutputs.size(); i++) {
            int leftType = cte.types[i];
            int overall;
            try {
                overall = state.types.commonType(new int[] {leftType, rightOutputs.get(i).expr().type()}, "UNION");
            } catch (SqlException error) {
                throw ParseState.at(error, body.right().location());
            }
            if (overall != leftType) {
                throw ParseState.error(SqlState.DATATYPE_MISMATCH, columnLocation(body.left(), i, cte.source.location()),
                        "recursive query \"%s\" column %d has type %s in non-recursive term but type %s overall", name,
                        i + 1, state.types.formatType(leftType, cte.typmods[i]), state.types.formatType(overall, -1))
                        .withHint("Cast the output of the non-recursive term to the correct type.");
            }
            targets.add(new TargetEntry(new QueryExpr.Var(i, leftType, cte.typmods[i], cte.names.get(i), -1),
                    cte.names.get(i), 0, (short) 0, false));
        }
        Query coercedRight = SelectAnalyzer.coerceOutputs(state, right, cte.types);
        cte.query = new Query(Query.CommandType.SELECT, List.of(), List.of(), null, targets, List.of(), List.of(), null,
                List.of(), false, null, null, null, null, new Query.SetOperation(body.all(), List.of(left, coercedRight),
                Query.SetOperation.Kind.RECURSIVE_UNION, cte.workTableParam));
    }

    /** Where column {@code index} of a (leftmost) select list is written, else {@code fallback}. */
    private static int columnLocation(SelectStmt select, int index, int fallback) {
        while (select.op() != null) {
            select = select.left();
        }
        if (select.values() != null) {
            return select.values().isEmpty() || select.values().getFirst().size() <= index ? fallback
                    : select.values().getFirst().get(index).location();
        }
        return select.targets() == null || select.targets().size() <= index ? fallback
                : select.targets().get(index).value().location();
    }

    /** Names and types of the CTE's columns: its column list, then the query's output names. */
    private static void finish(Cte cte, Query query, List<TargetEntry> outputs) {
        List<String> aliases = cte.source.columns();
        if (aliases.size() > outputs.size()) {
            throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, cte.source.location(),
                    "WITH query \"%s\" has %d columns available but %d columns specified", cte.source.name(),
                    outputs.size(), aliases.size());
        }
        cte.query = query;
        cte.names = new ArrayList<>();
        cte.types = new int[outputs.size()];
        cte.typmods = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            cte.names.add(i < aliases.size() ? aliases.get(i) : outputs.get(i).name());
            cte.types[i] = outputs.get(i).expr().type();
            cte.typmods[i] = outputs.get(i).expr().typmod();
        }
    }

    /** The CTE an unqualified table name refers to, searching this level and those enclosing it; or null. */
    static Cte find(ParseState state, String name) {
        for (ParseState level = state; level != null; level = level.parent) {
            for (Cte cte : level.ctes) {
                if (cte.source.name().equals(name)) {
                    return cte;
                }
            }
        }
        return null;
    }

    /** A reference to a CTE in FROM ({@code addRangeTableEntryForCTE}). */
    static FromNode reference(ParseState state, Cte cte, FromItem.Table table) {
        String name = cte.source.name();
        switch (cte.mode) {
            case PROBE -> throw new SelfReference();
            case NON_RECURSIVE_TERM -> throw ParseState.error(SqlState.INVALID_RECURSION, table.location(),
                    "recursive reference to query \"%s\" must not appear within its non-recursive term", name);
            case RECURSIVE_TERM -> {
                if (++cte.selfReferences > 1) {
                    throw ParseState.error(SqlState.INVALID_RECURSION, table.location(),
                            "recursive reference to query \"%s\" must not appear more than once", name);
                }
            }
            case DONE -> { }
        }
        if (cte.modifying && !cte.hasReturning) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, table.location(),
                    "WITH query \"%s\" does not have a RETURNING clause", name);
        }
        FromItem.Alias alias = table.alias();
        String refName = alias == null ? name : alias.name();
        FromAnalyzer.checkUniqueAlias(state, refName, table.location());
        List<String> aliases = alias == null || alias.columns() == null ? List.of() : alias.columns();
        if (aliases.size() > cte.names.size()) {
            throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, table.location(),
                    "table \"%s\" has %d columns available but %d columns specified", refName, cte.names.size(),
                    aliases.size());
        }
        List<String> names = new ArrayList<>(cte.names);
        for (int i = 0; i < aliases.size(); i++) {
            names.set(i, aliases.get(i));
        }
        boolean workTable = cte.mode == Mode.RECURSIVE_TERM || cte.modifying;
        CteDefinition definition = null;
        if (!workTable) {
            if (cte.definition == null) {
                cte.definition = definition(state, cte);
            }
            definition = cte.definition;
            definition.addReference();
        }
        state.rangeTable.add(new RangeEntry(workTable ? RangeEntry.Kind.WORKTABLE : RangeEntry.Kind.CTE, refName, null,
                workTable ? null : cte.query, null, names, Arrays.copyOf(cte.types, cte.types.length),
                Arrays.copyOf(cte.typmods, cte.typmods.length), state.nextOffset(), false, null,
                new RangeEntry.CteReference(name, definition, workTable ? cte.workTableParam : -1), List.of()));
        return new FromNode.Leaf(state.rangeTable.size() - 1);
    }

    /**
     * What the planner needs to choose between inlining the CTE and computing it once: how it
     * was asked for, whether it is recursive or calls a volatile function, and whether it reads
     * columns of a query enclosing the WITH (an execution parameter one of those levels passes).
     */
    private static CteDefinition definition(ParseState state, Cte cte) {
        Boolean asked = cte.source.materialized();
        CteDefinition.Materialization materialization = asked == null ? CteDefinition.Materialization.DEFAULT
                : asked ? CteDefinition.Materialization.ALWAYS : CteDefinition.Materialization.NEVER;
        java.util.Set<Integer> outerParams = new java.util.HashSet<>();
        for (ParseState level = state; level != null; level = level.parent) {
            level.bindings.forEach(binding -> outerParams.add(binding.param()));
        }
        boolean callsVolatile = ExpressionWalker.containsInQuery(cte.query,
                node -> node instanceof QueryExpr.FuncCall call && call.function().isVolatile());
        boolean correlated = !outerParams.isEmpty() && ExpressionWalker.containsInQuery(cte.query,
                node -> node instanceof QueryExpr.ExecParam param && outerParams.contains(param.id()))
                || readsWorkTable(cte.query, cte.workTableParam);
        return new CteDefinition(cte.source.name(), materialization, cte.recursive, callsVolatile, correlated);
    }

    /**
     * Whether the query reads a work table other than {@code own}: an enclosing recursive CTE's,
     * or a data-modifying CTE's rows; a CTE in a recursive term then changes every round.
     */
    private static boolean readsWorkTable(Query query, int own) {
        return ExpressionWalker.containsInQuery(query, node -> false,
                entry -> entry.kind() == RangeEntry.Kind.WORKTABLE && entry.cte().workTableParam() != own);
    }
}
