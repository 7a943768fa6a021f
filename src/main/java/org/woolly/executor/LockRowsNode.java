package org.woolly.executor;

import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.heap.ModifyResult;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.query.RowMark;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * SELECT ... FOR UPDATE/SHARE ({@code nodeLockRows.c}): for every input row, locks the row of
 * each marked relation through the heap ({@code HeapAccess.lockTuple}), in the mark's strength.
 * NOWAIT turns a wait into 55P03 {@code could not obtain lock on row in relation "t"}; SKIP
 * LOCKED drops the row. A row deleted meanwhile is dropped; one updated meanwhile is, under
 * READ COMMITTED, replaced by its newest version when that still satisfies WHERE (re-checked
 * when the query reads one relation; with joins the newest version is locked and the row's other
 * values are the ones first read); under REPEATABLE READ both are 40001.
 */
final class LockRowsNode extends RowNodes.Unary implements ExecNode.Positioned {
    private final ExecutorContext context;
    private final List<RowMark> marks;
    private final List<RelationInfo> relations;
    private final ExpressionCompiler.CompiledPredicate recheck;
    /** Scan row to output row, for the re-check of one relation; null with joins. */
    private final CompiledExpression[] projection;

    LockRowsNode(ExecutorContext context, ExecNode input, List<RowMark> marks, List<RelationInfo> relations,
                 ExpressionCompiler.CompiledPredicate recheck, CompiledExpression[] projection) {
        super(input);
        this.context = context;
        this.marks = marks;
        this.relations = relations;
        this.recheck = recheck;
        this.projection = projection;
    }

    /** The row returned last, with the TIDs of the rows it locked ({@code ExecRowMark.curCtid}); null at the end. */
    private Object[] last;

    @Override
    public Tid currentTid(int mark) {
        return last != null && last[marks.get(mark).tidColumn()] instanceof Tid tid ? tid : null;
    }

    @Override
    public Object[] next() {
        Object[] row;
        while ((row = input.next()) != null) {
            Object[] locked = lockAll(row);
            if (locked != null) {
                last = locked;
                return locked;
            }
        }
        last = null;
        return null;
    }

    /** The row with every mark's row locked (possibly a newer version), or null to drop it. */
    private Object[] lockAll(Object[] row) {
        Object[] current = row;
        for (int i = 0; i < marks.size(); i++) {
            RowMark mark = marks.get(i);
            if (!(current[mark.tidColumn()] instanceof Tid tid)) {
                continue; // the null side of an outer join: nothing to lock
            }
            current = lockOne(current, mark, relations.get(i), tid);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private Object[] lockOne(Object[] row, RowMark mark, RelationInfo relation, Tid first) {
        // a wait for another transaction's row names the table (XactLockTableWait's context)
        return org.woolly.utils.error.WaitContext.onRelation(relation.name(), () -> lockRow(row, mark, relation, first));
    }

    private Object[] lockRow(Object[] row, RowMark mark, RelationInfo relation, Tid first) {
        Object[] current = row;
        Tid tid = first;
        boolean wait = !mark.nowait() && !mark.skipLocked();
        while (true) {
            ModifyResult result = context.heap().lockTuple(relation.locator(), tid, context.transaction(), mark.mode(),
                    wait);
            switch (result.status()) {
                case OK -> {
                    return current;
                }
                case WOULD_BLOCK -> {
                    if (mark.skipLocked()) {
                        return null;
                    }
                    throw SqlException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on row in relation \"%s\"",
                            relation.name());
                }
                case SELF_MODIFIED -> {
                    return null;
                }
                case DELETED -> {
                    if (context.transactionSnapshot()) {
                        throw serializationFailure();
                    }
                    return null;
                }
                case UPDATED -> {
                    if (context.transactionSnapshot()) {
                        throw serializationFailure();
                    }
                    HeapTuple latest = context.heap().fetchLatestVersion(relation.locator(), tid, context.transaction());
                    if (latest == null) {
                        return null;
                    }
                    if (projection != null) {
                        Object[] scanRow = ScanNodes.decode(context, relation, latest, true);
                        if (!recheck.test(scanRow)) {
                            return null;
                        }
                        current = new Object[projection.length];
                        for (int i = 0; i < projection.length; i++) {
                            current[i] = projection[i].evaluate(scanRow);
                        }
                    }
                    tid = latest.tid();
                }
            }
        }
    }

    private static SqlException serializationFailure() {
        return SqlException.of(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
    }
}
