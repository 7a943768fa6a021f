package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.analyzer.TypeSystem;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.CteDefinition;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.TargetEntry;

/**
 * Builds the plan of a query ({@code planner.c}'s {@code grouping_planner}, {@code createplan.c}):
 * scans and joins, then aggregation, projection, DISTINCT, sort, limit, and the modify node.
 */
public final class Planner {
    private final TypeSystem types;
    /** The cost model of the statement being planned. */
    private CostModel costs;
    /** How deep in the statement's queries the planner is: 1 for the statement's own query. */
    private int nesting;
    /** Whether the statement may get a parallel plan: a SELECT that writes and locks nothing. */
    private boolean parallelStatement;
    /** The plan of each shared CTE of the statement, made at its first reference. */
    private java.util.Map<CteDefinition, Plan> ctePlans = new java.util.IdentityHashMap<>();
    /** Shared CTEs planned but not yet placed at the top of a query level, in the order they were planned. */
    private List<CteDefinition> unplacedCtes = new ArrayList<>();
    /** How many references of each shared CTE the planner has met. */
    private java.util.Map<CteDefinition, Integer> cteReferencesMet = new java.util.IdentityHashMap<>();

    public Planner(TypeSystem types) {
        this.types = types;
    }

    /** Plans with PostgreSQL's default costs and no statistics (tests, and what a fresh session would do). */
    public Plan plan(Query query) {
        return plan(query, CostParameters.DEFAULTS, PlannerStatistics.NONE);
    }

    /** Plans one statement with the session's cost settings and the tables' statistics. */
    public Plan plan(Query query, CostParameters parameters, PlannerStatistics statistics) {
        CostModel saved = costs;
        boolean savedParallel = parallelStatement;
        int savedNesting = nesting;
        var savedCtePlans = ctePlans;
        var savedUnplaced = unplacedCtes;
        var savedMet = cteReferencesMet;
        costs = new CostModel(types, parameters, statistics);
        parallelStatement = query.command() == Query.CommandType.SELECT && query.dataModifyingCtes().isEmpty()
                && query.rowMarks().isEmpty();
        nesting = 0;
        ctePlans = new java.util.IdentityHashMap<>();
        unplacedCtes = new ArrayList<>();
        cteReferencesMet = new java.util.IdentityHashMap<>();
        try {
            return planQuery(query);
        } finally {
            costs = saved;
            parallelStatement = savedParallel;
            nesting = savedNesting;
            ctePlans = savedCtePlans;
            unplacedCtes = savedUnplaced;
            cteReferencesMet = savedMet;
        }
    }

    private Plan planQuery(Query query) {
        nesting++;
        int firstNewCte = unplacedCtes.size();
        try {
            return placeCtes(planNested(query), firstNewCte);
        } finally {
            nesting--;
        }
    }

    /**
     * Puts the shared CTEs this level planned whose references the planner has all met at the
     * top of the level's plan; the statement's own level takes whatever is left. (PostgreSQL
     * places a CTE at the level of its WITH; the level that contains all its references is that
     * level or one below it, which EXPLAIN shows alike in all but rare queries.)
     */
    private Plan placeCtes(Plan plan, int firstNewCte) {
        List<CteDefinition> placed = new ArrayList<>();
        for (int i = firstNewCte; i < unplacedCtes.size(); ) {
            CteDefinition definition = unplacedCtes.get(i);
            if (nesting == 1 || cteReferencesMet.getOrDefault(definition, 0) >= definition.references()) {
                placed.add(definition);
                unplacedCtes.remove(i);
            } else {
                i++;
            }
        }
        if (placed.isEmpty()) {
            return plan;
        }
        List<Plan> plans = placed.stream().map(ctePlans::get).toList();
        return new Plan.CtePlans(plan, placed, plans,
                charged(plan.cost(), plans.stream().mapToDouble(cte -> cte.cost().total()).sum()));
    }

