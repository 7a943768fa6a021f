package org.woolly.optimizer;

import org.woolly.catalog.TableStatistics;

/**
 * What the planner reads about a table besides its query-tree entry ({@code plancat.c}'s
 * {@code get_relation_info}, {@code estimate_rel_size}): the current size of its main fork and
 * what ANALYZE recorded. The session supplies it per statement, from its transaction's view of
 * the catalogs.
 */
public interface PlannerStatistics {
    /** Blocks of the table's main fork now ({@code RelationGetNumberOfBlocks}); -1 if unknown. */
    int currentPages(int relationOid);

    /** relpages, reltuples and pg_statistic of the table, or null when unknown. */
    TableStatistics statistics(int relationOid);

    /** Nothing known: every table is PostgreSQL's never-analyzed 10 pages, selectivities its defaults. */
    PlannerStatistics NONE = new PlannerStatistics() {
        @Override
        public int currentPages(int relationOid) {
            return -1;
        }

        @Override
        public TableStatistics statistics(int relationOid) {
            return null;
        }
    };
}
