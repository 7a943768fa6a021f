package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.TableStatistics;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.IndexExpressions;
import org.woolly.nodes.query.IndexPredicates;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;

/**
 * Index scan paths of one table ({@code indxpath.c}, costed as {@code cost_index} with
 * {@code btcostestimate}/{@code genericcostestimate}): a B-tree whose leading key column is
 * compared by {@code = < <= > >=} with a constant or parameter gives an Index Scan, chosen when
 * cheaper than the sequential scan. Keys on a later key column are used when every earlier one
 * has an equality; other conditions stay a Filter. An expression column matches a clause that
 * compares the same expression; a partial index is considered only when the query's quals imply
 * its predicate.
 */
final class IndexPaths {
    private static final List<String> BTREE_OPERATORS = List.of("=", "<", "<=", ">", ">=");

    private IndexPaths() {}

    /**
     * The cheapest of the sequential scan and the index scans of the entry's indexes; an index
     * holding every column in {@code needed} (the entry's columns the query reads, null when
     * unknown) gives an Index Only Scan, also without any index condition.
     */
    static Plan cheapest(CostModel costs, RangeEntry entry, QueryExpr qual, Plan seqScan, BitSet needed) {
        PlannerStatistics statistics = costs.statistics();
        Plan best = seqScan;
        boolean indexOnlyEnabled = needed != null && costs.parameters().enableIndexonlyscan();
        if (qual == null && !indexOnlyEnabled) {
            return best;
        }
        for (IndexInfo index : statistics.indexes(entry.relation().oid())) {
            if (!index.valid()) {
                continue;
            }
            IndexExpressions expressions = index.hasExpressions() || index.partial()
                    ? statistics.indexExpressions(index) : IndexExpressions.NONE;
            // a partial index serves only a query whose quals imply its predicate (check_index_predicates)
            if (index.partial() && !IndexPredicates.impliedBy(expressions.predicate(), qual)) {
                continue;
            }
            boolean indexOnly = indexOnlyEnabled && IndexOnlyColumns.covers(index, entry, needed);
            if (qual == null && !indexOnly) {
                continue;
            }
            Plan path = indexScan(costs, statistics, entry, qual, index, expressions, seqScan.cost().rows(), false, 1,
                    indexOnly);
            if (path != null && path.cost().total() < best.cost().total()) {
                best = path;
            }
        }
        Plan bitmap = BitmapPaths.cheapest(costs, entry, qual, seqScan.cost().rows());
        return bitmap != null && bitmap.cost().total() < best.cost().total() ? bitmap : best;
    }

    record Match(int keyColumn, String operator, QueryExpr argument, QueryExpr clause) {}

    /**
     * An Index Scan that returns the rows of a one-table query in the order of ORDER BY
     * {@code key}: ascending nulls last is the B-tree's own order, descending nulls first the
     * same index read backward ({@code Index Scan Backward}); for the planner to weigh
     * against a sort ({@code build_index_paths} with useful pathkeys); null when no index fits.
     */
    static Plan.IndexScan ordered(CostModel costs, RangeEntry entry, QueryExpr qual, QueryExpr key, double rows,
                                  boolean descending, BitSet needed) {
        if (!(key instanceof QueryExpr.Var var) || entry.kind() != RangeEntry.Kind.RELATION || entry.offset() != 0
                || var.position() >= entry.relation().attributeNumbers().length) {
            return null;
        }
        Plan.IndexScan best = null;
        for (IndexInfo index : costs.statistics().indexes(entry.relation().oid())) {
            if (!index.valid() || index.expressions() != null || index.predicate() != null
                    || index.descending().getFirst() || index.nullsFirst().getFirst()
                    || index.columns().getFirst() != entry.relation().attributeNumbers()[var.position()]
                    || index.columnTypeOids().getFirst() != var.type()) {
                continue;
            }
            boolean indexOnly = costs.parameters().enableIndexonlyscan()
                    && IndexOnlyColumns.covers(index, entry, needed);
            Plan.IndexScan path = indexScan(costs, costs.statistics(), entry, qual, index, IndexExpressions.NONE, rows,
                    true, 1, indexOnly);
            if (best == null || path.cost().total() < best.cost().total()) {
                best = path;
            }
        }
        return best == null || !descending ? best : best.reversed();
    }

