package org.woolly.nodes.query;

import java.util.List;

/**
 * An analyzed MERGE ({@code mergeActionList} and {@code mergeUseOuterJoin} of PostgreSQL's
 * {@code Query}). The query's join row is the target's columns, its TID (null when no target
 * row matched) and then the source's columns; every expression here reads that row.
 * {@code joinCondition} is the ON condition, evaluated again on a target row a concurrent
 * transaction updated (EvalPlanQual); {@code outerJoin} tells whether unmatched source rows
 * reach the WHEN clauses (some clause inserts).
 */
public record MergeClause(List<Action> actions, QueryExpr joinCondition, boolean outerJoin) {

    /** What a WHEN clause does. */
    public enum Kind { UPDATE, DELETE, INSERT, NOTHING }

    /**
     * One WHEN clause ({@code MergeAction}): {@code condition} null when none was written;
     * {@code newRow} the complete new row in attribute order for UPDATE and INSERT, empty otherwise.
     */
    public record Action(boolean matched, Kind kind, QueryExpr condition, List<QueryExpr> newRow) {}
}
