package org.woolly.optimizer;

import java.util.List;
import org.woolly.catalog.IndexInfo;
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

    /** The table's indexes ({@code RelOptInfo.indexlist}); none when unknown. */
    default List<IndexInfo> indexes(int relationOid) {
        return List.of();
    }

    /** Pages of an index now, metapage included. */
    default long indexPages(IndexInfo index) {
        return 1;
    }

    /** The analyzed expressions and predicate of an expression or partial index ({@code RelationGetIndexExpressions}). */
    default org.woolly.nodes.query.IndexExpressions indexExpressions(IndexInfo index) {
        return org.woolly.nodes.query.IndexExpressions.NONE;
    }

    /**
     * Whether a Parallel Seq Scan may read the table: an ordinary table ({@code relkind 'r'}),
     * not a temporary one (PostgreSQL keeps those in the session's local buffers, out of its
     * workers' reach; {@code set_rel_consider_parallel}).
     */
    default boolean parallelScanAllowed(int relationOid) {
        return false;
    }

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