    /**
     * The cheapest index scan of the inner side of a nested loop whose index conditions use a
     * value of the outer row ({@code qual} compares a key with the execution parameters
     * {@code params}), costed per outer row over {@code loops} rescans as {@code cost_index} does
     * for a parameterized path; null when no index condition uses one of the parameters.
     */
    static Plan.IndexScan parameterized(CostModel costs, RangeEntry entry, QueryExpr qual, double rows, double loops,
                                        java.util.Set<Integer> params) {
        PlannerStatistics statistics = costs.statistics();
        Plan.IndexScan best = null;
        for (IndexInfo index : statistics.indexes(entry.relation().oid())) {
            if (!index.valid() || index.partial()) {
                continue;
            }
            IndexExpressions expressions = index.hasExpressions() ? statistics.indexExpressions(index)
                    : IndexExpressions.NONE;
            Plan.IndexScan path = indexScan(costs, statistics, entry, qual, index, expressions, rows, false, loops,
                    false);
            if (path != null && path.keys().stream().anyMatch(key -> key.argument() instanceof QueryExpr.ExecParam param
                    && params.contains(param.id()))
                    && (best == null || path.cost().total() < best.cost().total())) {
                best = path;
            }
        }
        return best;
    }

    private static Plan.IndexScan indexScan(CostModel costs, PlannerStatistics statistics, RangeEntry entry,
                                            QueryExpr qual, IndexInfo index, IndexExpressions expressions,
                                            double rows, boolean ordered, double loops, boolean indexOnly) {
        List<QueryExpr> conjuncts = new ArrayList<>();
        JoinPlanner.conjuncts(qual, conjuncts);
        List<Match> matches = matches(conjuncts, entry, index, expressions, false);
        if (matches.isEmpty() && !ordered && !indexOnly) {
            return null;
        }
        List<Plan.IndexKey> keys = new ArrayList<>();
        List<QueryExpr> indexClauses = new ArrayList<>();
        for (Match match : matches) {
            if (match.argument() != null) {
                keys.add(new Plan.IndexKey(match.keyColumn(), match.operator(), match.argument()));
            }
            indexClauses.add(match.clause());
        }
        List<QueryExpr> filterClauses = new ArrayList<>(conjuncts);
        filterClauses.removeAll(indexClauses);
        if (expressions.predicate() != null) {
            // quals the index's predicate already guarantees need no Filter (create_indexscan_plan)
            filterClauses.removeIf(clause -> IndexPredicates.impliedBy(clause, expressions.predicate()));
        }
        QueryExpr indexCondition = JoinPlanner.and(indexClauses);
        QueryExpr filter = JoinPlanner.and(filterClauses);
        Plan.Cost cost = cost(costs, statistics, entry, index, indexCondition, indexClauses.size(), filter, rows, loops,
                indexOnly);
        return new Plan.IndexScan(entry, index.oid(), index.name(), List.copyOf(keys), indexCondition, qual, filter,
                cost, false, indexOnly);
    }