    /**
     * A reference to a WITH query ({@code SS_process_ctes}): inlined like a subquery, or a CTE
     * Scan of the one plan all references of a shared CTE read; a materialized CTE that reads
     * columns of an enclosing query gets a plan per reference.
     */
    private Plan cte(RangeEntry entry) {
        CteDefinition definition = entry.cte().definition();
        if (definition == null || !definition.shared()) {
            return SetOperationPaths.cteScan(costs, entry, subquery(entry.subquery()), false);
        }
        Plan plan = ctePlans.get(definition);
        if (plan == null) {
            plan = subquery(entry.subquery());
            ctePlans.put(definition, plan);
            unplacedCtes.add(definition);
        }
        cteReferencesMet.merge(definition, 1, Integer::sum);
        return SetOperationPaths.cteScan(costs, entry, plan, true);
    }

    private Plan planNested(Query query) {
        if (!query.dataModifyingCtes().isEmpty()) {
            Plan root = planQuery(query.withDataModifyingCtes(List.of()));
            List<Plan> ctes = new ArrayList<>();
            for (var cte : query.dataModifyingCtes()) {
                ctes.add(planQuery(cte.query()));
            }
            return new Plan.DataModifyingCtes(root,
                    query.dataModifyingCtes().stream().map(org.woolly.nodes.query.DataModifyingCte::name).toList(),
                    query.dataModifyingCtes().stream().map(org.woolly.nodes.query.DataModifyingCte::param).toList(),
                    ctes, root.cost());
        }
        if (query.command() != Query.CommandType.SELECT && query.setOperation() != null) {
            return inheritedModify(query);
        }
        List<Plan> subplans = new ArrayList<>();
        List<Boolean> correlated = new ArrayList<>();
        SubLinkPullUp.Result pulledUp = SubLinkPullUp.pullUp(query, this::planQuery);
        Query rewritten = SubLinkCollector.collect(pulledUp.query(), link -> {
            Plan hashed = HashedSubPlans.plan(link, this::planQuery);
            subplans.add(hashed != null ? hashed : planQuery(link.query()));
            correlated.add(link.correlated() || link.hashed()); // EXPLAIN labels a hashed one SubPlan too
            return subplans.size() - 1;
        });
        MinMaxPaths.Result minMax = pulledUp.pulled().isEmpty() ? MinMaxPaths.rewrite(costs, rewritten, subplans.size())
                : null;
        if (minMax != null) {
            rewritten = minMax.query();
            for (Plan initPlan : minMax.initPlans()) {
                subplans.add(initPlan);
                correlated.add(false);
            }
        }
        double initPlanCost = 0; // min/max init plans are in their Result's cost already
        for (int i = 0; i < subplans.size() - (minMax == null ? 0 : minMax.initPlans().size()); i++) {
            if (!correlated.get(i)) {
                initPlanCost += subplans.get(i).cost().total();
            }
        }
        Plan plan = planWithoutSubLinks(rewritten, pulledUp.pulled());
        if (minMax != null) {
            plan = initPlanResult(plan, minMax.initPlans());
        }
        return subplans.isEmpty() ? plan
                : new Plan.InitPlans(plan, subplans, correlated, charged(plan.cost(), initPlanCost));
    }

    /**
     * A level's cost with its init plans' and CTEs' added to startup and total, as
     * {@code SS_charge_for_initplans} does: they run before the level's first row.
     */
    private static Plan.Cost charged(Plan.Cost cost, double initPlanCost) {
        return new Plan.Cost(cost.startup() + initPlanCost, cost.total() + initPlanCost, cost.rows(), cost.width());
    }

    /**
     * The Result of a query whose values are init plans' ({@code make_one_rel} for an empty
     * FROM): it starts once they ran, their cost its startup cost.
     */
    private static Plan initPlanResult(Plan plan, List<Plan> initPlans) {
        double initCost = initPlans.stream().mapToDouble(initPlan -> initPlan.cost().total()).sum();
        if (plan instanceof Plan.Project project && project.input() instanceof Plan.Result result) {
            Plan.Cost cost = result.cost();
            Plan.Cost projected = project.cost();
            return new Plan.Project(new Plan.Result(new Plan.Cost(initCost, initCost + cost.total(), cost.rows(),
                    cost.width())), project.exprs(), new Plan.Cost(initCost + projected.startup(),
                    initCost + projected.total(), projected.rows(), projected.width()));
        }
        return plan;
    }

