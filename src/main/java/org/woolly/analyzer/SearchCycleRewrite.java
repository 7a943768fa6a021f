package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.CommonTableExpr;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlState;

/**
 * The SEARCH and CYCLE clauses of a recursive WITH query, rewritten into columns of both terms
 * as {@code rewriteSearchAndCycle} ({@code rewriteSearchCycle.c}) does:
 * <ul>
 * <li>{@code SEARCH DEPTH FIRST BY a, b SET seq}: {@code seq} is {@code ARRAY[ROW(a, b)]} in the
 * non-recursive term and {@code array_cat(seq, ARRAY[ROW(a, b)])} in the recursive one;</li>
 * <li>{@code CYCLE a, b SET mark [TO v DEFAULT d] USING path}: {@code mark} is d and {@code path}
 * {@code ARRAY[ROW(a, b)]} at first; then {@code mark} is v when {@code ROW(a, b)} is already in
 * the path, the path grows, and rows already marked are not followed.</li>
 * </ul>
 * The non-recursive term is wrapped in a subquery so its columns can be named; the recursive term
 * must list its columns (no {@code *}). BREADTH FIRST (a row of the depth and the columns) is not
 * there yet.
 */
final class SearchCycleRewrite {
    private static final String LEFT = "*search_cycle*";

    private SearchCycleRewrite() {}

