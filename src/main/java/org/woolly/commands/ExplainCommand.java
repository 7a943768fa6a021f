package org.woolly.commands;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.woolly.analyzer.TypeSystem;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.Instrumentation;
import org.woolly.executor.QueryExecution;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionText;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.SortKey;
import org.woolly.pgstat.ResourceUsage;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgType;

/**
 * EXPLAIN [ANALYZE] in PostgreSQL's text format ({@code explain.c}): one line per node with its
 * estimated costs, its conditions indented below, children introduced by {@code ->}.
 */
public final class ExplainCommand {
    private final TypeSystem types;
    private final QueryExecution execution;
    private final boolean costs;
    private final List<String> lines = new ArrayList<>();

    private ExplainCommand(TypeSystem types, QueryExecution execution, boolean costs) {
        this.types = types;
        this.execution = execution;
        this.costs = costs;
    }

    /**
     * The plan's lines; with a {@code context} the plan is also run (ANALYZE) and actual figures
     * shown. With {@code planningNanos >= 0} (the SUMMARY option) the summary follows: "Planning
     * Time" (the planner's own duration, measured when the statement was planned) and, with
     * ANALYZE, "Execution Time", both in milliseconds as {@code ExplainPrintPlan} prints them.
     */
    public static List<String> explain(Plan plan, TypeSystem types, ExecutorContext context, boolean costs,
                                       long planningNanos) {
        return explain(plan, types, context, costs, planningNanos, true);
    }

    /** As above; without {@code timing} (TIMING OFF) the actual figures are rows and loops only. */
    public static List<String> explain(Plan plan, TypeSystem types, ExecutorContext context, boolean costs,
                                       long planningNanos, boolean timing) {
        return explain(plan, types, context, costs, planningNanos, timing, false, false, null);
    }

    /**
     * As above; with {@code buffers} (BUFFERS) each executed node shows the buffers it used and
     * {@code planningUsage}, those of planning, shows under "Planning:"; with {@code wal} (WAL)
     * each executed node shows the WAL it wrote ({@code show_buffer_usage}, {@code show_wal_usage}).
     */
    public static List<String> explain(Plan plan, TypeSystem types, ExecutorContext context, boolean costs,
                                       long planningNanos, boolean timing, boolean buffers, boolean wal,
                                       ResourceUsage.Counts planningUsage) {
        return explain(plan, types, context, costs, planningNanos, timing, buffers, wal, planningUsage, null, false);
    }

    /**
     * The VERBOSE option ({@code es->verbose}): each node's {@code Output:} line, relations named
     * with their schema ({@code schemaOf} gives a table's schema by OID), conditions and keys
     * with their relation's alias.
     */
    public record Verbose(IntFunction<String> schemaOf, IntFunction<String> functionSchemaOf) {}

    /**
     * As above, {@code verbose} null without VERBOSE. With {@code fillsTable}, the ModifyTable that fills the table of
     * EXPLAIN ANALYZE CREATE TABLE AS runs, but its input is the plan shown, as PostgreSQL plans
     * the query alone and sends its rows to the new table.
     */
    public static List<String> explain(Plan plan, TypeSystem types, ExecutorContext context, boolean costs,
                                       long planningNanos, boolean timing, boolean buffers, boolean wal,
                                       ResourceUsage.Counts planningUsage, Verbose verbose, boolean fillsTable) {
        Plan shown = fillsTable && plan instanceof Plan.ModifyTable fill ? fill.input() : plan;
        if (context == null) {
            ExplainCommand command = new ExplainCommand(types, null, costs);
            command.configure(shown, verbose);
            command.node(shown, 0, null);
            command.planningUsage(buffers ? planningUsage : null);
            command.summary(planningNanos, -1);
            return command.lines;
        }
        long start = System.nanoTime();
        try (QueryExecution execution = new QueryExecution(plan, context, true)) {
            execution.runToEnd();
            long executionNanos = System.nanoTime() - start;
            ExplainCommand command = new ExplainCommand(types, execution, costs);
            command.timing = timing;
            command.buffers = buffers;
            command.wal = wal;
            command.configure(shown, verbose);
            command.node(shown, 0, null);
            command.planningUsage(buffers ? planningUsage : null);
            command.summary(planningNanos, executionNanos);
            return command.lines;
        }
    }

    /**
     * EXPLAIN ANALYZE of CREATE TABLE AS ... WITH NO DATA: the plan is not run, each node shows
     * {@code (never executed)} as PostgreSQL's ExecutorStart-only run does.
     */
    public static List<String> explainNotExecuted(Plan plan, TypeSystem types, boolean costs, long planningNanos,
                                                  Verbose verbose) {
        ExplainCommand command = new ExplainCommand(types, null, costs);
        command.neverExecuted = true;
        command.configure(plan, verbose);
        command.node(plan, 0, null);
        command.summary(planningNanos, 0);
        return command.lines;
    }

