package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;

/**
 * Parallel plans over one table ({@code allpaths.c}'s {@code create_plain_partial_paths} and
 * {@code generate_gather_paths}, {@code planner.c}'s {@code create_partial_grouping_paths}):
 * a Parallel Seq Scan run by {@code compute_parallel_worker}'s number of workers and the
 * leader, under a Gather for a filtered scan, or under a Partial Aggregate whose transition
 * states a Finalize Aggregate above the Gather combines. Chosen only when cheaper than the
 * serial plan by PostgreSQL 15's costs ({@code cost_seqscan} with its parallel divisor,
 * {@code cost_gather}: {@code parallel_setup_cost} plus {@code parallel_tuple_cost} per row).
 *
 * <p>Only parallel-safe work goes below the Gather ({@code is_parallel_safe}): no subqueries or
 * outer parameters, no volatile built-in function (PostgreSQL marks those parallel restricted or
 * unsafe), no user-defined function (Woolly's {@code CREATE FUNCTION} makes them
 * {@code proparallel 'u'}); aggregates need a combine function and no DISTINCT or ORDER BY.
 * Temporary tables (another session's buffers in PostgreSQL) and sequences stay serial.
 */
final class ParallelPaths {
    /** {@code FirstNormalObjectId}: functions from here up are user-defined. */
    private static final int FIRST_NORMAL_OID = 16384;

    private ParallelPaths() {}

    /**
     * {@code compute_parallel_worker} for a table of {@code pages} blocks: none below
     * min_parallel_table_scan_size, then one more worker each time the table triples, at most
     * max_parallel_workers_per_gather.
     */
    static int workers(CostParameters.Parallel settings, double pages) {
        if (pages < settings.minTableScanBlocks()) {
            return 0;
        }
        long threshold = Math.max(settings.minTableScanBlocks(), 1);
        int workers = 1;
        while (pages >= threshold * 3) {
            workers++;
            threshold *= 3;
            if (threshold > Integer.MAX_VALUE / 3) {
                break;
            }
        }
        return Math.min(workers, settings.maxWorkersPerGather());
    }

    /**
     * {@code get_parallel_divisor}: how many participants' worth of rows each one handles; the
     * leader counts less the more workers it has to read from.
     */
    static double divisor(int workers, boolean leaderParticipation) {
        double divisor = workers;
        if (leaderParticipation) {
            double leader = 1.0 - 0.3 * workers;
            if (leader > 0) {
                divisor += leader;
            }
        }
        return divisor;
    }

    /**
     * A Gather over a Parallel Seq Scan doing {@code scan}'s work, when the query may run in
     * parallel and that is cheaper for the rows it needs; otherwise {@code scan} itself.
     */
    static Plan gather(CostModel costs, Query query, Plan scan, double limitRows) {
        Plan.SeqScan partial = partialScan(costs, query, scan);
        if (partial == null) {
            return scan;
        }
        int workers = workers(costs.parameters().parallel(), costs.size(partial.entry()).pages());
        Plan gather = gatherOver(costs, partial, workers, partial.cost().rows() * workers);
        double rows = Math.max(scan.cost().rows(), 1);
        double fraction = limitRows > 0 ? Math.min(1.0, limitRows / rows) : 1.0;
        return fractionalCost(gather.cost(), fraction) < fractionalCost(scan.cost(), fraction) ? gather : scan;
    }

    /**
     * A Finalize Aggregate over a Gather of Partial Aggregates over a Parallel Seq Scan, doing
     * {@code serial}'s aggregation of {@code scan}'s rows, when allowed and cheaper; else {@code serial}.
     */
    static Plan aggregate(CostModel costs, Query query, Plan scan, Plan.Aggregate serial) {
        if (serial.groupingSets() != null || !combinable(query.aggregates()) || !safe(serial.groupBy())) {
            return serial;
        }
        Plan.SeqScan partial = partialScan(costs, query, scan);
        if (partial == null) {
            return serial;
        }
        int workers = workers(costs.parameters().parallel(), costs.size(partial.entry()).pages());
        boolean hashed = serial.hashed();
        Plan.Cost partialCost = aggregateCost(costs, serial, partial.cost(),
                hashed ? Math.min(CostModel.DEFAULT_GROUPS, partial.cost().rows()) : 1);
        Plan.Aggregate partialAggregate = new Plan.Aggregate(hashed, partial, serial.groupBy(), serial.aggregates(),
                null, partialCost, null, Plan.AggregateSplit.PARTIAL);
        Plan gather = gatherOver(costs, partialAggregate, workers, partialCost.rows() * workers);
        Plan.Cost finalCost = aggregateCost(costs, serial, gather.cost(), serial.cost().rows());
        if (finalCost.total() >= serial.cost().total()) {
            return serial;
        }
        return new Plan.Aggregate(hashed, gather, serial.groupBy(), serial.aggregates(), serial.having(), finalCost,
                null, Plan.AggregateSplit.FINALIZE);
    }

