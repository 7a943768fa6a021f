package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.TargetEntry;

/** Builds the node tree of a plan, compiling its expressions once ({@code ExecInitNode}). */
final class ExecutorBuilder {
    private final ExecutorContext context;
    private final ExpressionCompiler compiler;
    ModifyTableNode modifyNode;
    /** Non-null when EXPLAIN ANALYZE asked for per-node statistics. */
    java.util.Map<Plan, Instrumentation> instrumentation;
    /** Non-null when the statement's live counts are kept (woolly_explain_backend), without EXPLAIN ANALYZE. */
    LivePlan live;

    ExecutorBuilder(ExecutorContext context) {
        this.context = context;
        this.compiler = new ExpressionCompiler(context);
    }

    /** Per sequential scan of the plan being built, the columns read above it (see {@link NeededColumns}). */
    private java.util.Map<Plan, java.util.BitSet> neededColumns;

    /**
     * A builder of a parallel worker's copy of a partial plan: the same columns read, its own
     * statistics for EXPLAIN ANALYZE (the Gather adds them to the leader's).
     */
    ExecutorBuilder forWorker(ExecutorContext workerContext) {
        ExecutorBuilder worker = new ExecutorBuilder(workerContext);
        worker.neededColumns = neededColumns;
        worker.instrumentation = instrumentation == null ? null : new java.util.IdentityHashMap<>();
        return worker;
    }

    /** The nodes that can tell their current row's TID, by plan node, for WHERE CURRENT OF. */
    final java.util.Map<Plan, ExecNode.Positioned> positioned = new java.util.IdentityHashMap<>();

    ExecNode build(Plan plan) {
        if (neededColumns == null) {
            neededColumns = NeededColumns.of(plan);
        }
        Instrumentation stats = instrumentation == null ? null : new Instrumentation();
        Instrumentation enclosing = compiler.removedRows;
        compiler.removedRows = stats; // the quals this node compiles count into its statistics
        ExecNode node;
        try {
            node = buildNode(plan);
        } finally {
            compiler.removedRows = enclosing;
        }
        if (node instanceof ExecNode.Positioned position) {
            positioned.put(plan, position);
        }
        if (stats == null) {
            return live == null ? node : live.track(plan, node);
        }
        instrumentation.put(plan, stats);
        if (node instanceof SortNode sort) {
            sort.instrumentation = stats;
        }
        if (node instanceof IndexScanNode scan) {
            scan.instrumentation = stats;
        }
        if (node instanceof AggregateNode aggregate) {
            aggregate.instrumentation = stats;
        }
        if (node instanceof GatherNode gather) {
            gather.instrumentation = stats;
        }
        if (node instanceof HashJoinNode join) {
            join.instrumentation = stats;
        }
        if (node instanceof ModifyTableNode modify) {
            modify.instrumentation = stats;
        }
        if (node instanceof BitmapHeapScanNode scan) {
            scan.own = stats;
        }
        return Instrumentation.wrap(node, stats);
    }

    /** The sort node built last for a Sort plan directly under the Limit being built ({@code pass_down_bound}). */
    private SortNode lastSort;

    private ExecNode buildNode(Plan plan) {
        ExecNode node = buildPlanNode(plan);
        lastSort = node instanceof SortNode sort ? sort : null;
        return node;
    }

