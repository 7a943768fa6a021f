package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.ParamBinding;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.TargetEntry;
import org.woolly.utils.adt.TypeOids;

/**
 * Pulls sublinks of a query's WHERE up into semi and anti joins ({@code pull_up_sublinks} in
 * {@code prepjointree.c}, with {@code convert_EXISTS_sublink_to_join} and
 * {@code convert_ANY_sublink_to_join} of {@code subselect.c}). A top-level conjunct
 * <ul>
 * <li>{@code EXISTS (subquery)} / {@code NOT EXISTS (subquery)} whose subquery reads the outer
 * row only in WHERE conjuncts becomes a semi / anti join of the outer row with the subquery's
 * FROM and its other conjuncts, on the correlated conjuncts (PostgreSQL keeps an uncorrelated
 * EXISTS an InitPlan, and so do we);</li>
 * <li>{@code expr = ANY (subquery)} (and {@code IN}) over an uncorrelated subquery becomes a semi
 * join of the outer row with the subquery's rows on {@code expr = column}.</li>
 * </ul>
 * {@code NOT IN} is not pulled up (its NULL semantics are not an anti join's), as in PostgreSQL.
 * The joins are made above the query's own joins, in the order the conjuncts are written.
 */
final class SubLinkPullUp {

    private SubLinkPullUp() {}

    /**
     * A pulled-up sublink: the outer row joined ({@code SEMI} or {@code ANTI}) with the rows of
     * {@code inner} ({@code innerWidth} columns) on {@code quals}, which read the outer row's
     * columns at their positions and the inner row's after them (from the outer row's width).
     */
    record Pulled(FromItem.JoinType type, Plan inner, int innerWidth, QueryExpr quals, List<QueryExpr> hoisted) {
        Pulled(FromItem.JoinType type, Plan inner, int innerWidth, QueryExpr quals) {
            this(type, inner, innerWidth, quals, List.of());
        }
    }

    /** The query without the pulled-up conjuncts, and the joins they became. */
    record Result(Query query, List<Pulled> pulled) {}

    static Result pullUp(Query query, Function<Query, Plan> planner) {
        if (query.command() != Query.CommandType.SELECT || query.setOperation() != null || query.where() == null
                || query.from().isEmpty()) {
            return new Result(query, List.of());
        }
        int width = JoinPlanner.rowWidth(query);
        List<QueryExpr> conjuncts = new ArrayList<>();
        JoinPlanner.conjuncts(query.where(), conjuncts);
        List<QueryExpr> kept = new ArrayList<>();
        List<Pulled> pulled = new ArrayList<>();
        for (int i = 0; i < conjuncts.size(); i++) {
            QueryExpr conjunct = conjuncts.get(i);
            Pulled join = null;
            if (conjunct instanceof QueryExpr.SubLink link && link.planIndex() < 0) {
                join = link.kind() == Expr.SubLink.Kind.EXISTS ? exists(link, false, width, planner)
                        : link.kind() == Expr.SubLink.Kind.ANY ? any(link, width, planner) : null;
            } else if (conjunct instanceof QueryExpr.BoolOp not && not.kind() == QueryExpr.BoolOp.BoolKind.NOT
                    && not.args().getFirst() instanceof QueryExpr.SubLink link && link.planIndex() < 0
                    && link.kind() == Expr.SubLink.Kind.EXISTS) {
                join = exists(link, true, width, planner);
            }
            if (join == null) {
                kept.add(conjunct);
            } else {
                pulled.add(join);
                conjuncts.addAll(join.hoisted());
            }
        }
        if (pulled.isEmpty()) {
            return new Result(query, List.of());
        }
        Query rest = new Query(query.command(), query.rangeTable(), query.from(), JoinPlanner.and(kept),
                query.targetList(), query.groupBy(), query.aggregates(), query.having(), query.sortKeys(),
                query.distinct(), query.limit(), query.offset(), query.resultRelation(), query.returning(),
                query.setOperation(), query.onConflict(), query.distinctOn(), query.rowMarks(), query.groupingSets(),
                query.dataModifyingCtes(), query.merge(), query.limitWithTies());
        return new Result(rest, pulled);
    }