    /**
     * The conjuncts an index scan of {@code index} can apply, key column by key column while the
     * earlier columns have an equality; with {@code arrays} also {@code key = ANY (array)}, which
     * only a bitmap index scan applies (one such key per scan).
     */
    static List<Match> matches(List<QueryExpr> conjuncts, RangeEntry entry, IndexInfo index,
                               IndexExpressions expressions, boolean arrays) {
        List<Match> matches = new ArrayList<>();
        boolean array = false;
        for (int column = 0; column < index.keyColumnCount(); column++) {
            boolean equality = false;
            for (QueryExpr conjunct : conjuncts) {
                QueryExpr keyExpression = keyExpression(index, expressions, column);
                Match match = match(conjunct, entry, index, keyExpression, column);
                if (match == null && arrays && !array && keyExpression == null) {
                    match = arrayMatch(conjunct, entry, index, column);
                    array = match != null;
                }
                if (match != null) {
                    matches.add(match);
                    equality |= match.operator().equals("=") || match.operator().equals(ANY);
                }
            }
            if (!equality) {
                break;
            }
        }
        return matches;
    }

    /** The operator of a {@code key = ANY (array)} index key. */
    static final String ANY = "= ANY";

    /** {@code column = ANY (constant array)} on key column {@code column}, else null. */
    private static Match arrayMatch(QueryExpr conjunct, RangeEntry entry, IndexInfo index, int column) {
        if (!(conjunct instanceof QueryExpr.ScalarArrayOp op) || op.all() || !op.operator().name().equals("=")
                || !(op.left() instanceof QueryExpr.Var var) || var.position() >= entry.relation().attributeNumbers().length
                || entry.relation().attributeNumbers()[var.position()] != index.columns().get(column)
                || var.type() != index.columnTypeOids().get(column)) {
            return null;
        }
        QueryExpr array = Selectivity.folded(op.array());
        if (!(array instanceof QueryExpr.Const constant)
                || !(constant.value() instanceof org.woolly.utils.adt.ArrayValue value)
                || value.elementType() != var.type()) {
            return null;
        }
        return new Match(column, ANY, array, conjunct);
    }

    /** The analyzed expression of key column {@code column} when it is an expression column, else null. */
    private static QueryExpr keyExpression(IndexInfo index, IndexExpressions expressions, int column) {
        if (index.columns().get(column) != 0) {
            return null;
        }
        int expression = 0;
        for (int i = 0; i < column; i++) {
            if (index.columns().get(i) == 0) {
                expression++;
            }
        }
        return expression < expressions.expressions().size() ? expressions.expressions().get(expression) : null;
    }