    private void configure(Plan plan, Verbose verbose) {
        this.verbose = verbose;
        qualifySortKeys = joins(plan) || verbose != null;
        qualifyOutput = joins(plan) || PlanOutputs.moreThanOneRelation(plan);
    }

    private PlanOutputs outputs() {
        return new PlanOutputs(expr -> text(expr, qualifyOutput));
    }

    /** VERBOSE, or null. */
    private Verbose verbose;
    /** Whether Output lines name each column's relation ({@code show_plan_tlist}: more than one range table entry). */
    private boolean qualifyOutput;
    /** EXPLAIN ANALYZE of a plan that was not run: every node {@code (never executed)}. */
    private boolean neverExecuted;

    /** The BUFFERS and WAL options: whether executed nodes show their usage. */
    private boolean buffers;
    private boolean wal;

    /** PostgreSQL 15's "Planning:" group: the planner's buffers, shown only when it used any. */
    private void planningUsage(ResourceUsage.Counts usage) {
        if (usage == null || !usage.anyBuffers() && usage.readNanos() == 0 && usage.writeNanos() == 0) {
            return;
        }
        lines.add("Planning:");
        bufferLines("  ", usage);
    }

    /** {@code show_buffer_usage} in text format: only positive counters. */
    private void bufferLines(String indent, ResourceUsage.Counts usage) {
        boolean shared = usage.sharedHit() + usage.sharedRead() + usage.sharedDirtied() + usage.sharedWritten() > 0;
        boolean local = usage.localHit() + usage.localRead() + usage.localDirtied() + usage.localWritten() > 0;
        boolean temp = usage.tempRead() + usage.tempWritten() > 0;
        if (shared || local || temp) {
            StringBuilder line = new StringBuilder(indent).append("Buffers:");
            if (shared) {
                line.append(" shared");
                counter(line, "hit", usage.sharedHit());
                counter(line, "read", usage.sharedRead());
                counter(line, "dirtied", usage.sharedDirtied());
                counter(line, "written", usage.sharedWritten());
                line.append(local || temp ? "," : "");
            }
            if (local) {
                line.append(" local");
                counter(line, "hit", usage.localHit());
                counter(line, "read", usage.localRead());
                counter(line, "dirtied", usage.localDirtied());
                counter(line, "written", usage.localWritten());
                line.append(temp ? "," : "");
            }
            if (temp) {
                line.append(" temp");
                counter(line, "read", usage.tempRead());
                counter(line, "written", usage.tempWritten());
            }
            lines.add(line.toString());
        }
        if (usage.readNanos() > 0 || usage.writeNanos() > 0) {
            StringBuilder line = new StringBuilder(indent).append("I/O Timings:");
            if (usage.readNanos() > 0) {
                line.append(String.format(Locale.ROOT, " read=%.3f", usage.readNanos() / 1e6));
            }
            if (usage.writeNanos() > 0) {
                line.append(String.format(Locale.ROOT, " write=%.3f", usage.writeNanos() / 1e6));
            }
            lines.add(line.toString());
        }
    }

    /** {@code show_wal_usage} in text format: only positive counters. */
    private void walLines(String indent, ResourceUsage.Counts usage) {
        if (usage.walRecords() + usage.walFullPageImages() + usage.walBytes() > 0) {
            StringBuilder line = new StringBuilder(indent).append("WAL:");
            counter(line, "records", usage.walRecords());
            counter(line, "fpi", usage.walFullPageImages());
            counter(line, "bytes", usage.walBytes());
            lines.add(line.toString());
        }
    }

    private static void counter(StringBuilder line, String name, long value) {
        if (value > 0) {
            line.append(' ').append(name).append('=').append(value);
        }
    }

    /** The node's Buffers and WAL lines, when the options ask for them and it ran. */
    private void usageLines(String indent, Plan plan) {
        Instrumentation stats = execution == null || !(buffers || wal) ? null : execution.instrumentation(plan);
        if (stats == null) {
            return;
        }
        if (buffers) {
            bufferLines(indent, stats.usage());
        }
        if (wal) {
            walLines(indent, stats.usage());
        }
    }

    /**
     * The live plan of a statement running now, possibly on another thread (Woolly's
     * {@code woolly_explain_backend}): EXPLAIN ANALYZE's lines with TIMING OFF's figures, the
     * rows and loops {@code execution}'s live counts hold so far, {@code (never executed)} for a
     * node not opened yet.
     */
    public static List<String> explainRunning(Plan plan, TypeSystem types, QueryExecution execution) {
        ExplainCommand command = new ExplainCommand(types, execution, true);
        command.timing = false;
        command.live = true;
        command.qualifySortKeys = joins(plan);
        command.node(plan, 0, null);
        return command.lines;
    }