    private Plan planWithoutSubLinks(Query query, List<SubLinkPullUp.Pulled> pulled) {
        return switch (query.command()) {
            case SELECT -> select(query, pulled);
            case INSERT -> insert(query);
            case UPDATE, DELETE -> modify(query);
            case MERGE -> merge(query);
        };
    }

    private Plan select(Query query, List<SubLinkPullUp.Pulled> pulled) {
        if (query.setOperation() != null) {
            return setOperation(query);
        }
        Plan plan = JoinPlanner.plan(costs, query, this::subquery, this::cte, pulled);
        boolean sorted = false;
        List<QueryExpr> exprs = query.targetList().stream().map(TargetEntry::expr).toList();
        boolean windows = WindowPlanner.hasWindows(exprs);
        if (!windows && pulled.isEmpty() && !query.hasAggregation() && !query.distinct() && query.sortKeys().size() == 1
                && query.from().size() == 1
                && query.from().getFirst() instanceof FromNode.Leaf leaf
                && query.sortKeys().getFirst().descending() == query.sortKeys().getFirst().nullsFirst()) {
            RangeEntry scanned = query.rangeTable().get(leaf.index());
            Plan.IndexScan ordered = IndexPaths.ordered(costs, scanned, query.where(),
                    query.targetList().get(query.sortKeys().getFirst().targetIndex()).expr(), plan.cost().rows(),
                    query.sortKeys().getFirst().descending(), IndexOnlyColumns.needed(query, scanned, !pulled.isEmpty()));
            if (ordered != null && cheaperThanSorting(ordered, plan, query)) {
                plan = ordered;
                sorted = true;
            }
        }
        // a Gather only at the top of the statement's own query (no nested parallelism)
        boolean parallel = parallelStatement && nesting == 1 && pulled.isEmpty() && !windows;
        Plan scanned = plan;
        if (query.hasAggregation()) {
            if (parallel) {
                // the aggregation whole above a Gather, when that beats both the serial scan and
                // splitting it (an aggregate without a combine function, DISTINCT, ORDER BY)
                plan = ParallelPaths.gather(costs, query, plan, -1);
            }
            boolean hashed = !query.groupBy().isEmpty();
            double inputRows = plan.cost().rows();
            double groups = hashed ? Math.min(CostModel.DEFAULT_GROUPS, inputRows) : 1;
            if (query.groupingSets() != null) {
                groups = 0;
                for (List<Integer> set : query.groupingSets().sets()) {
                    groups += set.isEmpty() ? 1 : Math.min(CostModel.DEFAULT_GROUPS, inputRows);
                }
            }
            double perRow = costs.cpuOperatorCost() * (query.groupBy().size() + query.aggregates().size());
            double total = plan.cost().total() + inputRows * perRow + groups * costs.cpuTupleCost();
            int width = 0;
            for (QueryExpr expr : query.groupBy()) {
                width += costs.width(expr.type(), expr.typmod());
            }
            width += 8 * query.aggregates().size();
            double rows = query.having() == null ? groups : Math.max(1, groups * costs.selectivity(query.having()));
            double penalty = hashed ? CostParameters.penalty(costs.parameters().enableHashagg()) : 0;
            total += penalty;
            double startup = hashed ? total - groups * costs.cpuTupleCost() : plan.cost().total() + inputRows * perRow;
            plan = new Plan.Aggregate(hashed, plan, query.groupBy(), query.aggregates(), query.having(),
                    new Plan.Cost(startup, total, rows, width), query.groupingSets());
            if (parallel) {
                plan = ParallelPaths.aggregate(costs, query, scanned, (Plan.Aggregate) plan);
            }
        } else if (parallel && !sorted) {
            plan = ParallelPaths.gather(costs, query, plan, query.sortKeys().isEmpty() ? limitRows(query) : -1);
        }
        if (windows) {
            int width = query.hasAggregation() ? query.aggregationWidth()
                    : query.rangeTable().isEmpty() ? 0
                    : query.rangeTable().getLast().offset() + query.rangeTable().getLast().width();
            WindowPlanner.Result windowed = WindowPlanner.plan(costs, plan, exprs, width);
            plan = windowed.plan();
            sorted = !query.distinct() && WindowPlanner.isPrefix(orderOf(query, exprs), windowed.order());
            exprs = windowed.exprs();
        }
        int visible = (int) query.targetList().stream().filter(entry -> !entry.junk()).count();
        List<org.woolly.nodes.query.SortKey> sortKeys = query.sortKeys();
        SortInputTarget.Split split = null;
        if (!sortKeys.isEmpty() && !windows && !query.hasAggregation() && !query.distinct()
                && query.distinctOn() == null && query.rowMarks().isEmpty() && !query.limitWithTies()
                && !FunctionPaths.returnsSet(exprs)) {
            split = SortInputTarget.of(exprs, sortKeys, visible);
        }
        if (split != null) {
            exprs = split.below();
            sortKeys = split.keys();
        }
        plan = project(plan, exprs, query);
        if (FunctionPaths.returnsSet(exprs)) {
            plan = FunctionPaths.projectSet(costs, ((Plan.Project) plan).input(), exprs, plan.cost().width());
        }
        if (query.distinct()) {
            List<Integer> types = exprs.subList(0, visible).stream().map(QueryExpr::type).toList();
            plan = new Plan.Distinct(plan, visible, types, new Plan.Cost(plan.cost().total(),
                    plan.cost().total() + plan.cost().rows() * costs.cpuOperatorCost() * visible,
                    Math.min(plan.cost().rows(), CostModel.DEFAULT_GROUPS), plan.cost().width()));
        }
        if (!sortKeys.isEmpty() && !sorted) {
            List<QueryExpr> projected = exprs;
            List<QueryExpr> keyExprs = sortKeys.stream().map(key -> projected.get(key.targetIndex())).toList();
            double sortTotal = plan.cost().total() + costs.sortCost(plan.cost().rows(), limitRows(query));
            plan = new Plan.Sort(plan, sortKeys, keyExprs,
                    new Plan.Cost(sortTotal, sortTotal + plan.cost().rows() * costs.cpuOperatorCost(),
                            plan.cost().rows(), plan.cost().width()));
        }
        if (split != null) {
            // above the Sort and below the Limit, as PostgreSQL places the Result of the postponed columns
            plan = project(plan, split.above());
            exprs = split.above();
        }
        if (query.distinctOn() != null) {
            List<QueryExpr> projected = exprs;
            List<Integer> types = query.distinctOn().stream().map(column -> projected.get(column).type()).toList();
            plan = new Plan.Unique(plan, query.distinctOn(), types, new Plan.Cost(plan.cost().startup(),
                    plan.cost().total() + plan.cost().rows() * costs.cpuOperatorCost() * types.size(),
                    Math.min(plan.cost().rows(), CostModel.DEFAULT_GROUPS), plan.cost().width()));
        }
        if (!query.rowMarks().isEmpty()) {
            plan = lockRows(query, plan, exprs);
        }
        if (query.limit() != null || query.offset() != null) {
            double rows = plan.cost().rows();
            if (query.limit() instanceof QueryExpr.Const constant && constant.value() instanceof Long limit) {
                rows = Math.min(rows, limit);
            }
            double fraction = plan.cost().rows() == 0 ? 1 : rows / plan.cost().rows();
            plan = new Plan.Limit(plan, query.limit(), query.offset(), new Plan.Cost(plan.cost().startup(),
                    plan.cost().startup() + (plan.cost().total() - plan.cost().startup()) * fraction, rows,
                    plan.cost().width()), query.limitWithTies() ? query.sortKeys() : null);
        }
        if (visible < exprs.size()) {
            List<QueryExpr> outputs = new ArrayList<>();
            for (int i = 0; i < visible; i++) {
                outputs.add(new QueryExpr.Var(i, exprs.get(i).type(), exprs.get(i).typmod(), "", -1));
            }
            plan = project(plan, outputs);
        }
        return plan;
    }

