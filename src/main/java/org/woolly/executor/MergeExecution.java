package org.woolly.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.heap.ModifyResult;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.query.MergeClause;
import org.woolly.nodes.query.Query;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * MERGE's WHEN clauses on each join row ({@code ExecMerge}, {@code ExecMergeMatched} and
 * {@code ExecMergeNotMatched} in {@code nodeModifyTable.c}). A row with a target TID runs the
 * first WHEN MATCHED clause whose condition holds, one without runs the first WHEN NOT MATCHED
 * clause. The changes go through one modify node per command the clauses use, so each keeps
 * INSERT's, UPDATE's and DELETE's constraints, indexes, foreign keys and triggers.
 *
 * <p>READ COMMITTED, as PostgreSQL 15: a target row a concurrent transaction updated is read
 * again at its newest version, the ON condition tested again on it (EvalPlanQual) and, when it
 * still matches, the WHEN MATCHED clauses evaluated again from the first; one deleted
 * meanwhile, or no longer matching, turns the row into a NOT MATCHED one. REPEATABLE READ and
 * SERIALIZABLE fail with 40001 instead. A target row this MERGE already changed cannot be
 * changed again (21000).
 */
final class MergeExecution {
    private final ExecutorContext context;
    private final RelationInfo relation;
    private final List<MergeClause.Action> actions;
    private final ExpressionCompiler.CompiledPredicate[] conditions;
    private final CompiledExpression[][] newRows;
    private final ExpressionCompiler.CompiledPredicate joinCondition;
    /** The action nodes in PostgreSQL's BEFORE STATEMENT order: INSERT, UPDATE, DELETE (null when unused). */
    private final ModifyTableNode insert;
    private final ModifyTableNode update;
    private final ModifyTableNode delete;
    /** Join rows for which no action changed anything (EXPLAIN ANALYZE's {@code skipped}). */
    private long skipped;

    MergeExecution(ExecutorContext context, ExpressionCompiler compiler, RelationInfo relation, MergeClause merge) {
        this.context = context;
        this.relation = relation;
        this.actions = merge.actions();
        this.conditions = new ExpressionCompiler.CompiledPredicate[actions.size()];
        this.newRows = new CompiledExpression[actions.size()][];
        for (int i = 0; i < actions.size(); i++) {
            conditions[i] = compiler.predicate(actions.get(i).condition());
            newRows[i] = compiler.all(actions.get(i).newRow());
        }
        this.joinCondition = compiler.predicate(merge.joinCondition());
        this.insert = node(MergeClause.Kind.INSERT, Query.CommandType.INSERT);
        this.update = node(MergeClause.Kind.UPDATE, Query.CommandType.UPDATE);
        this.delete = node(MergeClause.Kind.DELETE, Query.CommandType.DELETE);
        if (update != null) {
            // UPDATE OF columns: every column some UPDATE action assigns
            java.util.BitSet assigned = new java.util.BitSet();
            for (MergeClause.Action action : actions) {
                for (int i = 0; i < action.newRow().size() && action.kind() == MergeClause.Kind.UPDATE; i++) {
                    if (!(action.newRow().get(i) instanceof org.woolly.nodes.query.QueryExpr.Var column
                            && column.position() == i)) {
                        assigned.set(i);
                    }
                }
            }
            update.updatedColumns(assigned);
        }
    }

    private ModifyTableNode node(MergeClause.Kind kind, Query.CommandType command) {
        if (actions.stream().noneMatch(action -> action.kind() == kind)) {
            return null;
        }
        return new ModifyTableNode(context, command, relation, null, new CompiledExpression[0], null,
                new CompiledExpression[0]);
    }

