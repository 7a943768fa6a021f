package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.HeapTuple;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Where a cursor's plan tells which table row it is on, for {@code WHERE CURRENT OF}
 * ({@code execCurrent.c}). A cursor with FOR UPDATE/SHARE names its rows through its row marks
 * (the TIDs the LockRows node locked), whatever joins or sorts lie below; any other cursor only
 * through the scan nodes {@code search_plan_tree} reaches from the top through nodes that return
 * their input's current row (Limit, Append, a subquery, and Woolly's Project and Filter, which
 * PostgreSQL folds into its scans). Under a Sort or an aggregate there is no such scan, and the
 * cursor is "not a simply updatable scan".
 * <p>
 * The cursor takes a {@link #capture} after each row it reads, since a scrollable cursor moves
 * back over rows it keeps; {@link #find} then answers from the capture of the row it is on.
 */
public final class CursorPositions {
    /** A place a TID is read from: a scan node, or the LockRows node with the index of its row mark. */
    private record Source(Plan plan, int mark, int relationOid) {}

    private final boolean rowMarks;
    private final List<Source> sources;

    private CursorPositions(boolean rowMarks, List<Source> sources) {
        this.rowMarks = rowMarks;
        this.sources = sources;
    }

    /** The positions of the cursor whose portal runs {@code plan}. */
    public static CursorPositions of(Plan plan) {
        Plan.LockRows lockRows = lockRows(plan);
        List<Source> sources = new ArrayList<>();
        if (lockRows != null) {
            for (int i = 0; i < lockRows.rowMarks().size(); i++) {
                sources.add(new Source(lockRows, i, lockRows.relations().get(i).relation().oid()));
            }
            return new CursorPositions(true, List.copyOf(sources));
        }
        searchPlanTree(plan, sources);
        return new CursorPositions(false, List.copyOf(sources));
    }

    private static Plan.LockRows lockRows(Plan plan) {
        return switch (plan) {
            case Plan.LockRows lock -> lock;
            case Plan.Limit limit -> lockRows(limit.input());
            case Plan.Project project -> lockRows(project.input());
            case Plan.InitPlans init -> lockRows(init.root());
            case Plan.CtePlans ctes -> lockRows(ctes.root());
            default -> null;
        };
    }

    /** {@code search_plan_tree}: the scans reachable through nodes that pass their input's current row up. */
    private static void searchPlanTree(Plan plan, List<Source> sources) {
        switch (plan) {
            case Plan.SeqScan scan -> sources.add(new Source(scan, 0, scan.entry().relation().oid()));
            case Plan.IndexScan scan -> sources.add(new Source(scan, 0, scan.entry().relation().oid()));
            case Plan.BitmapHeapScan scan -> sources.add(new Source(scan, 0, scan.entry().relation().oid()));
            case Plan.Append append -> append.children().forEach(child -> searchPlanTree(child, sources));
            case Plan.Limit limit -> searchPlanTree(limit.input(), sources);
            case Plan.Project project -> searchPlanTree(project.input(), sources);
            case Plan.Filter filter -> searchPlanTree(filter.input(), sources);
            case Plan.SubqueryScan subquery -> searchPlanTree(subquery.subplan(), sources);
            case Plan.InitPlans init -> searchPlanTree(init.root(), sources);
            case Plan.CtePlans ctes -> searchPlanTree(ctes.root(), sources);
            default -> { }
        }
    }

    /** The TID each source is on now, in source order (null where it is on no row). */
    public Tid[] capture(QueryExecution execution) {
        Tid[] tids = new Tid[sources.size()];
        for (int i = 0; i < tids.length; i++) {
            Source source = sources.get(i);
            tids[i] = execution.currentTid(source.plan(), source.mark());
        }
        return tids;
    }

    /**
     * {@code execCurrentOf}: the TID of the row of table {@code tableOid} the cursor is on, given
     * the {@link #capture} of its current row ({@code captured} null when it is on no row), or
     * null when the row came from another table (another member of an inheritance tree).
     */
    public Tid find(Tid[] captured, String cursorName, int tableOid, String tableName) {
        int found = -1;
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).relationOid() != tableOid) {
                continue;
            }
            if (found >= 0) {
                if (rowMarks) {
                    throw SqlException.of(SqlState.INVALID_CURSOR_STATE,
                            "cursor \"%s\" has multiple FOR UPDATE/SHARE references to table \"%s\"", cursorName,
                            tableName);
                }
                throw notSimplyUpdatable(cursorName, tableName); // two scans of it, as under UNION ALL
            }
            found = i;
        }
        if (found < 0) {
            if (rowMarks) {
                throw SqlException.of(SqlState.INVALID_CURSOR_STATE,
                        "cursor \"%s\" does not have a FOR UPDATE/SHARE reference to table \"%s\"", cursorName,
                        tableName);
            }
            throw notSimplyUpdatable(cursorName, tableName);
        }
        if (captured == null) {
            throw SqlException.of(SqlState.INVALID_CURSOR_STATE, "cursor \"%s\" is not positioned on a row",
                    cursorName);
        }
        return captured[found];
    }

    private static SqlException notSimplyUpdatable(String cursorName, String tableName) {
        return SqlException.of(SqlState.INVALID_CURSOR_STATE,
                "cursor \"%s\" is not a simply updatable scan of table \"%s\"", cursorName, tableName);
    }

    /**
     * The condition {@code CURRENT OF}: the cursor's row is looked up once per execution and
     * followed to its newest version, as a TID scan of a CURRENT OF condition does
     * ({@code table_tuple_get_latest_tid} in {@code TidListEval}), so a second UPDATE through the
     * same cursor position reaches the row the first one wrote.
     */
    static CompiledExpression compile(ExecutorContext context, QueryExpr.CurrentOf currentOf,
                                      CompiledExpression tid) {
        return new CompiledExpression() {
            private boolean resolved;
            private Tid target;

            @Override
            public Object evaluate(Object[] row) {
                if (!resolved) {
                    target = latest(context, currentOf);
                    resolved = true;
                }
                return target != null && target.equals(tid.evaluate(row));
            }
        };
    }

    /** The TID of the newest version of the cursor's row, or null ({@link #compile}). */
    static Tid latest(ExecutorContext context, QueryExpr.CurrentOf currentOf) {
        Tid current = context.cursors().currentOf(currentOf.cursorName(), currentOf.tableOid(),
                currentOf.tableName());
        if (current == null) {
            return null;
        }
        var relation = context.openRelation(currentOf.tableOid());
        HeapTuple newest = context.heap().fetchLatestVersion(relation.locator(), current, context.transaction());
        return newest == null ? null : newest.tid();
    }
}
