package org.woolly.nodes.query;

/**
 * One outer column passed to a correlated subquery ({@code SubPlan.parParam} with its
 * {@code args} entry): {@code value} is evaluated on the enclosing query's current row and stored
 * in execution parameter {@code param}, which the subquery reads as {@link QueryExpr.ExecParam}.
 */
public record ParamBinding(int param, QueryExpr value) {}
