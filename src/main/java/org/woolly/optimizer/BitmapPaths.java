package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.woolly.catalog.IndexInfo;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.IndexExpressions;
import org.woolly.nodes.query.IndexPredicates;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;

/**
 * Bitmap scan paths of one table ({@code indxpath.c}'s bitmap half, costed as
 * {@code cost_bitmap_heap_scan}): a Bitmap Index Scan per index the WHERE conditions can use
 * (also {@code key = ANY (array)}), a BitmapOr when every arm of an OR condition has one, and
 * the cheapest BitmapAnd of scans over different conditions ({@code choose_bitmap_and}), under
 * one Bitmap Heap Scan.
 */
final class BitmapPaths {
    private BitmapPaths() {}

    /** A bitmap tree and the WHERE conjuncts it applies, with its cost and selectivity ({@code cost_bitmap_tree_node}). */
    private record Candidate(Plan plan, List<QueryExpr> clauses, double cost, double selectivity) {}

    /** The cheapest Bitmap Heap Scan of the entry for {@code qual}, or null when no index helps. */
    static Plan.BitmapHeapScan cheapest(CostModel costs, RangeEntry entry, QueryExpr qual, double rows) {
        if (qual == null || entry.kind() != RangeEntry.Kind.RELATION) {
            return null;
        }
        List<QueryExpr> conjuncts = new ArrayList<>();
        JoinPlanner.conjuncts(qual, conjuncts);
        List<Candidate> candidates = new ArrayList<>();
        for (QueryExpr conjunct : conjuncts) {
            if (conjunct instanceof QueryExpr.BoolOp bool && bool.kind() == QueryExpr.BoolOp.BoolKind.OR) {
                Candidate or = orCandidate(costs, entry, bool, qual);
                if (or != null) {
                    candidates.add(or);
                }
            }
        }
        candidates.addAll(indexCandidates(costs, entry, conjuncts, qual));
        if (candidates.isEmpty()) {
            return null;
        }
        Candidate chosen = chooseAnd(costs, entry, candidates);
        List<QueryExpr> filter = new ArrayList<>(conjuncts);
        filter.removeAll(chosen.clauses());
        return heapScan(costs, entry, chosen, qual, JoinPlanner.and(filter), rows);
    }

    /** A Bitmap Index Scan for each usable index: the conjuncts it applies as its Index Cond. */
    private static List<Candidate> indexCandidates(CostModel costs, RangeEntry entry, List<QueryExpr> conjuncts,
                                                   QueryExpr wholeQual) {
        PlannerStatistics statistics = costs.statistics();
        List<Candidate> candidates = new ArrayList<>();
        for (IndexInfo index : statistics.indexes(entry.relation().oid())) {
            if (!index.valid()) {
                continue;
            }
            IndexExpressions expressions = index.hasExpressions() || index.partial()
                    ? statistics.indexExpressions(index) : IndexExpressions.NONE;
            if (index.partial() && !IndexPredicates.impliedBy(expressions.predicate(), wholeQual)) {
                continue;
            }
            List<IndexPaths.Match> matches = IndexPaths.matches(conjuncts, entry, index, expressions, true);
            List<Plan.IndexKey> keys = new ArrayList<>();
            List<QueryExpr> clauses = new ArrayList<>();
            int arrayScans = 1;
            for (IndexPaths.Match match : matches) {
                if (match.argument() != null) {
                    keys.add(new Plan.IndexKey(match.keyColumn(), match.operator(), match.argument()));
                }
                if (match.operator().equals(IndexPaths.ANY)) {
                    arrayScans = Math.max(1, ((org.woolly.utils.adt.ArrayValue) ((QueryExpr.Const) match.argument())
                            .value()).size());
                }
                clauses.add(match.clause());
            }
            if (clauses.isEmpty()) {
                continue;
            }
            QueryExpr condition = JoinPlanner.and(clauses);
            IndexPaths.AccessCost access = IndexPaths.access(costs, entry, index, condition, clauses.size(), 1,
                    arrayScans);
            double tuples = costs.size(entry).tuples();
            Plan.BitmapIndexScan scan = new Plan.BitmapIndexScan(entry, index.oid(), index.name(), List.copyOf(keys),
                    condition, new Plan.Cost(0, access.total(),
                    CostModel.clampRows(access.selectivity() * tuples), 0));
            // manipulating the bitmap costs a little per TID (cost_bitmap_tree_node)
            double cost = access.total() + 0.1 * costs.cpuOperatorCost()
                    * CostModel.clampRows(costs.selectivity(wholeQual, entry) * tuples);
            candidates.add(new Candidate(scan, List.copyOf(clauses), cost, access.selectivity()));
        }
        return candidates;
    }

    /**
     * A BitmapOr over the arms of an OR conjunct ({@code generate_bitmap_or_paths}): each arm's
     * cheapest bitmap tree, when it applies all of the arm's conditions; null when an arm has none.
     */
    private static Candidate orCandidate(CostModel costs, RangeEntry entry, QueryExpr.BoolOp or, QueryExpr wholeQual) {
        List<Plan> children = new ArrayList<>();
        double cost = 0;
        double selectivity = 0;
        for (QueryExpr arm : or.args()) {
            List<QueryExpr> armConjuncts = new ArrayList<>();
            JoinPlanner.conjuncts(arm, armConjuncts);
            Candidate best = null;
            for (Candidate candidate : indexCandidates(costs, entry, armConjuncts, wholeQual)) {
                if (candidate.clauses().size() == armConjuncts.size()
                        && (best == null || candidate.cost() < best.cost())) {
                    best = candidate;
                }
            }
            if (best == null) {
                return null;
            }
            children.add(best.plan());
            cost += best.cost();
            selectivity += best.selectivity();
        }
        selectivity = Math.min(1.0, selectivity);
        double rows = CostModel.clampRows(selectivity * costs.size(entry).tuples());
        return new Candidate(new Plan.BitmapOr(List.copyOf(children), new Plan.Cost(cost, cost, rows, 0)),
                List.of(or), cost, selectivity);
    }