    /**
     * {@code convert_EXISTS_sublink_to_join}: the subquery must be a plain SELECT (no aggregation,
     * set operation, window function, set-returning select list, OFFSET or row locks; a positive
     * constant LIMIT is dropped as PostgreSQL's {@code simplify_EXISTS_query} does), read the
     * outer row somewhere in its WHERE and nowhere else, and not in a volatile conjunct. A
     * conjunct of an EXISTS that holds a subquery and reads only the outer row (none of the
     * subquery's own columns) is true or false for the outer row alone: it moves up into the
     * outer WHERE ({@link Pulled#hoisted}), where it may be pulled up in turn, as PostgreSQL's
     * {@code pull_up_sublinks_qual_recurse} does with the new join's quals; in a NOT EXISTS, or
     * reading the subquery's columns, such a conjunct keeps the sublink a SubPlan.
     */
    private static Pulled exists(QueryExpr.SubLink link, boolean anti, int outerWidth, Function<Query, Plan> planner) {
        Query query = link.query();
        if (!link.correlated() || query.command() != Query.CommandType.SELECT || query.setOperation() != null
                || query.hasAggregation() || query.offset() != null || !query.rowMarks().isEmpty()
                || query.where() == null || query.from().isEmpty() || !positiveConstant(query.limit())) {
            return null;
        }
        List<QueryExpr> selectList = query.targetList().stream().map(TargetEntry::expr).toList();
        if (WindowPlanner.hasWindows(selectList) || FunctionPaths.returnsSet(selectList)) {
            return null;
        }
        Map<Integer, QueryExpr> params = new HashMap<>();
        for (ParamBinding binding : link.bindings()) {
            params.put(binding.param(), binding.value());
        }
        List<TargetEntry> row = wholeRow(query);
        if (row == null) {
            return null;
        }
        int innerWidth = row.size();
        List<QueryExpr> conjuncts = new ArrayList<>();
        JoinPlanner.conjuncts(query.where(), conjuncts);
        List<QueryExpr> correlated = new ArrayList<>();
        List<QueryExpr> own = new ArrayList<>();
        List<QueryExpr> hoisted = new ArrayList<>();
        for (QueryExpr conjunct : conjuncts) {
            if (!mentions(conjunct, params)) {
                own.add(conjunct);
            } else if (ExpressionWalker.contains(conjunct, SubLinkPullUp::subLinkOrVolatile)) {
                if (anti || ExpressionWalker.contains(conjunct, SubLinkPullUp::volatileCall)
                        || ExpressionWalker.contains(conjunct, node -> node instanceof QueryExpr.Var)) {
                    return null;
                }
                hoisted.add(toOuterLevel(conjunct, params));
            } else {
                correlated.add(conjunct);
            }
        }
        Query inner = new Query(Query.CommandType.SELECT, query.rangeTable(), query.from(), JoinPlanner.and(own), row,
                List.of(), List.of(), null, List.of(), false, null, null, null, null, null, null, null, List.of());
        if (correlated.isEmpty() || mentions(inner, params)) {
            return null;
        }
        List<QueryExpr> quals = new ArrayList<>();
        for (QueryExpr conjunct : correlated) {
            quals.add(ExpressionWalker.rewrite(conjunct, node -> switch (node) {
                case QueryExpr.ExecParam param when params.containsKey(param.id()) -> params.get(param.id());
                case QueryExpr.Var var -> Planner.shift(var, -outerWidth);
                default -> null;
            }));
        }
        return new Pulled(anti ? FromItem.JoinType.ANTI : FromItem.JoinType.SEMI, planner.apply(inner), innerWidth,
                JoinPlanner.and(quals), hoisted);
    }

    /**
     * A conjunct of the subquery that reads no column of its own, re-expressed at the outer
     * level: the parameters the outer row passed become the outer expressions they carried, and
     * a nested subquery that reads one of them gets it passed by its own binding instead.
     */
    private static QueryExpr toOuterLevel(QueryExpr conjunct, Map<Integer, QueryExpr> params) {
        return ExpressionWalker.rewrite(conjunct, node -> switch (node) {
            case QueryExpr.ExecParam param when params.containsKey(param.id()) -> params.get(param.id());
            case QueryExpr.SubLink link -> {
                List<ParamBinding> bindings = new ArrayList<>(ExpressionWalker.bindings(link.bindings(),
                        inner -> toOuterLevel(inner, params)));
                for (Map.Entry<Integer, QueryExpr> param : params.entrySet()) {
                    if (mentions(link.query(), Map.of(param.getKey(), param.getValue()))
                            && bindings.stream().noneMatch(binding -> binding.param() == param.getKey())) {
                        bindings.add(new ParamBinding(param.getKey(), param.getValue()));
                    }
                }
                yield new QueryExpr.SubLink(link.kind(), link.query(), link.planIndex(),
                        link.test() == null ? null : toOuterLevel(link.test(), params), link.operator(),
                        link.rightValue(), link.type(), bindings);
            }
            default -> null;
        });
    }

    private static boolean volatileCall(QueryExpr node) {
        return node instanceof QueryExpr.FuncCall call && call.function().isVolatile();
    }

    private static boolean positiveConstant(QueryExpr limit) {
        return limit == null || limit instanceof QueryExpr.Const constant && constant.value() instanceof Long count
                && count > 0;
    }

