package org.woolly.executor;

import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.SortKey;

/**
 * Which columns of each sequential scan the plan above it reads, so the scan deforms only
 * those ({@code slot_getsomeattrs} up to the last needed attribute, and the planner's narrow
 * target lists of {@code build_physical_tlist} / {@code use_physical_tlist}). The walk goes
 * top-down carrying the set of output columns the parent reads (null: all of them). Only the
 * node kinds whose column flow is listed here narrow the set; under any other node every scan
 * keeps all its columns, so an unknown consumer never reads a column left null.
 */
final class NeededColumns {
    private final Map<Plan, BitSet> scans = new IdentityHashMap<>();

    private NeededColumns() {}

    /** The needed columns of every sequential scan in {@code root}'s tree whose readers are all known. */
    static Map<Plan, BitSet> of(Plan root) {
        NeededColumns walk = new NeededColumns();
        walk.visit(root, null);
        return walk.scans;
    }

    private void visit(Plan plan, BitSet needed) {
        switch (plan) {
            case Plan.SeqScan scan -> {
                if (needed != null && !scan.entry().withTid()) {
                    BitSet columns = (BitSet) needed.clone();
                    addVars(columns, scan.qual());
                    scans.put(scan, columns);
                }
            }
            case Plan.Project project -> visit(project.input(), varsOf(project.exprs()));
            case Plan.Filter filter -> visit(filter.input(), with(needed, filter.qual()));
            case Plan.Limit limit -> visit(limit.input(), needed);
            case Plan.Material material -> visit(material.input(), needed);
            case Plan.Gather gather -> visit(gather.input(), needed);
            case Plan.InitPlans initPlans -> visit(initPlans.root(), needed);
            case Plan.CtePlans ctes -> visit(ctes.root(), needed);
            case Plan.Aggregate aggregate -> {
                if (aggregate.groupingSets() != null) {
                    visit(aggregate.input(), null);
                    return;
                }
                BitSet input = varsOf(aggregate.groupBy());
                for (QueryExpr.Aggregate call : aggregate.aggregates()) {
                    addVars(input, call);
                }
                visit(aggregate.input(), input);
            }
            case Plan.Sort sort -> {
                BitSet input = null;
                if (needed != null) {
                    input = (BitSet) needed.clone();
                    for (SortKey key : sort.keys()) {
                        if (key.targetIndex() >= 0) {
                            input.set(key.targetIndex());
                        }
                    }
                    for (QueryExpr expr : sort.keyExprs()) {
                        addVars(input, expr);
                    }
                }
                visit(sort.input(), input);
            }
            case Plan.HashJoin join -> visitJoin(join.type(), join.outer(), join.inner(), join.outerWidth(), needed,
                    join.joinQual(), join.outerKeys(), join.innerKeys());
            case Plan.MergeJoin join -> visitJoin(join.type(), join.outer(), join.inner(), join.outerWidth(), needed,
                    join.joinQual(), join.outerKeys(), join.innerKeys());
            case Plan.NestedLoop loop -> visitJoin(loop.type(), loop.outer(), loop.inner(), loop.outerWidth(), needed,
                    loop.joinQual(), List.of(), List.of());
            default -> { } // every scan below keeps all its columns
        }
    }

    /** A join's row is the outer columns then the inner ones (SEMI and ANTI emit the outer row alone). */
    private void visitJoin(FromItem.JoinType type, Plan outer, Plan inner, int outerWidth, BitSet needed,
                           QueryExpr qual, List<QueryExpr> outerKeys, List<QueryExpr> innerKeys) {
        BitSet joined = with(needed, qual);
        BitSet outerNeeded = null;
        BitSet innerNeeded = null;
        if (joined != null) {
            outerNeeded = joined.get(0, outerWidth);
            innerNeeded = joined.get(outerWidth, Math.max(outerWidth, joined.length()));
        } else if (type == FromItem.JoinType.SEMI || type == FromItem.JoinType.ANTI) {
            BitSet qualColumns = with(new BitSet(), qual);
            innerNeeded = qualColumns.get(outerWidth, Math.max(outerWidth, qualColumns.length()));
        }
        if (outerNeeded != null) {
            for (QueryExpr key : outerKeys) {
                addVars(outerNeeded, key);
            }
        }
        if (innerNeeded != null) {
            for (QueryExpr key : innerKeys) {
                addVars(innerNeeded, key);
            }
        }
        visit(outer, outerNeeded);
        visit(inner, innerNeeded);
    }

    /** {@code needed} plus the columns {@code expr} reads; null stays null (all columns). */
    private static BitSet with(BitSet needed, QueryExpr expr) {
        if (needed == null) {
            return null;
        }
        BitSet columns = (BitSet) needed.clone();
        addVars(columns, expr);
        return columns;
    }

    private static BitSet varsOf(List<? extends QueryExpr> exprs) {
        BitSet columns = new BitSet();
        for (QueryExpr expr : exprs) {
            addVars(columns, expr);
        }
        return columns;
    }

    /** Adds the input positions {@code expr} reads (correlated subqueries' bindings included). */
    private static void addVars(BitSet columns, QueryExpr expr) {
        if (expr == null) {
            return;
        }
        ExpressionWalker.contains(expr, node -> {
            if (node instanceof QueryExpr.Var var) {
                columns.set(var.position());
            }
            return false;
        });
    }
}