    /**
     * The title EXPLAIN gives the node a statement runs now ({@code Seq Scan on t}); a node
     * EXPLAIN does not show by itself (a projection, a filter) by the node below it.
     */
    public static String nodeTitle(Plan plan, TypeSystem types) {
        Plan shown = plan;
        while (true) {
            switch (shown) {
                case Plan.Project project when !(project.input() instanceof Plan.Sort) -> shown = project.input();
                case Plan.Filter filter -> shown = filter.input();
                default -> {
                    return new ExplainCommand(types, null, false).title(shown);
                }
            }
        }
    }

    /** A live plan: counts so far, a node not yet opened shown as never executed. */
    private boolean live;

    /**
     * Whether sort keys name their table: PostgreSQL prefixes them when the query has more than
     * one range table entry ({@code show_sort_group_keys}), here when the plan joins.
     */
    private boolean qualifySortKeys;
    /** The TIMING option: whether actual figures include the times. */
    private boolean timing = true;

    private static boolean joins(Plan plan) {
        return switch (plan) {
            case Plan.NestedLoop ignored -> true;
            case Plan.HashJoin ignored -> true;
            case Plan.MergeJoin ignored -> true;
            case Plan.LateralLoop ignored -> true;
            case Plan.Sort sort -> joins(sort.input());
            case Plan.Material material -> joins(material.input());
            case Plan.Limit limit -> joins(limit.input());
            case Plan.Project project -> joins(project.input());
            case Plan.Filter filter -> joins(filter.input());
            case Plan.Aggregate aggregate -> joins(aggregate.input());
            case Plan.Gather gather -> joins(gather.input());
            case Plan.Unique unique -> joins(unique.input());
            case Plan.Distinct distinct -> joins(distinct.input());
            case Plan.LockRows lockRows -> joins(lockRows.input());
            case Plan.InitPlans initPlans -> joins(initPlans.root());
            case Plan.CtePlans ctes -> joins(ctes.root());
            default -> false;
        };
    }

    private void summary(long planningNanos, long executionNanos) {
        if (planningNanos < 0) {
            return;
        }
        lines.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", planningNanos / 1e6));
        if (executionNanos >= 0) {
            lines.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", executionNanos / 1e6));
        }
    }

    /** Prints a node; {@code extraFilter} is a Filter node above that PostgreSQL would show on this one. */
    private void node(Plan plan, int depth, Plan.Filter extraFilter) {
        switch (plan) {
            // the columns computed after a sort (make_sort_input_target): PostgreSQL's Result over the Sort
            case Plan.Project project when project.input() instanceof Plan.Sort
                    && project.exprs().stream().anyMatch(expr -> !(expr instanceof QueryExpr.Var)) ->
                    printNode(project, depth, extraFilter);
            case Plan.Project project -> {
                int saved = projectedWidth;
                projectedWidth = project.cost().width();
                List<QueryExpr> savedOutput = projectedOutput;
                // a projection that only drops the sort columns is the executor's junk filter in PostgreSQL
                boolean junkFilter = project.exprs().stream().allMatch(expr -> expr instanceof QueryExpr.Var)
                        && (project.input() instanceof Plan.Sort || project.input() instanceof Plan.Limit
                        || project.input() instanceof Plan.Unique || project.input() instanceof Plan.LockRows);
                projectedOutput = verbose == null || junkFilter ? null : outputs().of(project);
                node(project.input(), depth, extraFilter);
                projectedWidth = saved;
                projectedOutput = savedOutput;
            }
            case Plan.SubqueryScan subquery -> node(subquery.subplan(), depth, extraFilter);
            case Plan.HashedSubPlan hashed -> node(hashed.subplan(), depth, extraFilter);
            case Plan.Filter filter -> node(filter.input(), depth, filter);
            case Plan.DataModifyingCtes modifying -> {
                for (int i = 0; i < modifying.ctes().size(); i++) {
                    levelSubplans.add(new LabeledPlan("CTE " + modifying.names().get(i), modifying.ctes().get(i), false));
                }
                node(modifying.root(), depth, extraFilter);
            }
            case Plan.CtePlans ctes -> {
                levelCharge += ctes.cost().total() - ctes.root().cost().total();
                for (int i = 0; i < ctes.plans().size(); i++) {
                    if (shownCtes.add(ctes.definitions().get(i))) {
                        levelSubplans.add(new LabeledPlan("CTE " + ctes.definitions().get(i).name(), ctes.plans().get(i),
                                false));
                    }
                }
                node(ctes.root(), depth, extraFilter);
            }
            case Plan.InitPlans initPlans -> {
                levelCharge += initPlans.cost().total() - initPlans.root().cost().total();
                int before = levelSubplans.size(); // the level's CTEs are numbered first
                for (int i = 0; i < initPlans.subplans().size(); i++) {
                    int number = before + i;
                    boolean correlated = initPlans.correlated().get(i);
                    levelSubplans.add(new LabeledPlan(correlated ? "SubPlan " + (number + 1)
                            : "InitPlan " + (number + 1) + " (returns $" + number + ")", initPlans.subplans().get(i),
                            correlated));
                }
                node(initPlans.root(), depth, extraFilter);
            }
            default -> printNode(plan, depth, extraFilter);
        }
    }