    static CommonTableExpr rewrite(CommonTableExpr cte) {
        if (cte.search() == null && cte.cycle() == null) {
            return cte;
        }
        int location = cte.search() != null ? cte.search().location() : cte.cycle().location();
        if (!cte.recursive()) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, location, "WITH query is not recursive");
        }
        if (cte.search() != null && cte.search().breadthFirst()) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location, "SEARCH BREADTH FIRST is not supported yet");
        }
        if (!(cte.query() instanceof Statement.Select select) || select.query().op() != SelectStmt.SetOperation.UNION
                || select.query().left().op() != null || select.query().right().op() != null
                || select.query().right().values() != null) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location,
                    "with a SEARCH or CYCLE clause, the recursive query must be of the form "
                            + "\"non-recursive term UNION [ALL] recursive term\"");
        }
        SelectStmt union = select.query();
        SelectStmt left = union.left();
        SelectStmt right = union.right();
        List<String> names = columnNames(cte, left, location);
        for (ResTarget target : right.targets()) {
            if (target.value() instanceof Expr.ColumnRef ref && ref.fields().getLast().equals("*")) {
                throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, target.location(),
                        "SEARCH and CYCLE with * in the recursive term are not supported yet");
            }
        }
        String workTable = workTableName(right.from(), cte.name());
        if (workTable == null) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location,
                    "with a SEARCH or CYCLE clause, the recursive term must read \"%s\" in its FROM list", cte.name());
        }
        List<ResTarget> leftTargets = new ArrayList<>();
        leftTargets.add(new ResTarget(ref(location, LEFT, "*"), null, location));
        List<ResTarget> rightTargets = new ArrayList<>(right.targets());
        List<String> newNames = new ArrayList<>(names);
        Expr rightWhere = right.where();
        if (cte.search() != null) {
            CommonTableExpr.SearchClause search = cte.search();
            checkNewColumn(names, search.sequenceColumn(), "search sequence", search.location());
            List<Expr> leftValues = values(names, search.columns(), null, "search", search.location());
            List<Expr> rightValues = values(names, search.columns(), right.targets(), "search", search.location());
            Expr sequence = ref(location, workTable, search.sequenceColumn());
            leftTargets.add(new ResTarget(array(row(leftValues, location), location), search.sequenceColumn(),
                    location));
            rightTargets.add(new ResTarget(call("array_cat", location, sequence,
                    array(row(rightValues, location), location)), search.sequenceColumn(), location));
            newNames.add(search.sequenceColumn());
        }
        if (cte.cycle() != null) {
            CommonTableExpr.CycleClause cycle = cte.cycle();
            checkNewColumn(newNames, cycle.markColumn(), "cycle mark", cycle.location());
            checkNewColumn(newNames, cycle.pathColumn(), "cycle path", cycle.location());
            Expr markValue = cycle.markValue() != null ? cycle.markValue()
                    : new Expr.Constant(Expr.Constant.Kind.BOOLEAN, "true", location);
            Expr markDefault = cycle.markDefault() != null ? cycle.markDefault()
                    : new Expr.Constant(Expr.Constant.Kind.BOOLEAN, "false", location);
            List<Expr> leftValues = values(names, cycle.columns(), null, "cycle", cycle.location());
            List<Expr> rightValues = values(names, cycle.columns(), right.targets(), "cycle", cycle.location());
            Expr path = ref(location, workTable, cycle.pathColumn());
            leftTargets.add(new ResTarget(markDefault, cycle.markColumn(), location));
            leftTargets.add(new ResTarget(array(row(leftValues, location), location), cycle.pathColumn(), location));
            Expr seen = new Expr.ArrayComparison("=", false, row(rightValues, location), path, location);
            rightTargets.add(new ResTarget(new Expr.Case(null, List.of(new Expr.Case.When(seen, markValue, location)),
                    markDefault, location), cycle.markColumn(), location));
            rightTargets.add(new ResTarget(call("array_cat", location, path, array(row(rightValues, location), location)),
                    cycle.pathColumn(), location));
            Expr notMarked = new Expr.Operator("<>", ref(location, workTable, cycle.markColumn()), markValue, location);
            rightWhere = rightWhere == null ? notMarked
                    : new Expr.BoolExpr(Expr.BoolExpr.BoolOp.AND, List.of(rightWhere, notMarked), location);
            newNames.add(cycle.markColumn());
            newNames.add(cycle.pathColumn());
        }
        FromItem.Subquery wrapped = new FromItem.Subquery(left, new FromItem.Alias(LEFT,
                cte.columns().isEmpty() ? List.of() : cte.columns()), false, location);
        SelectStmt newLeft = new SelectStmt(leftTargets, false, null, List.of(wrapped), null, List.of(), null, null,
                null, false, null, null, List.of(), null, null, List.of(), List.of(), left.location());
        SelectStmt newRight = new SelectStmt(rightTargets, right.distinct(), right.distinctOn(), right.from(), rightWhere,
                right.groupBy(), right.having(), null, null, false, null, null, right.orderBy(), right.limit(),
                right.offset(), right.forLocking(), right.with(), right.location(), right.windows(),
                right.limitWithTies());
        SelectStmt newUnion = new SelectStmt(union.targets(), union.distinct(), union.distinctOn(), union.from(),
                union.where(), union.groupBy(), union.having(), union.values(), union.op(), union.all(), newLeft,
                newRight, union.orderBy(), union.limit(), union.offset(), union.forLocking(), union.with(),
                union.location(), union.windows(), union.limitWithTies());
        return new CommonTableExpr(cte.name(), cte.columns().isEmpty() ? List.of() : List.copyOf(newNames),
                new Statement.Select(newUnion), cte.materialized(), cte.recursive(), cte.location());
    }

    /** The WITH query's column names: its column list, else the non-recursive term's output names. */
    private static List<String> columnNames(CommonTableExpr cte, SelectStmt left, int location) {
        if (!cte.columns().isEmpty()) {
            return cte.columns();
        }
        List<String> names = new ArrayList<>();
        for (ResTarget target : left.targets()) {
            if (target.name() != null) {
                names.add(target.name());
            } else if (target.value() instanceof Expr.ColumnRef ref && !ref.fields().getLast().equals("*")) {
                names.add(ref.fields().getLast());
            } else {
                throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location,
                        "SEARCH and CYCLE need a column list for WITH query \"%s\" here", cte.name());
            }
        }
        return names;
    }

    private static void checkNewColumn(List<String> names, String column, String what, int location) {
        if (names.contains(column)) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, location,
                    "%s column name \"%s\" already used in WITH query column list", what, column);
        }
    }

    /**
     * The values of {@code columns}: in the non-recursive term ({@code targets} null) the wrapped
     * subquery's columns, in the recursive term the expressions it computes for them.
     */
    private static List<Expr> values(List<String> names, List<String> columns, List<ResTarget> targets, String clause,
                                     int location) {
        List<Expr> values = new ArrayList<>();
        for (String column : columns) {
            int index = names.indexOf(column);
            if (index < 0) {
                throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, location,
                        "%s column \"%s\" not in WITH query column list", clause, column);
            }
            if (targets != null && index >= targets.size()) {
                throw ParseState.error(SqlState.SYNTAX_ERROR, location,
                        "each UNION query must have the same number of columns");
            }
            values.add(targets == null ? ref(location, LEFT, column) : targets.get(index).value());
        }
        return values;
    }

    /** The name by which the recursive term reads the WITH query (its alias, else its name). */
    private static String workTableName(List<FromItem> from, String cteName) {
        for (FromItem item : from) {
            String found = switch (item) {
                case FromItem.Table table when table.name().schema() == null && table.name().name().equals(cteName) ->
                        table.alias() != null ? table.alias().name() : cteName;
                case FromItem.Join join -> workTableName(List.of(join.left(), join.right()), cteName);
                default -> null;
            };
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Expr ref(int location, String... fields) {
        return new Expr.ColumnRef(List.of(fields), location);
    }

    private static Expr row(List<Expr> fields, int location) {
        return new Expr.RowConstructor(List.copyOf(fields), location);
    }

    private static Expr array(Expr element, int location) {
        return new Expr.ArrayConstructor(List.of(element), location);
    }

    private static Expr call(String name, int location, Expr... args) {
        return new Expr.FuncCall(new QualifiedName(null, name, location), List.of(args), false, false, List.of(), null,
                null, location);
    }
}