    /**
     * {@code choose_bitmap_and}: candidates by their cost as a heap scan alone, then from each
     * start the later ones whose conditions are new, kept while they make the heap scan cheaper.
     */
    private static Candidate chooseAnd(CostModel costs, RangeEntry entry, List<Candidate> candidates) {
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble((Candidate candidate) -> heapCost(costs, entry, candidate))
                .thenComparingDouble(Candidate::selectivity));
        Candidate best = null;
        double bestCost = Double.MAX_VALUE;
        for (int i = 0; i < sorted.size(); i++) {
            List<Candidate> chosen = new ArrayList<>(List.of(sorted.get(i)));
            List<QueryExpr> clauses = new ArrayList<>(sorted.get(i).clauses());
            Candidate current = sorted.get(i);
            double currentCost = heapCost(costs, entry, current);
            for (int j = i + 1; j < sorted.size(); j++) {
                Candidate next = sorted.get(j);
                if (next.clauses().stream().anyMatch(clauses::contains)) {
                    continue;
                }
                List<Candidate> tried = new ArrayList<>(chosen);
                tried.add(next);
                Candidate and = and(costs, entry, tried);
                double andCost = heapCost(costs, entry, and);
                if (andCost < currentCost) {
                    chosen = tried;
                    clauses.addAll(next.clauses());
                    current = and;
                    currentCost = andCost;
                }
            }
            if (currentCost < bestCost) {
                best = current;
                bestCost = currentCost;
            }
        }
        return best;
    }

    /** {@code cost_bitmap_and_node}: selectivities multiplied, costs added with a charge per extra child. */
    private static Candidate and(CostModel costs, RangeEntry entry, List<Candidate> children) {
        double cost = 0;
        double selectivity = 1.0;
        List<Plan> plans = new ArrayList<>();
        List<QueryExpr> clauses = new ArrayList<>();
        for (Candidate child : children) {
            cost += child.cost() + (plans.isEmpty() ? 0 : 100.0 * costs.cpuOperatorCost());
            selectivity *= child.selectivity();
            plans.add(child.plan());
            clauses.addAll(child.clauses());
        }
        double rows = CostModel.clampRows(selectivity * costs.size(entry).tuples());
        return new Candidate(new Plan.BitmapAnd(List.copyOf(plans), new Plan.Cost(cost, cost, rows, 0)),
                List.copyOf(clauses), cost, selectivity);
    }

    private static double heapCost(CostModel costs, RangeEntry entry, Candidate candidate) {
        return heapScan(costs, entry, candidate, null, null, 1).cost().total();
    }

    /**
     * {@code cost_bitmap_heap_scan}: the bitmap tree, then the heap pages its TIDs fall on
     * (Mackert and Lohman's estimate without caching, {@code compute_bitmap_pages}), each page
     * costing between a random and a sequential read by how large a share of the table is
     * read, then every fetched row with the whole WHERE rechecked.
     */
    private static Plan.BitmapHeapScan heapScan(CostModel costs, RangeEntry entry, Candidate candidate,
                                                QueryExpr qual, QueryExpr filter, double rows) {
        CostParameters parameters = costs.parameters();
        CostModel.RelationSize size = costs.size(entry);
        double startup = CostParameters.penalty(parameters.enableBitmapscan()) + candidate.cost();
        double tuplesFetched = CostModel.clampRows(candidate.selectivity() * size.tuples());
        double tablePages = size.pages() > 1 ? size.pages() : 1.0;
        double pagesFetched = 2.0 * tablePages * tuplesFetched / (2.0 * tablePages + tuplesFetched);
        pagesFetched = pagesFetched >= tablePages ? tablePages : Math.ceil(pagesFetched);
        double costPerPage = pagesFetched >= 2.0 ? parameters.randomPageCost()
                - (parameters.randomPageCost() - parameters.seqPageCost()) * Math.sqrt(pagesFetched / tablePages)
                : parameters.randomPageCost();
        double run = pagesFetched * costPerPage
                + tuplesFetched * (parameters.cpuTupleCost() + CostModel.operatorCount(qual) * parameters.cpuOperatorCost());
        QueryExpr recheck = recheckCondition(candidate.plan());
        return new Plan.BitmapHeapScan(entry, candidate.plan(), recheck, qual, filter,
                new Plan.Cost(startup, startup + run, rows, costs.width(entry)));
    }

    /**
     * What EXPLAIN shows as {@code Recheck Cond} ({@code bitmapqualorig}): an index scan's
     * conditions, the OR of a BitmapOr's children, the AND of a BitmapAnd's.
     */
    private static QueryExpr recheckCondition(Plan bitmap) {
        return switch (bitmap) {
            case Plan.BitmapIndexScan scan -> scan.indexCondition();
            case Plan.BitmapOr or -> new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.OR,
                    or.children().stream().map(BitmapPaths::recheckCondition).toList());
            case Plan.BitmapAnd and -> {
                List<QueryExpr> conjuncts = new ArrayList<>();
                for (Plan child : and.children()) {
                    JoinPlanner.conjuncts(recheckCondition(child), conjuncts);
                }
                yield JoinPlanner.and(conjuncts);
            }
            default -> throw new IllegalStateException("not a bitmap plan: " + bitmap);
        };
    }
}