    /** The cost of aggregating {@code input} into {@code groups} rows as the serial plan's cost is made. */
    private static Plan.Cost aggregateCost(CostModel costs, Plan.Aggregate serial, Plan.Cost input, double groups) {
        double perRow = costs.cpuOperatorCost() * (serial.groupBy().size() + serial.aggregates().size());
        double run = input.rows() * perRow;
        double total = input.total() + run + groups * costs.cpuTupleCost();
        double startup = serial.hashed() ? total - groups * costs.cpuTupleCost() : input.total() + run;
        return new Plan.Cost(startup, total, groups, serial.cost().width());
    }

    /** {@code cost_gather}: the workers' start, then each row passed to the leader. */
    private static Plan gatherOver(CostModel costs, Plan partial, int workers, double rows) {
        CostParameters.Parallel settings = costs.parameters().parallel();
        Plan.Cost cost = partial.cost();
        double startup = cost.startup() + settings.setupCost();
        double total = cost.total() + settings.setupCost() + settings.tupleCost() * rows;
        return new Plan.Gather(partial, workers, new Plan.Cost(startup, total, CostModel.clampRows(rows), cost.width()));
    }

    private static double fractionalCost(Plan.Cost cost, double fraction) {
        return cost.startup() + (cost.total() - cost.startup()) * fraction;
    }

    /**
     * The partial version of {@code scan} ({@code cost_seqscan} for a partial path: the CPU
     * per row shared by the participants, the pages not), or null when the query cannot run in
     * parallel or the table is too small for a worker.
     */
    private static Plan.SeqScan partialScan(CostModel costs, Query query, Plan scan) {
        CostParameters.Parallel settings = costs.parameters().parallel();
        if (!settings.allowed() || settings.maxWorkersPerGather() <= 0 || !(scan instanceof Plan.SeqScan serial)
                || serial.parallel() || query.command() != Query.CommandType.SELECT || !query.rowMarks().isEmpty()) {
            return null;
        }
        RangeEntry entry = serial.entry();
        if (entry.kind() != RangeEntry.Kind.RELATION || entry.withTid()
                || !costs.statistics().parallelScanAllowed(entry.relation().oid()) || !safe(serial.qual())) {
            return null;
        }
        List<QueryExpr> outputs = new ArrayList<>();
        query.targetList().forEach(target -> outputs.add(target.expr()));
        if (!query.hasAggregation() && !safe(outputs)) {
            return null;
        }
        CostModel.RelationSize size = costs.size(entry);
        int workers = workers(settings, size.pages());
        if (workers <= 0) {
            return null;
        }
        double divisor = divisor(workers, settings.leaderParticipation());
        double cpuRun = serial.cost().total() - serial.cost().startup() - size.pages() * costs.parameters().seqPageCost();
        double total = serial.cost().startup() + size.pages() * costs.parameters().seqPageCost() + cpuRun / divisor;
        return new Plan.SeqScan(entry, serial.qual(), new Plan.Cost(serial.cost().startup(), total,
                CostModel.clampRows(serial.cost().rows() / divisor), serial.cost().width()), true);
    }

    /** Whether every aggregate can be split into partial and final steps. */
    private static boolean combinable(List<QueryExpr.Aggregate> aggregates) {
        for (QueryExpr.Aggregate aggregate : aggregates) {
            if (aggregate.aggregate().combine() == null || aggregate.distinct() || !aggregate.orderBy().isEmpty()
                    || !safe(aggregate.args()) || !safe(aggregate.filter())) {
                return false;
            }
        }
        return true;
    }

    private static boolean safe(List<QueryExpr> exprs) {
        for (QueryExpr expr : exprs) {
            if (!safe(expr)) {
                return false;
            }
        }
        return true;
    }

    /** {@code is_parallel_safe}: nothing in the expression needs to run in the leader. */
    static boolean safe(QueryExpr expr) {
        return expr == null || !ExpressionWalker.contains(expr, node -> switch (node) {
            case QueryExpr.FuncCall call -> call.function().isVolatile() || call.function().oid() >= FIRST_NORMAL_OID;
            case QueryExpr.SubLink ignored -> true;
            case QueryExpr.ExecParam ignored -> true;
            case QueryExpr.WindowFunc ignored -> true;
            default -> false;
        });
    }
}
