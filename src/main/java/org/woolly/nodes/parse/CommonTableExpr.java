package org.woolly.nodes.parse;

import java.util.List;

/**
 * {@code name [(columns)] AS [[NOT] MATERIALIZED] (query) [SEARCH ...] [CYCLE ...]} in a WITH clause;
 * {@code materialized} is null when neither is written; {@code recursive} when the clause is WITH
 * RECURSIVE; {@code search} and {@code cycle} are null when not written.
 */
public record CommonTableExpr(String name, List<String> columns, Statement query, Boolean materialized,
                              boolean recursive, int location, SearchClause search, CycleClause cycle) {

    /** A WITH query without SEARCH or CYCLE clause. */
    public CommonTableExpr(String name, List<String> columns, Statement query, Boolean materialized,
                           boolean recursive, int location) {
        this(name, columns, query, materialized, recursive, location, null, null);
    }

    /** {@code SEARCH {DEPTH | BREADTH} FIRST BY columns SET sequenceColumn} ({@code CTESearchClause}). */
    public record SearchClause(boolean breadthFirst, List<String> columns, String sequenceColumn, int location) {}

    /**
     * {@code CYCLE columns SET markColumn [TO markValue DEFAULT markDefault] USING pathColumn}
     * ({@code CTECycleClause}); the mark values are TRUE and FALSE when not written.
     */
    public record CycleClause(List<String> columns, String markColumn, Expr markValue, Expr markDefault,
                              String pathColumn, int location) {}
}