    /**
     * {@code key op argument} (or commuted) on the index's key column {@code column}, else null:
     * the key is the column's Var, or for an expression column ({@code keyExpression}) the same
     * expression ({@code match_index_to_operand}).
     */
    private static Match match(QueryExpr conjunct, RangeEntry entry, IndexInfo index, QueryExpr keyExpression,
                               int column) {
        if (conjunct instanceof QueryExpr.NullTest test && test.test() == Expr.NullTest.Test.IS_NOT_NULL
                && keyExpression == null && test.arg() instanceof QueryExpr.Var var
                && var.position() < entry.relation().attributeNumbers().length
                && entry.relation().attributeNumbers()[var.position()] == index.columns().get(column)) {
            // the B-tree keeps no null among the entries a key comparison finds; the row recheck applies it
            return new Match(column, "IS NOT NULL", null, conjunct);
        }
        if (!(conjunct instanceof QueryExpr.FuncCall call) || !call.operator() || call.args().size() != 2
                || !BTREE_OPERATORS.contains(call.function().name())) {
            return null;
        }
        String operator = call.function().name();
        QueryExpr left = call.args().get(0);
        QueryExpr right = call.args().get(1);
        if (keyExpression != null) {
            if (!IndexPredicates.same(left, keyExpression) && IndexPredicates.same(right, keyExpression)) {
                QueryExpr swap = left;
                left = right;
                right = swap;
                operator = commuted(operator);
            }
            if (!IndexPredicates.same(left, keyExpression)) {
                return null;
            }
            return argumentMatch(index, column, operator, left.type(), right, conjunct);
        }
        if (!(left instanceof QueryExpr.Var) && right instanceof QueryExpr.Var) {
            QueryExpr swap = left;
            left = right;
            right = swap;
            operator = switch (operator) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> operator;
            };
        }
        if (!(left instanceof QueryExpr.Var var) || var.position() >= entry.relation().attributeNumbers().length
                || entry.relation().attributeNumbers()[var.position()] != index.columns().get(column)) {
            return null;
        }
        return argumentMatch(index, column, operator, var.type(), right, conjunct);
    }

    /** The match when {@code right} is a constant or parameter of the key's type. */
    private static Match argumentMatch(IndexInfo index, int column, String operator, int leftType, QueryExpr right,
                                       QueryExpr conjunct) {
        int keyType = index.columnTypeOids().get(column);
        QueryExpr argument = Selectivity.folded(right);
        if (argument == null && (right instanceof QueryExpr.Param || right instanceof QueryExpr.ExecParam)) {
            argument = right;
        }
        if (argument == null || leftType != keyType || argument.type() != keyType) {
            return null;
        }
        return new Match(column, operator, argument, conjunct);
    }

    private static String commuted(String operator) {
        return switch (operator) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> operator;
        };
    }

    /**
     * {@code cost_index}: the index's pages and entries ({@code genericcostestimate} plus the
     * B-tree descent of {@code btcostestimate}), then the heap pages between the uncorrelated
     * (Mackert-Lohman) and perfectly correlated cases by the square of the leading column's
     * correlation, and each fetched row with its filter. Over {@code loops} rescans (the inner
     * side of a nested loop) the pages one scan reads are those all scans read together, divided
     * among them: the later scans find many pages cached. An index-only scan reads only the heap
     * pages the visibility map does not mark all-visible: the page counts are scaled by
     * {@code 1 - relallvisible / pages} ({@code allvisfrac}).
     */
    private static Plan.Cost cost(CostModel costs, PlannerStatistics statistics, RangeEntry entry, IndexInfo index,
                                  QueryExpr indexCondition, int indexClauses, QueryExpr filter, double rows,
                                  double loops, boolean indexOnly) {
        CostParameters parameters = costs.parameters();
        CostModel.RelationSize size = costs.size(entry);
        double tablePages = size.pages();
        AccessCost access = access(costs, entry, index, indexCondition, indexClauses, loops, 1);
        double indexSelectivity = access.selectivity();
        double indexPages = Math.max(1, statistics.indexPages(index));
        double cache = parameters.effectiveCacheSize();
        double indexStartup = access.startup();
        double indexTotal = access.total();
        double tuples = size.tuples();
        double fetched = CostModel.clampRows(indexSelectivity * tuples);
        double heapShare = indexOnly ? 1.0 - allVisibleFraction(size) : 1.0;
        double minPages = Math.ceil(Math.ceil(indexSelectivity * tablePages) * heapShare);
        double maxIo;
        double minIo;
        if (loops > 1) {
            maxIo = Math.ceil(pagesFetched(fetched * loops, tablePages, indexPages, cache) * heapShare)
                    * parameters.randomPageCost() / loops;
            minIo = Math.ceil(pagesFetched(Math.ceil(indexSelectivity * tablePages) * loops, tablePages, indexPages,
                    cache) * heapShare) * parameters.randomPageCost() / loops;
        } else {
            maxIo = Math.ceil(pagesFetched(fetched, tablePages, indexPages, cache) * heapShare)
                    * parameters.randomPageCost();
            minIo = minPages > 0 ? parameters.randomPageCost() + (minPages - 1) * parameters.seqPageCost() : 0;
        }
        double correlation = correlation(size.statistics(), index);
        double run = indexTotal - indexStartup + maxIo + correlation * correlation * (minIo - maxIo);
        run += (parameters.cpuTupleCost() + CostModel.operatorCount(filter) * parameters.cpuOperatorCost()) * fetched;
        double startup = CostParameters.penalty(parameters.enableIndexscan()) + indexStartup;
        return new Plan.Cost(startup, startup + run, rows, costs.width(entry));
    }

    /** The index's own part of a scan's cost ({@code amcostestimate}) and the selectivity of its conditions. */
    record AccessCost(double startup, double total, double selectivity) {}

    /**
     * {@code btcostestimate} over {@code genericcostestimate}: the index pages and entries read,
     * each entry's conditions, and the B-tree descent, for each of {@code arrayScans} scans (one
     * per element of a {@code = ANY} array) and averaged over {@code loops} rescans.
     */
    static AccessCost access(CostModel costs, RangeEntry entry, IndexInfo index, QueryExpr indexCondition,
                             int indexClauses, double loops, int arrayScans) {
        CostParameters parameters = costs.parameters();
        double tuples = costs.size(entry).tuples();
        double indexSelectivity = costs.selectivity(indexCondition, entry);
        double indexTuples = Math.max(1.0, Math.rint(indexSelectivity * tuples / arrayScans));
        double indexPages = Math.max(1, costs.statistics().indexPages(index));
        double indexPagesRead = tuples > 0 ? Math.ceil(indexTuples * indexPages / tuples) : 1;
        double cache = parameters.effectiveCacheSize();
        double indexIo = loops > 1 || arrayScans > 1
                ? pagesFetched(indexPagesRead * arrayScans * loops, indexPages, indexPages, cache)
                * parameters.randomPageCost() / loops
                : indexPagesRead * parameters.randomPageCost();
        double indexStartup = 0;
        double indexTotal = indexIo + indexTuples * arrayScans
                * (parameters.cpuIndexTupleCost() + indexClauses * parameters.cpuOperatorCost());
        if (tuples > 1) {
            double comparisons = Math.ceil(Math.log(tuples) / Math.log(2.0)) * parameters.cpuOperatorCost();
            indexStartup += comparisons;
            indexTotal += comparisons * arrayScans;
        }
        double treeHeight = indexPages <= 2 ? 0 : Math.ceil(Math.log(indexPages - 1) / Math.log(256));
        double descent = (treeHeight + 1) * 50.0 * parameters.cpuOperatorCost();
        indexStartup += descent;
        indexTotal += descent * arrayScans;
        return new AccessCost(indexStartup, indexTotal, indexSelectivity);
    }

    /**
     * {@code allvisfrac} of {@code estimate_rel_size}: relallvisible over the table's pages now,
     * at most 1.
     */
    private static double allVisibleFraction(CostModel.RelationSize size) {
        if (size.statistics() == null || size.statistics().relallvisible() <= 0 || size.pages() <= 0) {
            return 0;
        }
        return Math.min(1.0, size.statistics().relallvisible() / size.pages());
    }

    /** {@code index_pages_fetched}: Mackert and Lohman's estimate of distinct pages read with caching. */
    static double pagesFetched(double tuplesFetched, double tablePages, double indexPages, double cachePages) {
        double pages = Math.max(tablePages, 1.0);
        double cache = Math.max(1.0, Math.ceil(cachePages * pages / (pages + indexPages)));
        double fetched;
        if (pages <= cache) {
            fetched = Math.min(2.0 * pages * tuplesFetched / (2.0 * pages + tuplesFetched), pages);
        } else {
            double limit = 2.0 * pages * cache / (2.0 * pages - cache);
            fetched = tuplesFetched <= limit ? 2.0 * pages * tuplesFetched / (2.0 * pages + tuplesFetched)
                    : cache + (tuplesFetched - limit) * (pages - cache) / pages;
        }
        return Math.ceil(fetched);
    }

    private static double correlation(TableStatistics statistics, IndexInfo index) {
        if (statistics == null) {
            return 0;
        }
        TableStatistics.Column column = statistics.columns().get((int) index.columns().getFirst());
        TableStatistics.Slot slot = column == null ? null : column.slot(TableStatistics.KIND_CORRELATION);
        return slot == null ? 0 : slot.numbers()[0];
    }
}
