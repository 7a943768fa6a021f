/**
 * Plan trees the optimizer produces and the executor runs ({@code src/include/nodes/plannodes.h}).
 * Every node carries its estimated {@link org.woolly.nodes.plan.Plan.Cost} for EXPLAIN and for
 * choosing between alternatives. Expressions inside are {@link org.woolly.nodes.query.QueryExpr}
 * reading the row of the node below (positions as the analyzer numbered them).
 */
package org.woolly.nodes.plan;