    /**
     * A plan shown under a label at the top node of its query level: a CTE or an InitPlan before
     * the node's children, a SubPlan (run for each row) after them, as {@code ExplainNode} does.
     */
    private record LabeledPlan(String label, Plan plan, boolean afterChildren) {}

    /**
     * What the level's init plans and CTEs cost, added to its top node's costs as
     * {@code SS_charge_for_initplans} does (the planner's wrapper nodes carry the sum).
     */
    private double levelCharge;
    /** The labeled plans of the query level whose top node is printed next. */
    private List<LabeledPlan> levelSubplans = new ArrayList<>();
    /** The shared CTEs already shown (a CTE is shown once, however many scans read it). */
    private final java.util.Set<org.woolly.nodes.query.CteDefinition> shownCtes =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private void labeledPlans(List<LabeledPlan> plans, boolean afterChildren, int depth) {
        indentShift += 2;
        for (LabeledPlan labeled : plans) {
            if (labeled.afterChildren() == afterChildren) {
                lines.add(" ".repeat(6 * depth + indentShift) + labeled.label());
                node(labeled.plan(), depth + 1, null);
            }
        }
        indentShift -= 2;
    }

    /**
     * Under VERBOSE, what the plan below an UPDATE or DELETE shows it emits: the changed columns'
     * new values and the row's ctid ({@code preprocess_targetlist}), or null.
     */
    private List<QueryExpr> modifiedOutput;

    private List<QueryExpr> modifiedOutput(Plan.ModifyTable modify) {
        List<QueryExpr> output = new ArrayList<>();
        if (modify.command() == org.woolly.nodes.query.Query.CommandType.UPDATE && modify.newRow() != null) {
            List<QueryExpr> input = outputs().of(modify.input());
            for (int i = 0; i < modify.newRow().size(); i++) {
                QueryExpr value = modify.newRow().get(i);
                if (!(value instanceof QueryExpr.Var var && var.position() == i)) {
                    output.add(outputs().over(value, input));
                }
            }
        }
        output.add(new QueryExpr.Var(-1, org.woolly.utils.adt.TypeOids.TID, -1,
                ExpressionText.identifier(modify.target().alias()) + ".ctid", -1));
        return output;
    }

    /** Under VERBOSE, the output of a projection folded into the node being printed, or null. */
    private List<QueryExpr> projectedOutput;

    /**
     * VERBOSE's {@code Output:} line ({@code show_plan_tlist}), left out when the node emits no
     * columns and for Append and Recursive Union, whose lists PostgreSQL finds unhelpful.
     */
    private void output(String indent, Plan plan, List<QueryExpr> exprs) {
        if (verbose == null || exprs.isEmpty() || plan instanceof Plan.Append || plan instanceof Plan.RecursiveUnion) {
            return;
        }
        lines.add(indent + "Output: " + exprs.stream().map(expr -> text(expr, qualifyOutput))
                .collect(Collectors.joining(", ")));
    }

    /** The width of a projection folded into the node being printed (PostgreSQL shows the projected width), or -1. */
    private int projectedWidth = -1;
    /** Extra indentation of the plans under an InitPlan or SubPlan label (two more than the label). */
    private int indentShift;