    /** The query's ORDER BY as window ordering keys over the row the select list reads. */
    private static List<org.woolly.nodes.query.WindowClause.Order> orderOf(Query query, List<QueryExpr> exprs) {
        List<org.woolly.nodes.query.WindowClause.Order> order = new ArrayList<>();
        for (org.woolly.nodes.query.SortKey key : query.sortKeys()) {
            order.add(new org.woolly.nodes.query.WindowClause.Order(exprs.get(key.targetIndex()), key.descending(),
                    key.nullsFirst(), key.comparator()));
        }
        return order;
    }

    /**
     * Whether reading in index order beats scanning and sorting, for the rows LIMIT wants
     * ({@code get_cheapest_fractional_path}): a sort pays for its whole input before its first
     * row, an index scan gives its first rows at once.
     */
    private boolean cheaperThanSorting(Plan ordered, Plan unordered, Query query) {
        double rows = Math.max(unordered.cost().rows(), 1);
        double limit = limitRows(query);
        double fraction = limit > 0 ? Math.min(1.0, limit / rows) : 1.0;
        double sortStartup = unordered.cost().total() + costs.sortCost(rows, limit);
        double sortTotal = sortStartup + rows * costs.cpuOperatorCost();
        double sorting = sortStartup + (sortTotal - sortStartup) * fraction;
        double indexed = ordered.cost().startup() + (ordered.cost().total() - ordered.cost().startup()) * fraction;
        return indexed < sorting;
    }

