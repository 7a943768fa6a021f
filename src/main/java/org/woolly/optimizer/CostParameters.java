package org.woolly.optimizer;

import org.woolly.utils.guc.SessionSettings;

/**
 * The planner's cost settings as one statement is planned: PostgreSQL 15's cost GUCs
 * ({@code seq_page_cost}, {@code cpu_tuple_cost}, ...) and its {@code enable_*} switches
 * ({@code costsize.c}'s globals). A switched-off path is not removed but gets
 * {@link #DISABLE_COST} added to its startup cost, so it is chosen only when nothing else can
 * do the job, and EXPLAIN shows the same inflated figures as PostgreSQL. The join search's
 * limits: {@code join_collapse_limit}, {@code from_collapse_limit}, and {@code geqo_threshold}
 * (no limit when {@code geqo} is off), above which the join order is searched greedily;
 * {@code work_mem} in kB, beyond which a materialized result is costed as spilling to disk.
 */
public record CostParameters(double seqPageCost, double randomPageCost, double cpuTupleCost,
                             double cpuIndexTupleCost, double cpuOperatorCost, int effectiveCacheSize,
                             boolean enableSeqscan, boolean enableIndexscan, boolean enableIndexonlyscan,
                             boolean enableBitmapscan, boolean enableNestloop, boolean enableHashjoin,
                             boolean enableMergejoin, boolean enableSort, boolean enableHashagg,
                             boolean enableMaterial, int joinCollapseLimit, int fromCollapseLimit,
                             int geqoThreshold, int workMem, Parallel parallel) {

    /**
     * The settings of parallel query ({@code parallel_setup_cost}, {@code parallel_tuple_cost},
     * {@code min_parallel_table_scan_size} in blocks, {@code max_parallel_workers_per_gather},
     * {@code parallel_leader_participation}) and whether the statement may use a parallel plan
     * at all ({@code CURSOR_OPT_PARALLEL_OK}: not for a cursor).
     */
    public record Parallel(double setupCost, double tupleCost, int minTableScanBlocks, int maxWorkersPerGather,
                           boolean leaderParticipation, boolean allowed) {
        /** PostgreSQL's defaults. */
        public static final Parallel DEFAULTS = new Parallel(1000, 0.1, 1024, 2, true, true);

        static Parallel from(SessionSettings settings) {
            return new Parallel(settings.getDouble("parallel_setup_cost"), settings.getDouble("parallel_tuple_cost"),
                    settings.getInt("min_parallel_table_scan_size"), settings.getInt("max_parallel_workers_per_gather"),
                    settings.getBoolean("parallel_leader_participation"), true);
        }
    }

    /** The same settings, with parallel plans allowed or not for the statement being planned. */
    public CostParameters withParallelAllowed(boolean allowed) {
        Parallel changed = new Parallel(parallel.setupCost(), parallel.tupleCost(), parallel.minTableScanBlocks(),
                parallel.maxWorkersPerGather(), parallel.leaderParticipation(), allowed);
        return new CostParameters(seqPageCost, randomPageCost, cpuTupleCost, cpuIndexTupleCost, cpuOperatorCost,
                effectiveCacheSize, enableSeqscan, enableIndexscan, enableIndexonlyscan, enableBitmapscan,
                enableNestloop, enableHashjoin, enableMergejoin, enableSort, enableHashagg, enableMaterial,
                joinCollapseLimit, fromCollapseLimit, geqoThreshold, workMem, changed);
    }

    /** {@code disable_cost} of {@code costsize.c}. */
    public static final double DISABLE_COST = 1.0e10;

    /** PostgreSQL's defaults (what a session that changed nothing plans with). */
    public static final CostParameters DEFAULTS = new CostParameters(1.0, 4.0, 0.01, 0.005, 0.0025, 524288,
            true, true, true, true, true, true, true, true, true, true, 8, 8, 12, 4096, Parallel.DEFAULTS);

    /** The current values of the session's settings. */
    public static CostParameters from(SessionSettings settings) {
        return new CostParameters(settings.getDouble("seq_page_cost"), settings.getDouble("random_page_cost"),
                settings.getDouble("cpu_tuple_cost"), settings.getDouble("cpu_index_tuple_cost"),
                settings.getDouble("cpu_operator_cost"), settings.getInt("effective_cache_size"),
                settings.getBoolean("enable_seqscan"), settings.getBoolean("enable_indexscan"),
                settings.getBoolean("enable_indexonlyscan"), settings.getBoolean("enable_bitmapscan"),
                settings.getBoolean("enable_nestloop"), settings.getBoolean("enable_hashjoin"),
                settings.getBoolean("enable_mergejoin"), settings.getBoolean("enable_sort"),
                settings.getBoolean("enable_hashagg"), settings.getBoolean("enable_material"),
                settings.getInt("join_collapse_limit"), settings.getInt("from_collapse_limit"),
                settings.getBoolean("geqo") ? settings.getInt("geqo_threshold") : Integer.MAX_VALUE,
                settings.getInt("work_mem"), Parallel.from(settings));
    }

    /** {@code disable_cost} when the switch is off, else 0. */
    static double penalty(boolean enabled) {
        return enabled ? 0 : DISABLE_COST;
    }
}
