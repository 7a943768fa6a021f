/**
 * The analyzed query tree: statements after name and type resolution ({@link org.woolly.nodes.query.Query})
 * and typed expressions ({@link org.woolly.nodes.query.QueryExpr}). Counterpart of
 * {@code src/include/nodes/parsenodes.h} (Query, RangeTblEntry, TargetEntry) and
 * {@code primnodes.h} (Var, Const, Param, FuncExpr, BoolExpr, ...). The analyzer builds these; the
 * planner and executor consume them. Resolved functions, aggregates and casts are carried as
 * handles ({@link org.woolly.nodes.query.FunctionHandle}, ...) that the executor calls directly.
 */
package org.woolly.nodes.query;