    /** LIMIT + OFFSET when both are constants (a bounded sort keeps only that many rows), else -1. */
    private static double limitRows(Query query) {
        if (!(query.limit() instanceof QueryExpr.Const limit) || !(limit.value() instanceof Long count)) {
            return -1;
        }
        if (query.offset() == null) {
            return count;
        }
        return query.offset() instanceof QueryExpr.Const offset && offset.value() instanceof Long skip ? count + skip : -1;
    }

    /** UNION ALL appends the branches; UNION also removes duplicate rows. */
    private Plan setOperation(Query query) {
        Query.SetOperation operation = query.setOperation();
        if (operation.kind() != Query.SetOperation.Kind.UNION) {
            return SetOperationPaths.plan(costs, operation, query.targetList().stream().map(entry -> entry.expr().type())
                    .toList(), this::planQuery);
        }
        List<Plan> children = new ArrayList<>();
        double startup = 0;
        double total = 0;
        double rows = 0;
        int width = 0;
        for (Query branch : unionAllBranches(operation)) {
            Plan child = planQuery(branch);
            children.add(child);
            startup += children.size() == 1 ? child.cost().startup() : 0;
            total += child.cost().total();
            rows += child.cost().rows();
            width = Math.max(width, child.cost().width());
        }
        Plan plan = new Plan.Append(children, new Plan.Cost(startup, total, rows, width));
        if (!query.setOperation().all()) {
            List<Integer> types = query.targetList().stream().map(entry -> entry.expr().type()).toList();
            plan = new Plan.Distinct(plan, types.size(), types, new Plan.Cost(total + rows * costs.cpuOperatorCost()
                    * types.size(), total + rows * costs.cpuOperatorCost() * types.size(), Math.min(rows,
                    CostModel.DEFAULT_GROUPS), width));
        }
        return plan;
    }

    /**
     * The branches of a UNION, those of a UNION ALL read whole by one of them spliced in, so
     * {@code a UNION ALL b UNION ALL c} (and a table read with its inheritance children) is one
     * Append ({@code flatten_simple_union_all}); a UNION without ALL appends them the same way
     * before removing duplicates.
     */
    private static List<Query> unionAllBranches(Query.SetOperation operation) {
        List<Query> branches = new ArrayList<>();
        for (Query branch : operation.branches()) {
            Query.SetOperation nested = nestedUnionAll(branch);
            if (nested != null) {
                branches.addAll(unionAllBranches(nested));
            } else {
                branches.add(branch);
            }
        }
        return branches;
    }