    private void printNode(Plan plan, int depth, Plan.Filter extraFilter) {
        Plan shown = extraFilter != null ? extraFilter : plan;
        int width = projectedWidth;
        projectedWidth = -1;
        List<QueryExpr> output = modifiedOutput != null ? modifiedOutput : projectedOutput;
        projectedOutput = null;
        modifiedOutput = null;
        String prefix = depth == 0 ? "" : " ".repeat(6 * depth - 4 + indentShift) + "->  ";
        List<LabeledPlan> subplans = levelSubplans;
        levelSubplans = new ArrayList<>();
        double charge = levelCharge;
        levelCharge = 0;
        lines.add(prefix + title(plan) + figures(shown, plan, width, charge));
        String detail = " ".repeat(6 * depth + 2 + indentShift);
        output(detail, plan, output != null ? output : outputs().of(plan));
        if (verbose != null && plan instanceof Plan.FunctionScan scan) {
            lines.add(detail + "Function Call: " + text(scan.entry().function().call(), qualifyOutput));
        }
        List<Plan> children = new ArrayList<>();
        currentNode = plan;
        switch (plan) {
            case Plan.SeqScan scan -> qual(detail, "Filter", scan.qual(), false);
            case Plan.IndexScan scan -> {
                qual(detail, "Index Cond", scan.indexCondition(), false);
                qual(detail, "Filter", scan.filter(), false);
                Instrumentation stats = execution == null ? null : execution.instrumentation(plan);
                if (scan.indexOnly() && stats != null) {
                    lines.add(detail + "Heap Fetches: " + stats.heapFetches());
                }
            }
            case Plan.BitmapHeapScan scan -> {
                qual(detail, "Recheck Cond", scan.recheckCondition(), false);
                qual(detail, "Filter", scan.filter(), false);
                Instrumentation stats = execution == null ? null : execution.instrumentation(plan);
                if (stats != null && stats.detail() != null) {
                    lines.add(detail + stats.detail());
                }
                children.add(scan.bitmap());
            }
            case Plan.BitmapIndexScan scan -> qual(detail, "Index Cond", scan.indexCondition(), false);
            case Plan.BitmapAnd and -> children.addAll(and.children());
            case Plan.BitmapOr or -> children.addAll(or.children());
            case Plan.NestedLoop loop -> {
                qual(detail, "Join Filter", loop.joinQual(), true);
                children.add(loop.outer());
                children.add(loop.inner());
            }
            case Plan.LateralLoop loop -> {
                qual(detail, "Join Filter", loop.joinQual(), true);
                children.add(loop.outer());
                children.add(loop.inner());
            }
            case Plan.HashJoin hash -> {
                List<String> conditions = new ArrayList<>();
                for (int i = 0; i < hash.outerKeys().size(); i++) {
                    conditions.add("(" + text(hash.outerKeys().get(i), true) + " = " + text(hash.innerKeys().get(i), true) + ")");
                }
                lines.add(detail + "Hash Cond: " + (conditions.size() == 1 ? conditions.getFirst()
                        : "(" + String.join(" AND ", conditions) + ")"));
                qual(detail, "Join Filter", hash.joinQual(), true);
                children.add(hash.outer());
            }
            case Plan.MergeJoin merge -> {
                List<String> conditions = new ArrayList<>();
                for (int i = 0; i < merge.outerKeys().size(); i++) {
                    conditions.add("(" + text(merge.outerKeys().get(i), true) + " = "
                            + text(merge.innerKeys().get(i), true) + ")");
                }
                lines.add(detail + "Merge Cond: " + (conditions.size() == 1 ? conditions.getFirst()
                        : "(" + String.join(" AND ", conditions) + ")"));
                qual(detail, "Join Filter", merge.joinQual(), true);
                children.add(merge.outer());
                children.add(merge.inner());
            }
            case Plan.Aggregate aggregate -> {
                if (aggregate.groupingSets() != null) {
                    groupingSetKeys(lines, detail, aggregate);
                } else if (!aggregate.groupBy().isEmpty()) {
                    lines.add(detail + "Group Key: " + aggregate.groupBy().stream().map(expr -> text(expr, verbose != null))
                            .collect(Collectors.joining(", ")));
                }
                qual(detail, "Filter", aggregate.having(), false);
                Instrumentation stats = execution == null ? null : execution.instrumentation(plan);
                if (stats != null && stats.detail() != null) {
                    lines.add(detail + stats.detail());
                }
                children.add(aggregate.input());
            }
            case Plan.Sort sort -> {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < sort.keys().size(); i++) {
                    SortKey key = sort.keys().get(i);
                    String text = text(sort.keyExprs().get(i), qualifySortKeys);
                    if (key.descending()) {
                        text += " DESC";
                    }
                    if (key.nullsFirst() != key.descending()) {
                        text += key.nullsFirst() ? " NULLS FIRST" : " NULLS LAST";
                    }
                    keys.add(text);
                }
                lines.add(detail + "Sort Key: " + String.join(", ", keys));
                Instrumentation stats = execution == null ? null : execution.instrumentation(plan);
                if (stats != null && stats.detail() != null) {
                    lines.add(detail + stats.detail());
                }
                children.add(sort.input());
            }
            case Plan.Distinct distinct -> {
                List<QueryExpr> keys = outputs().of(distinct);
                if (!keys.isEmpty()) {
                    lines.add(detail + "Group Key: " + keys.stream().map(key -> text(key, qualifyOutput || verbose != null))
                            .collect(Collectors.joining(", ")));
                }
                children.add(distinct.input());
            }
            case Plan.Gather gather -> {
                lines.add(detail + "Workers Planned: " + gather.workers());
                Instrumentation stats = execution == null ? null : execution.instrumentation(plan);
                if (stats != null && stats.detail() != null) {
                    lines.add(detail + stats.detail());
                }
                children.add(gather.input());
            }
            case Plan.WindowAgg window -> children.add(window.input());
            case Plan.Unique unique -> children.add(unique.input());
            case Plan.Append append -> children.addAll(append.children());
            case Plan.Limit limit -> children.add(limit.input());
            case Plan.Material material -> children.add(material.input());
            case Plan.LockRows lockRows -> children.add(lockRows.input());
            case Plan.ProjectSet project -> children.add(project.input());
            case Plan.Project project -> children.add(project.input());
            case Plan.ModifyTable modify when modify.command() != org.woolly.nodes.query.Query.CommandType.INSERT
                    && modify.input() instanceof Plan.Append members -> {
                // each table changed on a line of its own, their scans under one Append (or alone)
                List<Plan> inputs = new ArrayList<>();
                for (Plan member : members.children()) {
                    if (member instanceof Plan.ModifyTable changed) {
                        lines.add(detail + title(changed).replace(" on " + schemaPrefix(changed.target())
                                + changed.target().relation().name(), " on " + relationName(changed.target())));
                        inputs.add(changed.input());
                    } else {
                        inputs.add(member);
                    }
                }
                if (inputs.size() == 1) {
                    children.add(inputs.getFirst());
                } else if (!inputs.isEmpty()) {
                    children.add(new Plan.Append(inputs, members.cost()));
                }
            }
            case Plan.ModifyTable modify -> {
                Instrumentation stats = execution == null ? null : execution.instrumentation(plan);
                if (modify.merge() != null && stats != null && stats.detail() != null) {
                    lines.add(detail + stats.detail());
                }
                if (verbose != null && modify.merge() == null && modify.onConflict() == null
                        && modify.command() != org.woolly.nodes.query.Query.CommandType.INSERT) {
                    modifiedOutput = modifiedOutput(modify);
                }
                children.add(modify.input());
            }
            case Plan.RecursiveUnion union -> {
                children.add(union.nonRecursive());
                children.add(union.recursive());
            }
            case Plan.SetOp setOp -> {
                children.add(setOp.left());
                children.add(setOp.right());
            }
            default -> { }
        }
        if (extraFilter != null) {
            boolean join = plan instanceof Plan.NestedLoop || plan instanceof Plan.HashJoin
                    || plan instanceof Plan.MergeJoin;
            currentNode = extraFilter;
            qual(detail, join ? "Join Filter" : "Filter",
                    extraFilter.qual(), !(plan instanceof Plan.FunctionScan || plan instanceof Plan.CteScan
                            || plan instanceof Plan.WorkTableScan));
        }
        usageLines(detail, execution != null && execution.instrumentation(shown) != null ? shown : plan);
        if (plan instanceof Plan.CteScan scan && (scan.entry().cte().definition() == null
                || !scan.entry().cte().definition().shared() || shownCtes.add(scan.entry().cte().definition()))) {
            // a CTE of its own, or a shared one whose level the plan does not show: under the scan
            subplans.addFirst(new LabeledPlan("CTE " + scan.entry().cte().name(), scan.subplan(), false));
        }
        labeledPlans(subplans, false, depth);
        for (Plan child : children) {
            node(child, depth + 1, null);
        }
        if (plan instanceof Plan.HashJoin hash) {
            Plan.Cost inner = hash.inner().cost();
            String hashPrefix = " ".repeat(6 * (depth + 1) - 4 + indentShift) + "->  ";
            lines.add(hashPrefix + "Hash" + (costs ? cost(new Plan.Cost(inner.total(), inner.total(), inner.rows(),
                    inner.width())) : "") + actual(hash.inner()));
            output(" ".repeat(6 * (depth + 1) + 2 + indentShift), hash, outputs().of(hash.inner()));
            Instrumentation stats = execution == null ? null : execution.instrumentation(plan);
            if (stats != null && stats.detail() != null) {
                lines.add(" ".repeat(6 * (depth + 1) + 2 + indentShift) + stats.detail());
            }
            // the Hash node's usage is that of building the table from its input
            usageLines(" ".repeat(6 * (depth + 1) + 2 + indentShift), hash.inner());
            node(hash.inner(), depth + 2, null);
        }
        labeledPlans(subplans, true, depth);
    }

    private String title(Plan plan) {
        return switch (plan) {
            case Plan.IndexScan scan -> (scan.indexOnly() ? "Index Only Scan" : "Index Scan")
                    + (scan.backward() ? " Backward" : "") + " using " + scan.indexName() + " on " + relationName(scan.entry());
            case Plan.SeqScan scan -> (scan.parallel() ? "Parallel Seq Scan on " : "Seq Scan on ")
                    + relationName(scan.entry());
            case Plan.Gather ignored -> "Gather";
            case Plan.BitmapHeapScan scan -> "Bitmap Heap Scan on " + relationName(scan.entry());
            case Plan.BitmapIndexScan scan -> "Bitmap Index Scan on " + scan.indexName();
            case Plan.BitmapAnd ignored -> "BitmapAnd";
            case Plan.BitmapOr ignored -> "BitmapOr";
            case Plan.ValuesScan ignored -> "Values Scan on \"*VALUES*\"";
            case Plan.Result ignored -> "Result";
            case Plan.FunctionScan scan -> "Function Scan on " + functionSchemaPrefix(scan.entry()) + functionName(scan.entry());
            case Plan.ProjectSet ignored -> "ProjectSet";
            case Plan.NestedLoop loop -> "Nested Loop" + joinWord(loop.type());
            case Plan.LateralLoop loop -> "Nested Loop" + joinWord(loop.type());
            case Plan.HashJoin hash -> "Hash" + (joinWord(hash.type()).isEmpty() ? " Join" : joinWord(hash.type()));
            case Plan.MergeJoin merge -> "Merge" + (joinWord(merge.type()).isEmpty() ? " Join" : joinWord(merge.type()));
            case Plan.Aggregate aggregate -> aggregateName(aggregate);
            case Plan.Distinct ignored -> "HashAggregate";
            case Plan.Sort ignored -> "Sort";
            case Plan.Material ignored -> "Materialize";
            case Plan.WindowAgg ignored -> "WindowAgg";
            case Plan.Unique ignored -> "Unique";
            case Plan.Limit ignored -> "Limit";
            case Plan.LockRows ignored -> "LockRows";
            case Plan.ModifyTable modify when modify.merge() != null -> "Merge on " + relationName(modify.target());
            case Plan.ModifyTable modify -> switch (modify.command()) {
                case INSERT -> "Insert on ";
                case UPDATE -> "Update on ";
                case DELETE -> "Delete on ";
                case MERGE -> "Merge on ";
                case SELECT -> "Select on ";
            } + schemaPrefix(modify.target()) + modify.target().relation().name();
            case Plan.Filter ignored -> "Result";
            case Plan.Project ignored -> "Result";
            case Plan.SubqueryScan ignored -> "Subquery Scan";
            case Plan.InitPlans ignored -> "Result";
            case Plan.DataModifyingCtes ignored -> "Result";
            case Plan.CtePlans ignored -> "Result";
            case Plan.Append ignored -> "Append";
            case Plan.CteScan scan -> "CTE Scan on " + scan.entry().cte().name()
                    + (scan.entry().alias().equals(scan.entry().cte().name()) ? "" : " " + scan.entry().alias());
            case Plan.WorkTableScan scan -> "WorkTable Scan on " + scan.entry().cte().name() + " "
                    + (scan.entry().alias().equals(scan.entry().cte().name()) ? scan.entry().alias() + "_1"
                    : scan.entry().alias());
            case Plan.RecursiveUnion ignored -> "Recursive Union";
            case Plan.HashedSubPlan ignored -> "Hashed SubPlan";
            case Plan.SetOp setOp -> "HashSetOp " + (setOp.kind() == org.woolly.nodes.query.Query.SetOperation.Kind.INTERSECT
                    ? "Intersect" : "Except") + (setOp.all() ? " All" : "");
        };
    }

    private static String joinWord(FromItem.JoinType type) {
        return switch (type) {
            case LEFT -> " Left Join";
            case RIGHT -> " Right Join";
            case FULL -> " Full Join";
            case SEMI -> " Semi Join";
            case ANTI -> " Anti Join";
            default -> "";
        };
    }

    private String figures(Plan shown, Plan node, int width, double initPlanCharge) {
        Plan.Cost cost = shown.cost();
        if (width >= 0 || initPlanCharge != 0) {
            cost = new Plan.Cost(cost.startup() + initPlanCharge, cost.total() + initPlanCharge, cost.rows(),
                    width >= 0 ? width : cost.width());
        }
        return (costs ? cost(cost) : "") + actual(shown == node ? node : shown);
    }

    /** The function's name, and the alias when it has another ({@code ExplainTargetRel}). */
    private static String functionName(RangeEntry entry) {
        String name = entry.function().call() instanceof QueryExpr.FuncCall call ? call.function().name() : entry.alias();
        return name + (entry.alias().equals(name) ? "" : " " + entry.alias());
    }

    /** The table's name (under VERBOSE with its schema), and its alias when it has another ({@code ExplainTargetRel}). */
    private String relationName(RangeEntry entry) {
        return schemaPrefix(entry) + entry.relation().name()
                + (entry.alias().equals(entry.relation().name()) ? "" : " " + entry.alias());
    }

    /** Under VERBOSE the schema of the function a Function Scan calls, else nothing. */
    private String functionSchemaPrefix(RangeEntry entry) {
        if (verbose == null || !(entry.function().call() instanceof QueryExpr.FuncCall call)) {
            return "";
        }
        String schema = verbose.functionSchemaOf().apply(call.function().oid());
        return schema == null ? "" : ExpressionText.identifier(schema) + ".";
    }

    /** {@code schema.} under VERBOSE, else nothing. */
    private String schemaPrefix(RangeEntry entry) {
        String schema = verbose == null ? null : verbose.schemaOf().apply(entry.relation().oid());
        return schema == null ? "" : ExpressionText.identifier(schema) + ".";
    }

    private static String cost(Plan.Cost cost) {
        return "  (cost=" + twoDecimals(cost.startup()) + ".." + twoDecimals(cost.total()) + " rows="
                + Math.round(cost.rows()) + " width=" + cost.width() + ")";
    }

    /**
     * {@code %.2f} as C's printf does it: the double's exact binary value rounded, an exact tie
     * to even (24.125 prints 24.12, as PostgreSQL shows it), where Java's formatter rounds half up.
     */
    static String twoDecimals(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private String actual(Plan plan) {
        if (neverExecuted) {
            return " (never executed)";
        }
        if (execution == null) {
            return "";
        }
        Instrumentation stats = execution.instrumentation(plan);
        if (stats == null || live && stats.neverExecuted()) {
            return " (never executed)";
        }
        // rows per loop rounded as explain.c's %.0f (a Parallel Seq Scan's rows over its three participants)
        double rows = Math.rint((double) stats.rows() / stats.loops());
        if (!timing) {
            return String.format(Locale.ROOT, " (actual rows=%.0f loops=%d)", rows, stats.loops());
        }
        return String.format(Locale.ROOT, " (actual time=%.3f..%.3f rows=%.0f loops=%d)", stats.startupMillis(),
                stats.totalMillis(), rows, stats.loops());
    }

    private void qual(String indent, String label, QueryExpr qual, boolean qualify) {
        if (qual == null) {
            return;
        }
        String text = text(qual, qualify || verbose != null);
        if (!text.startsWith("(")) {
            text = "(" + text + ")";
        }
        lines.add(indent + label + ": " + text);
        if (label.equals("Filter") || label.equals("Join Filter")) {
            removedRows(indent, "Rows Removed by " + label, currentNode);
        }
    }

    /** The plan node whose lines are being printed (its quals' rejected rows are its statistics'). */
    private Plan currentNode;

    /**
     * {@code show_instrumentation_count}: under ANALYZE, the rows the node's qual rejected per
     * loop, rounded; the text format leaves the line out when none were.
     */
    private void removedRows(String indent, String label, Plan node) {
        Instrumentation stats = execution == null || node == null ? null : execution.instrumentation(node);
        if (stats != null && stats.removedPerLoop() > 0) {
            lines.add(String.format(Locale.ROOT, "%s%s: %.0f", indent, label, stats.removedPerLoop()));
        }
    }

    /**
     * Grouping sets as PostgreSQL shows its hashed ones: a {@code Hash Key} per non-empty set,
     * then a {@code Group Key: ()} per empty set (one set of every GROUP BY column is plain grouping).
     */
    private void groupingSetKeys(List<String> lines, String detail, Plan.Aggregate aggregate) {
        List<List<Integer>> sets = aggregate.groupingSets().sets();
        if (plainGrouping(aggregate)) {
            lines.add(detail + "Group Key: " + keys(aggregate, sets.getFirst()));
            return;
        }
        for (List<Integer> set : sets) {
            if (!set.isEmpty()) {
                lines.add(detail + "Hash Key: " + keys(aggregate, set));
            }
        }
        for (List<Integer> set : sets) {
            if (set.isEmpty()) {
                lines.add(detail + "Group Key: ()");
            }
        }
    }

    private String keys(Plan.Aggregate aggregate, List<Integer> set) {
        return set.stream().map(position -> text(aggregate.groupBy().get(position), verbose != null))
                .collect(Collectors.joining(", "));
    }

    private static boolean plainGrouping(Plan.Aggregate aggregate) {
        List<List<Integer>> sets = aggregate.groupingSets().sets();
        return sets.size() == 1 && !sets.getFirst().isEmpty() && sets.getFirst().size() == aggregate.groupBy().size();
    }

    /** {@code HashAggregate} for hashed sets only, {@code MixedAggregate} with an empty set too. */
    private static String aggregateName(Plan.Aggregate aggregate) {
        if (aggregate.groupingSets() == null || plainGrouping(aggregate)) {
            String split = switch (aggregate.split()) {
                case SIMPLE -> "";
                case PARTIAL -> "Partial ";
                case FINALIZE -> "Finalize ";
            };
            return split + (aggregate.hashed() ? "HashAggregate" : "Aggregate");
        }
        List<List<Integer>> sets = aggregate.groupingSets().sets();
        boolean empty = sets.stream().anyMatch(List::isEmpty);
        boolean hashedSets = sets.stream().anyMatch(set -> !set.isEmpty());
        return hashedSets ? (empty ? "MixedAggregate" : "HashAggregate") : "Aggregate";
    }

    private String text(QueryExpr expr, boolean qualify) {
        return ExpressionText.of(expr, qualify, (type, value) -> {
            PgType pgType = types.type(type);
            return pgType == null ? String.valueOf(value) : pgType.io().output(value, FormatSettings.DEFAULT);
        }, types::formatType);
    }
}
