/**
 * The planner: query trees into plan trees, with PostgreSQL's cost units so EXPLAIN reads the
 * same. Counterpart of {@code src/backend/optimizer} ({@code planner.c}, {@code costsize.c},
 * {@code createplan.c}, {@code clausesel.c}) and of the estimators of {@code selfuncs.c}.
 * <ul>
 * <li>{@link org.woolly.optimizer.CostParameters}: the session's cost GUCs and {@code enable_*}
 *     switches, read at each plan; a disabled path gets {@code disable_cost} (1.0e10) added.</li>
 * <li>{@link org.woolly.optimizer.CostModel}: table sizes as {@code estimate_rel_size} (current
 *     pages, at least 10 for a never-analyzed table, times the density ANALYZE recorded),
 *     widths from pg_statistic's {@code stawidth} where known, and the costs.</li>
 * <li>{@code Selectivity}: eqsel with most common values, scalarineqsel with histogram
 *     interpolation, null tests, AND/OR/NOT, equi-join selectivity without MCV matching; the
 *     defaults of PostgreSQL without statistics.</li>
 * <li>{@link org.woolly.optimizer.PlannerStatistics}: what the session supplies per statement
 *     (pages of each table now, its pg_class/pg_statistic figures, its indexes).</li>
 * <li>{@code FunctionPaths}: Function Scan of a function in FROM and ProjectSet of a select list
 *     calling set-returning functions, with {@code prorows} (1000) or generate_series' support
 *     estimate over integer constants; a plain function of constants in FROM is a Result.</li>
 * <li>{@code IndexPaths}: B-tree Index Scans for {@code col op const/param} on the leading key
 *     columns, costed as {@code cost_index}; taken when cheaper than the sequential scan, for
 *     SELECT, UPDATE and DELETE, and for a one-table {@code ORDER BY col [LIMIT n]} when reading
 *     in index order (backward for {@code DESC}) beats sorting. A column that is the key of a
 *     unique index counts as unique in the estimates, analyzed or not. The inner table of an
 *     equi-join may be an index scan keyed by execution parameters the nested loop sets from
 *     each outer row (planner parameters have negative ids), costed per rescan with
 *     {@code loop_count} and taken when cheaper than the hash join.</li>
 * <li>{@code BitmapPaths}: Bitmap Heap Scan over Bitmap Index Scans, BitmapOr for an OR whose
 *     arms each have an index, {@code = ANY (array)}, BitmapAnd chosen as {@code choose_bitmap_and},
 *     costed as {@code cost_bitmap_heap_scan}; taken when cheaper than the other scans.</li>
 * <li>{@code MergePaths}: Merge Join over Sorts of both sides on the equality keys, every join
 *     type, costed after {@code final_cost_mergejoin}.</li>
 * <li>{@code JoinCommutation}: an inner join also costed with its sides swapped, a projection
 *     restoring the column order above the swapped join.</li>
 * <li>{@code JoinSearch}: the join order of three or more relations by dynamic programming over
 *     relation sets ({@code standard_join_search}), greedy from {@code geqo_threshold}; inner
 *     joins and FROM lists flattened up to {@code join_collapse_limit}/{@code from_collapse_limit},
 *     a LEFT join moved where the outer-join identities allow.</li>
 * <li>{@code MinMaxPaths}: min/max of an indexed column over one table as InitPlans
 *     {@code Limit 1} over a forward or backward Index Scan with {@code col IS NOT NULL}
 *     ({@code planagg.c}).</li>
 * <li>{@code SubLinkCollector}: every subquery in an expression gets a plan: an InitPlan run
 *     once, or a SubPlan run per row when correlated; {@code HashedSubPlans} runs a correlated
 *     EXISTS on equalities once and probes it by hash.</li>
 * <li>{@code SetOperationPaths}: INTERSECT/EXCEPT [ALL] as a hashed SetOp, WITH RECURSIVE as a
 *     Recursive Union over a WorkTable Scan, a CTE as a CTE Scan when materialized (recursive
 *     or MATERIALIZED), else inline like a subquery. A LATERAL item joins as a nested loop that
 *     re-runs it per outer row ({@code Plan.LateralLoop}). UPDATE ... FROM / DELETE ... USING
 *     join the target (with its TID) to the other items.</li>
 * <li>{@code WindowPlanner}: one WindowAgg per distinct window of the select list, each over a
 *     Sort by its PARTITION BY then ORDER BY keys unless the previous window left the rows in
 *     that order (a window whose keys extend another's runs first); ORDER BY of the query is not
 *     sorted again when the last window's order already satisfies it. DISTINCT ON is a Unique
 *     over the Sort of the query's keys.</li>
 * </ul>
 * Entry point: {@link org.woolly.optimizer.Planner#plan}. Not yet: index-only and bitmap scans,
 * parameters from outer expressions (only outer columns), merge joins over index order.
 */
package org.woolly.optimizer;