    /** The UNION ALL a branch returns unchanged (all its columns, in order, nothing else), or null. */
    private static Query.SetOperation nestedUnionAll(Query branch) {
        if (branch.setOperation() != null || branch.from().size() != 1 || branch.rangeTable().size() != 1
                || !(branch.from().getFirst() instanceof FromNode.Leaf leaf) || branch.where() != null
                || !branch.sortKeys().isEmpty() || branch.limit() != null || branch.offset() != null
                || branch.hasAggregation() || branch.distinct()) {
            return null;
        }
        RangeEntry entry = branch.rangeTable().get(leaf.index());
        Query inner = entry.subquery();
        if (entry.kind() != RangeEntry.Kind.SUBQUERY || inner == null || inner.setOperation() == null
                || inner.setOperation().kind() != Query.SetOperation.Kind.UNION || !inner.setOperation().all()
                || inner.targetList().size() != branch.targetList().size()) {
            return null;
        }
        for (int i = 0; i < branch.targetList().size(); i++) {
            TargetEntry target = branch.targetList().get(i);
            if (target.junk() || !(target.expr() instanceof QueryExpr.Var var && var.position() == i)) {
                return null;
            }
        }
        return inner.setOperation();
    }

    private Plan subquery(Query query) {
        Plan plan = planQuery(query);
        return new Plan.SubqueryScan(plan, plan.cost());
    }

    private Plan project(Plan input, List<QueryExpr> exprs) {
        return project(input, exprs, null);
    }

    /** A projection; with the query, a column of a table counts with ANALYZE's average width. */
    private Plan project(Plan input, List<QueryExpr> exprs, Query query) {
        int width = 0;
        int operators = 0;
        for (QueryExpr expr : exprs) {
            width += query == null ? costs.width(expr.type(), expr.typmod()) : costs.width(expr, query);
            operators += CostModel.operatorCount(expr);
        }
        Plan.Cost cost = input.cost();
        return new Plan.Project(input, exprs, new Plan.Cost(cost.startup(),
                cost.total() + cost.rows() * operators * costs.cpuOperatorCost(), cost.rows(), width));
    }

    private Plan insert(Query query) {
        RangeEntry source = query.rangeTable().getFirst();
        Plan input = switch (source.kind()) {
            case VALUES -> new Plan.ValuesScan(source.values(), new Plan.Cost(0, costs.valuesScanTotal(source.values().size()),
                    source.values().size(), costs.width(source)));
            case SUBQUERY -> subquery(source.subquery());
            case RELATION, FUNCTION, CTE, WORKTABLE ->
                    throw new IllegalStateException("INSERT source is a VALUES list or a query");
        };
        Plan projected = project(input, query.targetList().stream().map(TargetEntry::expr).toList());
        return new Plan.ModifyTable(Query.CommandType.INSERT, query.resultRelation(), projected, List.of(), null,
                query.returning(), new Plan.Cost(projected.cost().startup(), projected.cost().total(), 0, 0),
                query.onConflict());
    }

    private Plan modify(Query query) {
        RangeEntry target = query.resultRelation();
        if (query.from().size() > 1) {
            return joinedModify(query, target);
        }
        double rows = CostModel.clampRows(costs.tableRows(target) * costs.selectivity(query.where(), target));
        Plan seqScan = new Plan.SeqScan(target, query.where(), new Plan.Cost(costs.seqScanStartup(),
                costs.seqScanTotal(target, query.where()), rows, costs.width(target) + 6));
        Plan scan = IndexPaths.cheapest(costs, target, query.where(), seqScan, null);
        List<QueryExpr> newRow = query.command() == Query.CommandType.UPDATE
                ? query.targetList().stream().map(TargetEntry::expr).toList() : List.of();
        return new Plan.ModifyTable(query.command(), target, scan, newRow, query.where(), query.returning(),
                new Plan.Cost(scan.cost().startup(), scan.cost().total(), 0, 0));
    }