    private ExecNode buildPlanNode(Plan plan) {
        return switch (plan) {
            case Plan.SeqScan scan when CurrentOfScanNode.condition(scan) != null -> new CurrentOfScanNode(context,
                    scan, CurrentOfScanNode.condition(scan), compiler.predicate(scan.qual()));
            case Plan.SeqScan scan -> new ScanNodes.SeqScan(context, scan.entry(), compiler.predicate(scan.qual()),
                    neededColumns.get(scan), scan.parallel() ? scan : null);
            case Plan.Gather gather -> new GatherNode(context, gather, this);
            case Plan.IndexScan scan -> new IndexScanNode(context, scan, compiler);
            case Plan.BitmapHeapScan scan -> new BitmapHeapScanNode(context, scan, compiler, instrumentation);
            case Plan.BitmapIndexScan ignored -> throw new IllegalStateException("a bitmap scan outside a Bitmap Heap Scan");
            case Plan.BitmapAnd ignored -> throw new IllegalStateException("a BitmapAnd outside a Bitmap Heap Scan");
            case Plan.BitmapOr ignored -> throw new IllegalStateException("a BitmapOr outside a Bitmap Heap Scan");
            case Plan.ValuesScan values -> {
                List<CompiledExpression[]> rows = new ArrayList<>();
                for (List<QueryExpr> row : values.rows()) {
                    rows.add(compiler.all(row));
                }
                yield new ScanNodes.Values(rows);
            }
            case Plan.Result ignored -> new ScanNodes.Result();
            case Plan.FunctionScan scan -> new FunctionNodes.FunctionScan(compiler.compile(scan.entry().function().call()),
                    scan.entry().function().returnsSet(), scan.entry().function().ordinality(),
                    scan.entry().function().recordColumns());
            case Plan.ProjectSet project -> new FunctionNodes.ProjectSet(build(project.input()),
                    compiler.all(project.calls()), compiler.all(project.exprs()));
            case Plan.Append append -> new ScanNodes.Append(append.children().stream().map(this::build).toList());
            case Plan.SubqueryScan subquery -> build(subquery.subplan());
            case Plan.CteScan scan when scan.entry().cte().definition() != null
                    && scan.entry().cte().definition().shared() ->
                    new CteScanNode(context.cteStore(scan.entry().cte().definition(), () -> build(scan.subplan())));
            case Plan.CteScan scan -> build(scan.subplan());
            case Plan.CtePlans ctes -> build(ctes.root());
            case Plan.HashedSubPlan hashed -> build(hashed.subplan());
            case Plan.WorkTableScan scan -> new SetOperationNodes.WorkTableScan(context, scan.workTableParam());
            case Plan.RecursiveUnion union -> new SetOperationNodes.RecursiveUnion(context, build(union.nonRecursive()),
                    union.recursive(), union.workTableParam(), union.all(),
                    union.types().stream().mapToInt(Integer::intValue).toArray());
            case Plan.SetOp setOp -> new SetOperationNodes.SetOp(context, setOp.kind(), setOp.all(), build(setOp.left()),
                    build(setOp.right()), setOp.types().stream().mapToInt(Integer::intValue).toArray());
            case Plan.DataModifyingCtes modifying -> {
                ModifyTableNode enclosing = modifyNode;
                List<ExecNode> ctes = new java.util.ArrayList<>();
                for (Plan cte : modifying.ctes()) {
                    ctes.add(build(cte));
                }
                modifyNode = enclosing; // the command tag counts the main statement's rows only
                ExecNode root = build(modifying.root());
                yield new DataModifyingCteNode(context, root, ctes, modifying.params());
            }
            case Plan.InitPlans initPlans -> {
                List<Plan> enclosing = context.subplans();
                context.registerSubplans(initPlans.subplans());
                try {
                    yield build(initPlans.root());
                } finally {
                    context.registerSubplans(enclosing);
                }
            }
            case Plan.NestedLoop loop when loop.inner() instanceof Plan.Material
                    && loop.type() != FromItem.JoinType.RIGHT && loop.type() != FromItem.JoinType.FULL ->
                    new JoinNodes.MaterializedLoop(context, loop.type(), build(loop.outer()), build(loop.inner()),
                            compiler.predicate(loop.joinQual()), loop.outerWidth(), loop.innerWidth());
            case Plan.NestedLoop loop -> new JoinNodes.NestedLoop(context, loop.type(), build(loop.outer()),
                    build(loop.inner()), compiler.predicate(loop.joinQual()), loop.outerWidth(), loop.innerWidth());
            case Plan.Material material -> new JoinNodes.Material(context, build(material.input()));
            case Plan.LateralLoop loop -> new LateralLoopNode(context, compiler, loop, build(loop.outer()),
                    loop.inner() instanceof Plan.IndexScan || loop.inner() instanceof Plan.Project project
                            && project.input() instanceof Plan.IndexScan ? build(loop.inner()) : null);
            case Plan.HashJoin hash -> new HashJoinNode(context, hash.type(), build(hash.outer()),
                    build(hash.inner()), compiler.predicate(hash.joinQual()), hash.outerWidth(), hash.innerWidth(),
                    compiler.all(hash.outerKeys()), compiler.all(hash.innerKeys()),
                    hash.outerKeys().stream().mapToInt(QueryExpr::type).toArray());
            case Plan.MergeJoin merge -> new MergeJoinNode(context, merge.type(), build(merge.outer()),
                    build(merge.inner()), compiler.predicate(merge.joinQual()), merge.outerWidth(), merge.innerWidth(),
                    compiler.all(merge.outerKeys()), compiler.all(merge.innerKeys()), merge.comparators());
            case Plan.Filter filter -> new RowNodes.Filter(build(filter.input()), compiler.predicate(filter.qual()));
            case Plan.Project project -> new RowNodes.Project(build(project.input()), compiler.all(project.exprs()));
            case Plan.Aggregate aggregate -> new AggregateNode(context, compiler, build(aggregate.input()),
                    aggregate.groupBy(), aggregate.aggregates(), aggregate.having(),
                    aggregate.groupingSets(), aggregate.hashed(), aggregate.split());
            case Plan.Distinct distinct -> new RowNodes.Distinct(build(distinct.input()), context, distinct.columns(),
                    distinct.types().stream().mapToInt(Integer::intValue).toArray());
            case Plan.Sort sort -> sort.keys().stream().anyMatch(key -> key.targetIndex() < 0)
                    ? new SortNode(build(sort.input()), context, sort.keys(), compiler.all(sort.keyExprs()))
                    : new SortNode(build(sort.input()), context, sort.keys());
            case Plan.WindowAgg window -> new WindowAggNode(build(window.input()), context, compiler, window.window(),
                    window.calls());
            case Plan.Unique unique -> new RowNodes.Unique(build(unique.input()), context,
                    unique.columns().stream().mapToInt(Integer::intValue).toArray(),
                    unique.types().stream().mapToInt(Integer::intValue).toArray());
            case Plan.Limit limit -> {
                ExecNode input = build(limit.input());
                yield new RowNodes.Limit(input, context, limit.limit() == null ? null : compiler.compile(limit.limit()),
                        limit.offset() == null ? null : compiler.compile(limit.offset()), lastSort, limit.ties());
            }
            case Plan.LockRows lockRows -> new LockRowsNode(context, build(lockRows.input()), lockRows.rowMarks(),
                    lockRows.relations().stream().map(entry -> ScanNodes.openRelation(context, entry)).toList(),
                    lockRows.projection() == null ? null : compiler.predicate(lockRows.recheck()),
                    lockRows.projection() == null ? null : compiler.all(lockRows.projection()));
            case Plan.ModifyTable modify when modify.command() != org.woolly.nodes.query.Query.CommandType.INSERT
                    && modify.input() instanceof Plan.Append append -> {
                // UPDATE/DELETE of a table with children: one modify node per table it changes
                List<ExecNode> inputs = new java.util.ArrayList<>();
                List<ModifyTableNode> members = new java.util.ArrayList<>();
                for (Plan member : append.children()) {
                    inputs.add(build(member));
                    members.add(modifyNode);
                }
                modifyNode = ModifyTableNode.inherited(context, modify.command(),
                        ScanNodes.openRelation(context, modify.target()), inputs, members);
                yield modifyNode;
            }
            case Plan.ModifyTable modify when modify.merge() != null -> {
                var target = ScanNodes.openRelation(context, modify.target());
                modifyNode = new ModifyTableNode(context, modify.command(), target, build(modify.input()),
                        new CompiledExpression[0], null, new CompiledExpression[0]);
                modifyNode.merge(new MergeExecution(context, compiler, target, modify.merge()));
                yield modifyNode;
            }
            case Plan.ModifyTable modify -> {
                List<QueryExpr> returning = modify.returning() == null ? List.of()
                        : modify.returning().stream().map(TargetEntry::expr).toList();
                modifyNode = new ModifyTableNode(context, modify.command(),
                        ScanNodes.openRelation(context, modify.target()),
                        build(modify.input()), compiler.all(modify.newRow()), compiler.predicate(modify.recheck()),
                        compiler.all(returning));
                if (modify.command() == org.woolly.nodes.query.Query.CommandType.UPDATE) {
                    java.util.BitSet assigned = new java.util.BitSet();
                    for (int i = 0; i < modify.newRow().size(); i++) {
                        if (!(modify.newRow().get(i) instanceof QueryExpr.Var column && column.position() == i)) {
                            assigned.set(i);
                        }
                    }
                    modifyNode.updatedColumns(assigned);
                }
                if (modify.onConflict() != null) {
                    modifyNode.onConflict(modify.onConflict(), compiler.all(modify.onConflict().updateRow()),
                            compiler.predicate(modify.onConflict().updateWhere()));
                }
                yield modifyNode;
            }
        };
    }
}
