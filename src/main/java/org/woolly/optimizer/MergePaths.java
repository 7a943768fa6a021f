package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.SortKey;

/**
 * Merge join paths ({@code joinpath.c}'s {@code sort_inner_and_outer}, costed as
 * {@code initial_cost_mergejoin}/{@code final_cost_mergejoin}): both sides sorted ascending on
 * the equality keys by a Sort, then merged; every join type, so a FULL or RIGHT join on
 * equality keys is merged.
 */
final class MergePaths {
    private MergePaths() {}

    /** The merge join of the two sides on the keys, or null when a key's type has no ordering. */
    static Plan.MergeJoin mergeJoin(CostModel costs, FromItem.JoinType type, Plan outer, Plan inner,
                                    List<QueryExpr> outerKeys, List<QueryExpr> innerKeys, QueryExpr joinQual,
                                    int outerWidth, int innerWidth, double rows, int width, double keySelectivity) {
        List<Comparator<Object>> comparators = new ArrayList<>();
        for (QueryExpr key : outerKeys) {
            Comparator<Object> comparator = costs.comparator(key.type());
            if (comparator == null) {
                return null;
            }
            comparators.add(comparator);
        }
        Plan sortedOuter = sort(costs, outer, outerKeys, comparators);
        Plan sortedInner = sort(costs, inner, innerKeys, comparators);
        CostParameters parameters = costs.parameters();
        double outerRows = outer.cost().rows();
        double innerRows = inner.cost().rows();
        double startup = CostParameters.penalty(parameters.enableMergejoin()) + sortedOuter.cost().startup()
                + sortedInner.cost().startup();
        // each side's rows pass the merge clauses once; each joined pair pays its tuple and the other quals
        double run = sortedOuter.cost().total() - sortedOuter.cost().startup()
                + sortedInner.cost().total() - sortedInner.cost().startup()
                + parameters.cpuOperatorCost() * outerKeys.size() * (outerRows + innerRows)
                + (parameters.cpuTupleCost() + CostModel.operatorCount(joinQual) * parameters.cpuOperatorCost())
                * CostModel.clampRows(outerRows * innerRows * keySelectivity);
        return new Plan.MergeJoin(type, sortedOuter, sortedInner, outerKeys, innerKeys, List.copyOf(comparators),
                joinQual, outerWidth, innerWidth, new Plan.Cost(startup, startup + run, rows, width));
    }

    /** A Sort of the input on the keys, ascending nulls last ({@code cost_sort}). */
    private static Plan sort(CostModel costs, Plan input, List<QueryExpr> keys, List<Comparator<Object>> comparators) {
        List<SortKey> sortKeys = new ArrayList<>();
        for (Comparator<Object> comparator : comparators) {
            sortKeys.add(new SortKey(-1, false, false, comparator));
        }
        double startup = input.cost().total() + costs.sortCost(input.cost().rows(), -1);
        return new Plan.Sort(input, sortKeys, List.copyOf(keys), new Plan.Cost(startup,
                startup + input.cost().rows() * costs.cpuOperatorCost(), input.cost().rows(), input.cost().width()));
    }

    /** {@code best}, or the merge join when it is cheaper. */
    static Plan cheaper(Plan best, Plan mergeJoin) {
        return mergeJoin != null && mergeJoin.cost().total() < best.cost().total() ? mergeJoin : best;
    }
}