    /**
     * UPDATE or DELETE of a table with inheritance children or partitions: each table it
     * changes planned as its own command (the query's branches), all under a ModifyTable of the
     * parent whose input appends them; the executor runs them in turn in one command.
     */
    private Plan inheritedModify(Query query) {
        List<Plan> members = new ArrayList<>();
        double startup = 0;
        double total = 0;
        for (Query branch : query.setOperation().branches()) {
            Plan member = planQuery(branch);
            startup = members.isEmpty() ? member.cost().startup() : startup;
            total += member.cost().total();
            members.add(member);
        }
        Plan.Cost cost = new Plan.Cost(startup, total, 0, 0);
        return new Plan.ModifyTable(query.command(), query.resultRelation(), new Plan.Append(members, cost),
                List.of(), null, query.returning(), cost);
    }

    /**
     * UPDATE ... FROM / DELETE ... USING: the target joined with the other FROM items, each
     * joined row giving the target's old row and TID first. A target row that joins several
     * rows is changed once; the later rows find it changed by this command and are skipped
     * (PostgreSQL's {@code TM_SelfModified}). A concurrent change of the target row is
     * followed without re-running the join (no EvalPlanQual recheck of the join yet).
     */
    private Plan joinedModify(Query query, RangeEntry target) {
        Plan input = JoinPlanner.plan(costs, query, this::subquery, this::cte);
        List<QueryExpr> newRow = query.command() == Query.CommandType.UPDATE
                ? query.targetList().stream().map(TargetEntry::expr).toList() : List.of();
        return new Plan.ModifyTable(query.command(), target, input, newRow, null, query.returning(),
                new Plan.Cost(input.cost().startup(), input.cost().total(), 0, 0));
    }

    /**
     * MERGE ({@code transform_MERGE_to_join} then the ordinary join search): the target and the
     * source joined, outer when a WHEN clause inserts, under a ModifyTable that runs the WHEN
     * clauses on each join row.
     */
    private Plan merge(Query query) {
        Plan input = JoinPlanner.plan(costs, query, this::subquery, this::cte);
        return new Plan.ModifyTable(Query.CommandType.MERGE, query.resultRelation(), input, List.of(), null, List.of(),
                new Plan.Cost(input.cost().startup(), input.cost().total(), 0, 0), null, query.merge());
    }

    /** The LockRows node over the sorted rows, below LIMIT ({@code grouping_planner}'s order). */
    private static Plan lockRows(Query query, Plan plan, List<QueryExpr> exprs) {
        List<RangeEntry> relations = query.rowMarks().stream()
                .map(mark -> query.rangeTable().get(mark.rangeIndex())).toList();
        boolean single = query.rowMarks().size() == 1 && query.from().size() == 1
                && query.from().getFirst() instanceof FromNode.Leaf leaf && leaf.index() == query.rowMarks().getFirst().rangeIndex();
        Plan.Cost cost = plan.cost();
        return new Plan.LockRows(plan, query.rowMarks(), relations,
                single ? query.where() : null,
                single ? exprs : null,
                new Plan.Cost(cost.startup(), cost.total() + cost.rows() * 0.01, cost.rows(), cost.width()));
    }

    /** Re-bases column positions of an expression moved to a node whose row starts at {@code base}. */
    static QueryExpr shift(QueryExpr expr, int base) {
        if (expr == null || base == 0) {
            return expr;
        }
        return ExpressionWalker.rewrite(expr, node -> node instanceof QueryExpr.Var var
                ? new QueryExpr.Var(var.position() - base, var.type(), var.typmod(), var.name(), var.location()) : null);
    }

    static boolean allInner(List<FromNode> from) {
        for (FromNode node : from) {
            if (node instanceof FromNode.Join join && (join.type() != FromItem.JoinType.INNER
                    && join.type() != FromItem.JoinType.CROSS || !allInner(List.of(join.left(), join.right())))) {
                return false;
            }
        }
        return true;
    }
}
