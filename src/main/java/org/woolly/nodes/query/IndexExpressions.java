package org.woolly.nodes.query;

import java.util.List;

/**
 * The analyzed expressions of an expression or partial index over its table's row
 * ({@code RelationGetIndexExpressions} and {@code RelationGetIndexPredicate}): one expression
 * per 0 column of {@code indkey}, in order, and the predicate as a boolean (null for none).
 * Their {@link QueryExpr.Var}s are positions in the table's row of live columns.
 */
public record IndexExpressions(List<QueryExpr> expressions, QueryExpr predicate) {
    public static final IndexExpressions NONE = new IndexExpressions(List.of(), null);
}