    /**
     * The subquery's FROM row as a select list (each column of each FROM item), or null when
     * that is not the row its column positions address.
     */
    private static List<TargetEntry> wholeRow(Query query) {
        List<TargetEntry> row = new ArrayList<>();
        for (RangeEntry entry : query.rangeTable()) {
            if (entry.withTid()) {
                return null;
            }
            for (int i = 0; i < entry.columnNames().size(); i++) {
                QueryExpr.Var var = new QueryExpr.Var(entry.offset() + i, entry.columnTypes()[i],
                        entry.columnTypmods()[i], entry.columnNames().get(i), -1);
                row.add(new TargetEntry(var, entry.columnNames().get(i), 0, (short) 0, false));
            }
        }
        return row.size() == JoinPlanner.rowWidth(query) ? row : null;
    }

    /**
     * {@code convert_ANY_sublink_to_join}: an uncorrelated subquery under an {@code =} whose
     * left side reads the outer row, holds no subquery and no volatile function. A simple
     * subquery (PostgreSQL's {@code is_simple_subquery}: no aggregation, DISTINCT, ORDER BY,
     * LIMIT, window or set-returning function, volatile select list) is flattened: its FROM row
     * is the inner side and its select list is compared with the left side; any other subquery
     * is planned on its own and its rows are the inner side.
     */
    private static Pulled any(QueryExpr.SubLink link, int outerWidth, Function<Query, Plan> planner) {
        if (link.correlated() || link.operator() == null || !link.operator().name().equals("=")
                || link.operator().argumentTypes().length != 2
                || link.test().type() != link.operator().argumentTypes()[0]
                || link.rightValue().type() != link.operator().argumentTypes()[1]
                || !ExpressionWalker.contains(link.test(), node -> node instanceof QueryExpr.Var)
                || ExpressionWalker.contains(link.test(), SubLinkPullUp::subLinkOrVolatile)) {
            return null;
        }
        Query query = link.query();
        List<TargetEntry> outputs = query.outputColumns();
        List<QueryExpr> selectList = outputs.stream().map(TargetEntry::expr).toList();
        List<TargetEntry> row = simple(query, selectList) ? wholeRow(query) : null;
        if (row != null) {
            Query inner = new Query(Query.CommandType.SELECT, query.rangeTable(), query.from(), query.where(), row,
                    List.of(), List.of(), null, List.of(), false, null, null, null, null, null, null, null, List.of());
            QueryExpr right = ExpressionWalker.rewrite(link.rightValue(), node -> node instanceof QueryExpr.Var var
                    ? Planner.shift(selectList.get(var.position()), -outerWidth) : null);
            return new Pulled(FromItem.JoinType.SEMI, planner.apply(inner), row.size(), new QueryExpr.FuncCall(
                    link.operator(), List.of(link.test(), right), true, TypeOids.BOOL));
        }
        QueryExpr right = ExpressionWalker.rewrite(link.rightValue(), node -> node instanceof QueryExpr.Var var
                ? new QueryExpr.Var(var.position() + outerWidth, var.type(), var.typmod(),
                selectList.get(var.position()) instanceof QueryExpr.Var column ? column.name() : var.name(), -1)
                : null);
        return new Pulled(FromItem.JoinType.SEMI, planner.apply(query), outputs.size(), new QueryExpr.FuncCall(
                link.operator(), List.of(link.test(), right), true, TypeOids.BOOL));
    }

    private static boolean simple(Query query, List<QueryExpr> selectList) {
        return query.command() == Query.CommandType.SELECT && query.setOperation() == null && !query.hasAggregation()
                && !query.distinct() && query.distinctOn() == null && query.sortKeys().isEmpty()
                && query.limit() == null && query.offset() == null && query.rowMarks().isEmpty()
                && !query.from().isEmpty() && !WindowPlanner.hasWindows(selectList)
                && !FunctionPaths.returnsSet(selectList)
                && selectList.stream().noneMatch(expr -> ExpressionWalker.contains(expr, SubLinkPullUp::subLinkOrVolatile));
    }

    private static boolean subLinkOrVolatile(QueryExpr node) {
        return node instanceof QueryExpr.SubLink || volatileCall(node);
    }

    /** Whether the expression reads one of the parameters, also inside its subqueries. */
    private static boolean mentions(QueryExpr expr, Map<Integer, QueryExpr> params) {
        return ExpressionWalker.containsDeep(expr, node -> readsParam(node, params));
    }

    /** Whether any expression of the query (its subqueries and FROM items included) reads one of the parameters. */
    static boolean mentions(Query query, Map<Integer, QueryExpr> params) {
        return ExpressionWalker.containsInQuery(query, node -> readsParam(node, params));
    }

    private static boolean readsParam(QueryExpr node, Map<Integer, QueryExpr> params) {
        return node instanceof QueryExpr.ExecParam param && params.containsKey(param.id());
    }
}