    private List<ModifyTableNode> nodes() {
        List<ModifyTableNode> nodes = new ArrayList<>();
        for (ModifyTableNode node : new ModifyTableNode[] {insert, update, delete}) {
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** BEFORE STATEMENT triggers of the commands the WHEN clauses use ({@code fireBSTriggers}). */
    void beginStatement() {
        for (ModifyTableNode node : nodes()) {
            node.beginStatement();
        }
    }

    /** The end of the statement for each action node; AFTER STATEMENT in PostgreSQL's order: DELETE, UPDATE, INSERT. */
    void endStatement() {
        for (ModifyTableNode node : nodes().reversed()) {
            node.endMergeAction();
        }
    }

    long processed() {
        return inserted() + updated() + deleted();
    }

    long inserted() {
        return insert == null ? 0 : insert.processed();
    }

    long updated() {
        return update == null ? 0 : update.processed();
    }

    long deleted() {
        return delete == null ? 0 : delete.processed();
    }

    /**
     * EXPLAIN ANALYZE's line ({@code show_modifytable_info}): the nonzero counts of rows
     * inserted, updated, deleted and skipped; null when the join gave no rows.
     */
    String explainTuples() {
        long[] counts = {inserted(), updated(), deleted(), skipped};
        String[] names = {"inserted", "updated", "deleted", "skipped"};
        StringBuilder line = new StringBuilder("Tuples:");
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                line.append(' ').append(names[i]).append('=').append(counts[i]);
            }
        }
        return processed() + skipped == 0 ? null : line.toString();
    }

    /** One join row: target columns, target TID (null: no match), source columns. */
    void process(Object[] joinRow) {
        long before = processed();
        Object[] row = joinRow;
        if (row[relation.descriptor().size()] != null) {
            row = matched(row);
        }
        if (row != null) {
            notMatched(row);
        }
        if (processed() == before) {
            skipped++;
        }
    }

    /**
     * The WHEN MATCHED clauses: null when the row is done with, else the row as a NOT MATCHED
     * one (the target row went away or stopped matching under a concurrent change).
     */
    private Object[] matched(Object[] joinRow) {
        int width = relation.descriptor().size();
        Object[] row = joinRow;
        restart:
        while (true) {
            for (int i = 0; i < actions.size(); i++) {
                MergeClause.Action action = actions.get(i);
                if (!action.matched() || !conditions[i].test(row)) {
                    continue;
                }
                ModifyResult.Status status = switch (action.kind()) {
                    case UPDATE -> update.mergeChange(row, evaluate(newRows[i], row));
                    case DELETE -> delete.mergeChange(row, null);
                    case NOTHING, INSERT -> ModifyResult.Status.OK;
                };
                switch (status) {
                    case OK, WOULD_BLOCK -> {
                        return null;
                    }
                    case SELF_MODIFIED -> throw SqlException.of(SqlState.CARDINALITY_VIOLATION,
                                    "MERGE command cannot affect row a second time")
                            .withHint("Ensure that not more than one source row matches any one target row.");
                    case DELETED -> {
                        if (context.transactionSnapshot()) {
                            throw ModifyTableNode.serializationFailure("delete");
                        }
                        return unmatched(row, width);
                    }
                    case UPDATED -> {
                        if (context.transactionSnapshot()) {
                            throw ModifyTableNode.serializationFailure("update");
                        }
                        HeapTuple latest = context.heap().fetchLatestVersion(relation.locator(), (Tid) row[width],
                                context.transaction());
                        if (latest == null) {
                            return unmatched(row, width);
                        }
                        Object[] refreshed = row.clone();
                        Object[] target = ScanNodes.decode(context, relation, latest, true);
                        System.arraycopy(target, 0, refreshed, 0, target.length);
                        if (!joinCondition.test(refreshed)) {
                            return unmatched(row, width);
                        }
                        row = refreshed;
                        continue restart;
                    }
                }
            }
            return null;
        }
    }

    /** The join row with the target side emptied, as an outer join gives for an unmatched source row. */
    private static Object[] unmatched(Object[] row, int width) {
        Object[] source = row.clone();
        Arrays.fill(source, 0, width + 1, null);
        return source;
    }

    private void notMatched(Object[] row) {
        for (int i = 0; i < actions.size(); i++) {
            MergeClause.Action action = actions.get(i);
            if (action.matched() || !conditions[i].test(row)) {
                continue;
            }
            if (action.kind() == MergeClause.Kind.INSERT) {
                insert.mergeInsert(evaluate(newRows[i], row));
            }
            return;
        }
    }

    private static Object[] evaluate(CompiledExpression[] expressions, Object[] row) {
        Object[] values = new Object[expressions.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = expressions[i].evaluate(row);
        }
        return values;
    }
}
