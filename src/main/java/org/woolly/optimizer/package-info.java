/**
 * The planner: query trees into plan trees, with PostgreSQL's cost units so EXPLAIN reads the
 * same. Counterpart of {@code src/backend/optimizer} ({@code planner.c}, {@code costsize.c},
 * {@code createplan.c}). Without {@code pg_statistic} yet, table sizes come from PostgreSQL's
 * default guess for a never-analyzed table (10 pages) and selectivities from its defaults;
 * {@link org.woolly.optimizer.CostModel} is the one place that will read statistics.
 * Entry point: {@link org.woolly.optimizer.Planner#plan}.
 */
package org.woolly.optimizer;
