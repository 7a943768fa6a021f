package org.woolly.executor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.woolly.access.common.Attribute;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.heap.ModifyResult;
import org.woolly.access.common.Tid;
import org.woolly.access.nbtree.BTreeAccess;
import org.woolly.access.nbtree.IndexShape;
import org.woolly.analyzer.PartitionScheme;
import org.woolly.catalog.ConstraintInfo;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.query.Query;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * INSERT, UPDATE, DELETE and MERGE ({@code nodeModifyTable.c}). Runs to completion when opened
 * (as PostgreSQL does before returning RETURNING rows) and counts the rows processed. A MERGE
 * hands each join row to its {@link MergeExecution}, which changes the table through one node
 * of this class per command its WHEN clauses use.
 *
 * <p>READ COMMITTED: when UPDATE or DELETE meets a row a concurrent transaction updated and
 * committed, the heap has waited for it; this node then follows the update chain to the newest
 * version, evaluates WHERE again on it ({@code EvalPlanQual}) and, if it still qualifies, applies
 * the change to that version. A row deleted meanwhile, or changed by a later command of this
 * same transaction, is skipped.
 *
 * <p>Before a new row version is written it is checked against the NOT NULL and CHECK
 * constraints ({@code ExecConstraints}); after, it is added to every index of the table.
 */
final class ModifyTableNode implements ExecNode {
    private final ExecutorContext context;
    private final Query.CommandType command;
    private final RelationInfo relation;
    private final ExecNode input;
    private final CompiledExpression[] newRow;
    private final ExpressionCompiler.CompiledPredicate recheck;
    private final CompiledExpression[] returning;
    private final List<Object[]> returned = new ArrayList<>();
    private Iterator<Object[]> output;
    private long processed;
    private List<ConstraintInfo> checks;
    private CompiledExpression[] checkExpressions;
    private ConflictArbiter arbiter;
    private IndexTuples indexTuples;
    private org.woolly.nodes.query.OnConflict onConflict;
    private CompiledExpression[] conflictRow;
    private ExpressionCompiler.CompiledPredicate conflictWhere;
    /** The row versions this command wrote, for ON CONFLICT DO UPDATE's "a second time" check. */
    private final java.util.Set<Tid> written = new java.util.HashSet<>();
    /** The foreign key checks and actions of the statement, fired at its end; null when the table has none. */
    private final ForeignKeyTriggers foreignKeys;
    /** COPY FROM's rows computed and checked but not yet written, with their encoded bodies. */
    private final List<Object[]> pendingRows = new ArrayList<>();
    /** A partitioned table's schemes by level and the inserts into its leaf partitions, by OID. */
    private final java.util.Map<Integer, PartitionScheme> schemes = new java.util.HashMap<>();
    private final java.util.Map<Integer, ModifyTableNode> leaves = new java.util.LinkedHashMap<>();
    private final List<byte[]> pendingBodies = new ArrayList<>();
    private long pendingBytes;
    /** The table's user triggers for the command, and for an ON CONFLICT DO UPDATE's updates; null when none. */
    private final TableTriggers triggers;
    private TableTriggers conflictTriggers;
    /** COPY FROM opens the node once per row: statement triggers fire once, BEFORE at the first, AFTER at {@link #finishRepeated}. */
    private boolean repeated;
    private boolean statementStarted;
    /** UPDATE/DELETE of a table with children: the inputs and modify nodes of the tables it changes, else null. */
    private List<ExecNode> memberInputs;
    private List<ModifyTableNode> members;
    /** One table of an UPDATE/DELETE of its parent: its statement triggers do not fire, the parent's do. */
    private boolean member;
    /** The partitioned table a member UPDATE moves rows through to their new partition, or null. */
    private ModifyTableNode root;
    /** The DELETE triggers of this partition, which fire for rows an UPDATE moves out of it; read at the first move. */
    private TableTriggers movedRowTriggers;
    private boolean movedRowTriggersRead;
    /** A leaf INSERT a partitioned table routed its rows to, which need no partition constraint check. */
    private boolean routed;
    /** The partitions above this table, nearest first, with the scheme placing each below the next; null until read. */
    private List<RelationInfo> ancestors;
    private List<PartitionScheme> ancestorSchemes;

    ModifyTableNode(ExecutorContext context, Query.CommandType command, RelationInfo relation, ExecNode input,
                    CompiledExpression[] newRow, ExpressionCompiler.CompiledPredicate recheck,
                    CompiledExpression[] returning) {
        this.context = context;
        this.command = command;
        this.relation = relation;
        this.input = input;
        this.newRow = newRow;
        this.recheck = recheck;
        this.returning = returning;
        this.foreignKeys = ForeignKeyTriggers.of(context, relation);
        this.triggers = TableTriggers.of(context, relation, command);
    }

    /** The columns an UPDATE assigns, for triggers on UPDATE OF columns. */
    void updatedColumns(java.util.BitSet columns) {
        if (triggers != null) {
            triggers.updatedColumns(columns);
        }
    }

    /** COPY FROM: the node will be opened once per row. */
    void openRepeatedly() {
        repeated = true;
    }

    /** After COPY FROM's last row: the AFTER STATEMENT triggers. */
    void finishRepeated() {
        if (triggers != null) {
            triggers.afterStatement(true);
        }
    }

    /**
     * UPDATE or DELETE of a table with inheritance children or partitions: each of
     * {@code members} changes one table, reading its input; they run in turn in this one
     * command, so a row one of them moves into another partition is not seen again there. A
     * member UPDATE of a partitioned table moves a row whose key leaves its partition.
     */
    static ModifyTableNode inherited(ExecutorContext context, Query.CommandType command, RelationInfo parent,
                                     List<ExecNode> inputs, List<ModifyTableNode> members) {
        ModifyTableNode node = new ModifyTableNode(context, command, parent, null, new CompiledExpression[0], null,
                new CompiledExpression[0]);
        node.memberInputs = inputs;
        node.members = members;
        for (ModifyTableNode member : members) {
            member.member = true;
            if (parent.kind() == 'p') {
                member.root = node;
            }
        }
        return node;
    }

    /**
     * Makes this INSERT an INSERT ... ON CONFLICT: {@code updateRow} and {@code updateWhere}
     * read the existing row followed by the proposed ({@code excluded}) row.
     */
    void onConflict(org.woolly.nodes.query.OnConflict clause, CompiledExpression[] updateRow,
                    ExpressionCompiler.CompiledPredicate updateWhere) {
        this.onConflict = clause;
        this.arbiter = new ConflictArbiter(context, relation, clause.arbiterIndexes(), indexTuples());
        this.conflictRow = updateRow;
        this.conflictWhere = updateWhere;
        if (clause.doUpdate()) {
            this.conflictTriggers = TableTriggers.of(context, relation, Query.CommandType.UPDATE);
        }
    }

    long processed() {
        return merge == null ? processed : merge.processed();
    }

    @Override
    public void open() {
        // a wait for another transaction's row names the table (XactLockTableWait's context)
        org.woolly.utils.error.WaitContext.onRelation(relation.name(), () -> {
            openModifying();
            return null;
        });
    }

    private void openModifying() {
        if (!statementStarted) {
            statementStarted = true;
            if (!member) {
                beginStatement();
            }
        }
        if (members != null) {
            openMembers();
            return;
        }
        input.open();
        try {
            Object[] row;
            int count = 0;
            while ((row = input.next()) != null) {
                if (++count % ScanNodes.INTERRUPT_INTERVAL == 0) {
                    context.checkForInterrupts();
                }
                switch (command) {
                    case INSERT -> insert(row);
                    case UPDATE, DELETE -> modify(row);
                    case MERGE -> merge.process(row);
                    case SELECT -> throw new IllegalStateException("SELECT has no modify node");
                }
            }
        } finally {
            input.close();
        }
        if (merge != null) {
            merge.endStatement();
            if (instrumentation != null) {
                instrumentation.detail(merge.explainTuples());
            }
        }
        checkDeferrableUniques();
        if (foreignKeys != null) {
            foreignKeys.fire();
        }
        for (ModifyTableNode leaf : leaves.values()) {
            leaf.checkDeferrableUniques();
            if (leaf.foreignKeys != null) {
                leaf.foreignKeys.fire();
            }
            if (leaf.triggers != null) {
                leaf.triggers.afterStatement(false);
            }
        }
        if (triggers != null) {
            triggers.afterStatement(!repeated && !member);
        }
        if (conflictTriggers != null) {
            conflictTriggers.afterStatement(true);
        }
        output = returned.iterator();
    }

    /** BEFORE STATEMENT triggers ({@code fireBSTriggers}); a MERGE's are those of its actions' commands. */
    void beginStatement() {
        if (triggers != null) {
            triggers.beforeStatement();
        }
        if (conflictTriggers != null) {
            conflictTriggers.beforeStatement();
        }
        if (merge != null) {
            merge.beginStatement();
        }
    }

    /** A MERGE's action node at the end of the statement: deferred unique checks, foreign keys, AFTER triggers. */
    void endMergeAction() {
        checkDeferrableUniques();
        if (foreignKeys != null) {
            foreignKeys.fire();
        }
        if (triggers != null) {
            triggers.afterStatement(true);
        }
    }

    /** Makes this node a MERGE running {@code execution}'s WHEN clauses on each join row. */
    void merge(MergeExecution execution) {
        this.merge = execution;
    }

    /** A MERGE's WHEN clauses, or null. */
    private MergeExecution merge;
    /** EXPLAIN ANALYZE's statistics of this node, or null; a MERGE reports its actions' counts there. */
    Instrumentation instrumentation;

    /** A MERGE's INSERT action: the row inserted as INSERT does ({@code ExecMergeNotMatched}). */
    void mergeInsert(Object[] row) {
        insert(row);
    }

    /**
     * A MERGE's UPDATE (with {@code values}, the new row) or DELETE ({@code values} null) of the
     * target row whose columns and TID start {@code current} ({@code ExecMergeMatched}'s
     * {@code ExecUpdateAct} / {@code ExecDeleteAct}). Answers the heap's status; OK also when a
     * BEFORE ROW trigger skipped the row. The caller follows a concurrent change (EvalPlanQual).
     */
    ModifyResult.Status mergeChange(Object[] current, Object[] values) {
        Tid tid = (Tid) current[relation.descriptor().size()];
        Object[] row = values;
        ModifyResult result;
        if (command == Query.CommandType.UPDATE) {
            if (triggers != null && (row = triggers.beforeRow(current, row, false)) == null) {
                return ModifyResult.Status.OK;
            }
            checkNotNull(row);
            checkConstraints(row);
            result = context.heap().update(relation.locator(), tid, relation.encode(row, context.transaction()),
                    context.transaction(), context.snapshot(), indexedColumnsUnchanged(current, row),
                    keyColumnsChanged(current, row));
        } else {
            if (triggers != null && triggers.beforeRow(current, null, false) == null) {
                return ModifyResult.Status.OK;
            }
            result = context.heap().delete(relation.locator(), tid, context.transaction(), context.snapshot());
        }
        if (result.status() == ModifyResult.Status.OK) {
            deleteToastedValues(tid);
            changed(current, row, result);
        }
        return result.status();
    }

    private void openMembers() {
        for (int i = 0; i < members.size(); i++) {
            ExecNode memberInput = memberInputs.get(i);
            memberInput.open();
            try {
                Object[] row;
                while ((row = memberInput.next()) != null) {
                    returned.add(row);
                }
            } finally {
                memberInput.close();
            }
            processed += members.get(i).processed();
        }
        for (ModifyTableNode member : members) {
            if (member.movedRowTriggers != null) {
                member.movedRowTriggers.afterStatement(false);
            }
        }
        for (ModifyTableNode leaf : leaves.values()) {
            leaf.checkDeferrableUniques();
            if (leaf.foreignKeys != null) {
                leaf.foreignKeys.fire();
            }
            if (leaf.triggers != null) {
                leaf.triggers.afterStatement(false);
            }
        }
        if (triggers != null) {
            triggers.afterStatement(true);
        }
        output = returned.iterator();
    }

    /** Whether COPY FROM may batch this INSERT: plain (no ON CONFLICT), without RETURNING, into one table. */
    boolean batchable() {
        return command == Query.CommandType.INSERT && onConflict == null && returning.length == 0
                && relation.kind() != 'p' && triggers == null;
    }

    /**
     * INSERT into a partitioned table ({@code ExecFindPartition}): the row goes down the
     * partition tree, level by level, to the leaf whose bound holds its key (23514 when none
     * does), taking each level's column order by name, and is inserted there with that leaf's
     * constraints and indexes.
     */
    private void routeInsert(Object[] row) {
        if (onConflict != null) {
            routeInsertOnConflict(row);
            return;
        }
        ModifyTableNode leaf = insertIntoPartition(row);
        processed++;
        emit(withTableOid(row, leaf.relation));
    }

    /** A routed row as RETURNING reads it: after its columns, the partition it went to, for tableoid. */
    private Object[] withTableOid(Object[] row, RelationInfo partition) {
        int width = relation.descriptor().size();
        Object[] extended = java.util.Arrays.copyOf(row, Math.max(row.length, width + 1));
        extended[width] = partition.oid();
        return extended;
    }

    /**
     * INSERT ... ON CONFLICT into a partitioned table: the leaf partition decides the conflict
     * with its own indexes that are attached under the arbiter indexes ({@code ExecInitPartitionInfo}
     * maps the arbiters through {@code get_partition_ancestors}); a row it inserts or updates is
     * counted and returned here.
     */
    private void routeInsertOnConflict(Object[] row) {
        Routed routed = route(row);
        RelationInfo leaf = routed.leaf();
        boolean sameLayout = sameColumns(relation, leaf);
        if (onConflict.doUpdate() && !sameLayout) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "INSERT ... ON CONFLICT DO UPDATE into partition "
                    + "\"%s\" whose columns differ from its partitioned table's is not supported yet", leaf.name());
        }
        ModifyTableNode node = leaves.computeIfAbsent(leaf.oid(), oid -> {
            ModifyTableNode created = new ModifyTableNode(context, Query.CommandType.INSERT, leaf, null, null, null,
                    new CompiledExpression[0]);
            List<Integer> arbiters = new ArrayList<>();
            for (org.woolly.catalog.IndexInfo index : leaf.indexes()) {
                if (onConflict.arbiterIndexes().stream().anyMatch(context.indexAncestors(index.oid())::contains)) {
                    arbiters.add(index.oid());
                }
            }
            if (!onConflict.arbiterIndexes().isEmpty() && arbiters.isEmpty()) {
                // no leaf index stands for the arbiters: nothing could conflict, but an empty
                // list would make every unique index one
                arbiters.add(0);
            }
            created.onConflict(new org.woolly.nodes.query.OnConflict(onConflict.doUpdate(), List.copyOf(arbiters),
                    onConflict.updateRow(), onConflict.updateWhere()), conflictRow, conflictWhere);
            created.routed = true;
            return created;
        });
        long before = node.processed;
        node.insertOnConflict(routed.values());
        if (node.processed > before) {
            processed++;
            emit(withTableOid(sameLayout ? node.lastRow : row, leaf));
        }
    }

    /** Whether two relations have the same columns in the same order (a partition made by PARTITION OF). */
    private static boolean sameColumns(RelationInfo parent, RelationInfo leaf) {
        if (parent.attributes().size() != leaf.attributes().size()) {
            return false;
        }
        for (int i = 0; i < parent.attributes().size(); i++) {
            if (!parent.attributes().get(i).name().equals(leaf.attributes().get(i).name())) {
                return false;
            }
        }
        return true;
    }

    /** A row routed to its leaf partition, in the leaf's column order. */
    private record Routed(RelationInfo leaf, Object[] values) {}

    /** Routes a row of this partitioned table to its leaf partition and inserts it there; returns the leaf's node. */
    private ModifyTableNode insertIntoPartition(Object[] row) {
        Routed routed = route(row);
        RelationInfo leaf = routed.leaf();
        Object[] values = routed.values();
        ModifyTableNode node = leaves.computeIfAbsent(leaf.oid(), oid -> new ModifyTableNode(context,
                Query.CommandType.INSERT, leaf, null, null, null, new CompiledExpression[0]));
        node.routed = true;
        node.insertRow(values);
        node.lastRow = values;
        return node;
    }

    /** The leaf partition whose bounds hold the row's key, level by level (23514 when none does). */
    private Routed route(Object[] row) {
        RelationInfo target = relation;
        Object[] values = row;
        while (target.kind() == 'p') {
            RelationInfo level = target;
            PartitionScheme scheme = schemes.computeIfAbsent(level.oid(), oid -> context.partitionScheme(level));
            PartitionScheme.Member member = scheme == null ? null : scheme.route(values);
            if (member == null) {
                throw new SqlException(Severity.ERROR, SqlState.CHECK_VIOLATION,
                        "no partition of relation \"%s\" found for row".formatted(level.name()),
                        scheme == null ? null : "Partition key of the failing row contains %s.".formatted(
                                scheme.describeKey(values, context.formatSettings())), null, 0, null);
            }
            values = PartitionScheme.rowFor(level, member.relation(), values);
            target = member.relation();
        }
        return new Routed(target, values);
    }

    /** The row this routed leaf insert wrote last. */
    private Object[] lastRow;

    /**
     * Whether a new row of this table lies inside its partition bound and those of the
     * partitions above it ({@code ExecPartitionCheck}); true for a table that is no partition.
     */
    private boolean partitionConstraintHolds(Object[] row) {
        if (ancestors == null) {
            ancestors = new ArrayList<>();
            ancestorSchemes = new ArrayList<>();
            RelationInfo child = relation;
            RelationInfo parent;
            while ((parent = context.partitionParent(child)) != null) {
                ancestors.add(child);
                ancestorSchemes.add(context.partitionScheme(parent));
                child = parent;
            }
        }
        Object[] values = row;
        for (int i = 0; i < ancestors.size(); i++) {
            PartitionScheme scheme = ancestorSchemes.get(i);
            RelationInfo child = ancestors.get(i);
            PartitionScheme.Member member = null;
            for (PartitionScheme.Member candidate : scheme.members()) {
                if (candidate.relation().oid() == child.oid()) {
                    member = candidate;
                }
            }
            if (member == null) {
                return true;
            }
            values = PartitionScheme.rowFor(child, scheme.parent(), values);
            if (!scheme.contains(member, values)) {
                return false;
            }
        }
        return true;
    }

    private TableTriggers movedRowTriggers() {
        if (!movedRowTriggersRead) {
            movedRowTriggersRead = true;
            movedRowTriggers = TableTriggers.of(context, relation, Query.CommandType.DELETE);
        }
        return movedRowTriggers;
    }

    private SqlException partitionViolation(Object[] row) {
        return new SqlException(Severity.ERROR, SqlState.CHECK_VIOLATION,
                "new row for relation \"%s\" violates partition constraint".formatted(relation.name()),
                "Failing row contains " + describe(row) + ".", null, 0, null);
    }

    /**
     * COPY FROM's first half of a batched insert ({@code CopyFrom} before
     * {@code CopyMultiInsertInfoStore}): computes the rows of the input (defaults, casts) and
     * checks NOT NULL and CHECK constraints now, so an error names the line that caused it; the
     * rows reach the heap and the indexes at {@link #flushBatch}.
     */
    void bufferRows() {
        input.open();
        try {
            Object[] row;
            while ((row = input.next()) != null) {
                checkNotNull(row);
                checkConstraints(row);
                if (!partitionConstraintHolds(row)) {
                    throw partitionViolation(row);
                }
                byte[] body = relation.encode(row, context.transaction());
                pendingRows.add(row);
                pendingBodies.add(body);
                pendingBytes += body.length;
            }
        } finally {
            input.close();
        }
    }

    int pendingRows() {
        return pendingRows.size();
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /**
     * Writes the buffered rows ({@code CopyMultiInsertBufferFlush}): all to the heap page by
     * page ({@code heap_multi_insert}), then each to every index in input order, unique checks
     * included, then the foreign key checks. {@code onRow} hears the index of the row about to
     * get its index entries, so an error can name its line.
     */
    void flushBatch(java.util.function.IntConsumer onRow) {
        if (pendingRows.isEmpty()) {
            return;
        }
        try {
            Tid[] tids = context.heap().insertBatch(relation.locator(), pendingBodies, context.transaction(),
                    relation.options().fillFactor(), context.frozenInserts());
            for (int i = 0; i < tids.length; i++) {
                Object[] row = pendingRows.get(i);
                onRow.accept(i);
                insertIndexEntries(row, tids[i]);
                context.counters().tuplesInserted++;
                if (foreignKeys != null) {
                    foreignKeys.afterInsert(row);
                }
                processed++;
            }
        } finally {
            pendingRows.clear();
            pendingBodies.clear();
            pendingBytes = 0;
        }
        checkDeferrableUniques();
        if (foreignKeys != null) {
            foreignKeys.fire();
        }
    }

    private void insert(Object[] row) {
        if (relation.kind() == 'v') {
            insteadOf(null, row);
            return;
        }
        if (relation.kind() == 'p') {
            routeInsert(row);
            return;
        }
        if (onConflict != null) {
            insertOnConflict(row);
            return;
        }
        insertRow(row);
    }

    /**
     * INSERT ... ON CONFLICT for one proposed row ({@code ExecInsert} with arbiters and
     * {@code ExecOnConflictUpdate}): no conflict inserts it; DO NOTHING skips it; DO UPDATE
     * updates the existing row if the WHERE holds (else skips it, uncounted). A row this command
     * already wrote cannot be updated again (21000); one a concurrent transaction changed makes
     * READ COMMITTED start over and REPEATABLE READ fail with 40001.
     */
    private void insertOnConflict(Object[] proposed) {
        Object[] row = proposed;
        if (triggers != null) {
            row = triggers.beforeRow(null, row, false);
            if (row == null) {
                return;
            }
        }
        while (true) {
            Tid existing = arbiter.find(row);
            if (existing == null) {
                if (writeRow(row, true)) {
                    lastRow = row;
                    return;
                }
                // a concurrent inserter of an arbiter key won the race: look again
                continue;
            }
            if (!onConflict.doUpdate()) {
                // ExecCheckTIDVisible: REPEATABLE READ may not skip a row its snapshot cannot see
                if (context.transactionSnapshot() && !written.contains(existing)
                        && context.heap().fetch(relation.locator(), existing, context.snapshot()) == null) {
                    throw serializationFailure("update");
                }
                return;
            }
            if (written.contains(existing)) {
                throw secondTime();
            }
            // the live member of the row's HOT chain, then locked as ExecOnConflictUpdate does
            HeapTuple tuple = context.heap().fetch(relation.locator(), existing, context.transaction().takeSnapshot());
            if (tuple == null) {
                continue;
            }
            existing = tuple.tid();
            if (written.contains(existing)) {
                throw secondTime();
            }
            ModifyResult locked = context.heap().lockTuple(relation.locator(), existing, context.transaction(),
                    org.woolly.access.heap.RowLockMode.UPDATE, true);
            switch (locked.status()) {
                case OK, WOULD_BLOCK -> { }
                case SELF_MODIFIED -> throw secondTime();
                case UPDATED, DELETED -> {
                    if (context.transactionSnapshot()) {
                        throw serializationFailure(locked.status() == ModifyResult.Status.UPDATED ? "update"
                                : "delete");
                    }
                    // READ COMMITTED: the row changed since the look; start over from the arbiters
                    continue;
                }
            }
            if (context.transactionSnapshot() && context.heap().fetch(relation.locator(), existing,
                    context.snapshot()) == null) {
                throw serializationFailure("update");
            }
            Object[] current = relation.decode(tuple.body());
            Object[] combined = java.util.Arrays.copyOf(current, current.length + row.length);
            System.arraycopy(row, 0, combined, current.length, row.length);
            if (!conflictWhere.test(combined)) {
                return;
            }
            Object[] values = new Object[conflictRow.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = conflictRow[i].evaluate(combined);
            }
            if (conflictTriggers != null) {
                values = conflictTriggers.beforeRow(current, values, false);
                if (values == null) {
                    return;
                }
            }
            checkNotNull(values);
            checkConstraints(values);
            ModifyResult result = context.heap().update(relation.locator(), existing,
                    relation.encode(values, context.transaction()), context.transaction(), context.snapshot(),
                    indexedColumnsUnchanged(current, values),
                    keyColumnsChanged(current, values));
            switch (result.status()) {
                case OK -> {
                    deleteToastedValues(existing);
                    if (!result.heapOnly()) {
                        insertIndexEntries(values, result.newTid());
                    }
                    written.add(result.newTid());
                    if (foreignKeys != null) {
                        foreignKeys.afterUpdate(current, values);
                    }
                    if (conflictTriggers != null) {
                        conflictTriggers.afterRow(current, values);
                    }
                    processed++;
                    lastRow = values;
                    emit(values);
                    return;
                }
                case SELF_MODIFIED -> throw secondTime();
                case UPDATED, DELETED -> {
                    if (context.transactionSnapshot()) {
                        throw serializationFailure("update");
                    }
                }
            }
        }
    }

    /**
     * Deletes the out-of-line values of the row version at {@code tid}, which this command just
     * updated or deleted ({@code heap_toast_delete}): its chunk rows get the same xmax, so they
     * stay for the snapshots that still see the version and go with it at VACUUM. An update
     * stores the new version's values afresh, so none are shared.
     */
    private void deleteToastedValues(Tid tid) {
        if (relation.toast() == null) {
            return;
        }
        HeapTuple old = context.heap().fetchStored(relation.locator(), tid);
        if (old != null) {
            java.util.List<org.woolly.access.common.Toaster.ExternalPointer> pointers =
                    relation.externalPointers(old.body());
            if (!pointers.isEmpty()) {
                relation.toast().delete(pointers, context.transaction());
            }
        }
    }

    private static SqlException secondTime() {
        return SqlException.of(SqlState.CARDINALITY_VIOLATION,
                        "ON CONFLICT DO UPDATE command cannot affect row a second time")
                .withHint("Ensure that no rows proposed for insertion within the same command have duplicate "
                        + "constrained values.");
    }

    private void insertRow(Object[] proposed) {
        Object[] row = proposed;
        if (triggers != null) {
            row = triggers.beforeRow(null, row, false);
            if (row == null) {
                return;
            }
        }
        writeRow(row);
    }

    /**
     * INSTEAD OF ROW on a view ({@code ExecIRInsertTriggers} and kin): the triggers do the work;
     * a row counts when they return it (for DELETE, the old row), and RETURNING reads that row.
     */
    private void insteadOf(Object[] oldRow, Object[] newRow) {
        if (triggers == null || !triggers.hasInsteadOf()) {
            throw new IllegalStateException("a view without INSTEAD OF triggers reached the executor");
        }
        Object[] result = triggers.beforeRow(oldRow, newRow, true);
        if (result == null) {
            return;
        }
        processed++;
        emit(result);
    }

    private void writeRow(Object[] row) {
        writeRow(row, false);
    }

    /**
     * Inserts the row with its index entries ({@code ExecInsert}). {@code speculative}: as
     * ON CONFLICT's speculative insertion, returning false (nothing inserted) when an arbiter
     * index met a concurrent equal key.
     */
    private boolean writeRow(Object[] row, boolean speculative) {
        checkNotNull(row);
        checkConstraints(row);
        if (!routed && !partitionConstraintHolds(row)) {
            throw partitionViolation(row);
        }
        byte[] body = relation.encode(row, context.transaction());
        Tid tid;
        if (speculative) {
            tid = insertSpeculatively(row, body);
            if (tid == null) {
                return false;
            }
        } else {
            tid = context.heap().insert(relation.locator(), body, context.transaction(),
                    relation.options().fillFactor());
            insertIndexEntries(row, tid);
        }
        context.counters().tuplesInserted++;
        context.counters().table(relation.oid()).tuplesInserted++;
        if (onConflict != null) {
            written.add(tid);
        }
        if (foreignKeys != null) {
            foreignKeys.afterInsert(row);
        }
        if (triggers != null) {
            triggers.afterRow(null, row);
        }
        processed++;
        emit(row);
        return true;
    }

    /**
     * The speculative insertion of {@code ExecInsert}: under a speculative token, the heap tuple
     * marked with it, then the index entries (arbiters without raising); confirmed when no
     * arbiter met an equal key ({@code heap_finish_speculative}), else super-deleted with its
     * out-of-line values ({@code heap_abort_speculative}) and null returned. The token is
     * released either way, waking those who met the tuple.
     */
    private Tid insertSpeculatively(Object[] row, byte[] body) {
        org.woolly.storage.lmgr.LockTag.SpeculativeToken token = arbiter.beginSpeculation();
        Tid tid = context.heap().insertSpeculative(relation.locator(), body, context.transaction(),
                relation.options().fillFactor(), token.token());
        boolean confirmed = insertIndexEntries(row, tid, true);
        if (confirmed) {
            context.heap().finishSpeculative(relation.locator(), tid, context.transaction());
        } else {
            deleteToastedValues(tid);
            context.heap().abortSpeculative(relation.locator(), tid, context.transaction());
        }
        arbiter.endSpeculation(token);
        return confirmed ? tid : null;
    }

    private void modify(Object[] oldRow) {
        if (relation.kind() == 'v') {
            int width = relation.descriptor().size();
            Object[] values = null;
            if (command == Query.CommandType.UPDATE) {
                values = new Object[newRow.length];
                for (int i = 0; i < newRow.length; i++) {
                    values[i] = newRow[i].evaluate(oldRow);
                }
            }
            insteadOf(java.util.Arrays.copyOf(oldRow, width), values);
            return;
        }
        int width = relation.descriptor().size();
        Object[] current = oldRow;
        while (true) {
            Tid tid = (Tid) current[width];
            ModifyResult result;
            Object[] values = null;
            boolean moved = false;
            if (command == Query.CommandType.UPDATE) {
                values = new Object[newRow.length];
                for (int i = 0; i < newRow.length; i++) {
                    values[i] = newRow[i].evaluate(current);
                }
                if (triggers != null) {
                    values = triggers.beforeRow(current, values, false);
                    if (values == null) {
                        return;
                    }
                }
                if (!partitionConstraintHolds(values)) {
                    // ExecCrossPartitionUpdate: through the partitioned table the row moves (deleted
                    // here, inserted where it now belongs); a partition updated directly refuses it
                    if (root == null) {
                        throw partitionViolation(values);
                    }
                    // ExecFindPartition: a root that is itself a partition checks its own bound first
                    Object[] rootRow = PartitionScheme.rowFor(relation, root.relation, values);
                    if (!root.partitionConstraintHolds(rootRow)) {
                        throw root.partitionViolation(rootRow);
                    }
                    moved = true;
                }
            }
            if (moved) {
                // the move is a DELETE here ({@code ExecDelete} with changingPart): its row triggers fire
                if (movedRowTriggers() != null && movedRowTriggers.beforeRow(current, null, false) == null) {
                    return;
                }
                result = context.heap().delete(relation.locator(), tid, context.transaction(), context.snapshot());
            } else if (command == Query.CommandType.UPDATE) {
                checkNotNull(values);
                checkConstraints(values);
                result = context.heap().update(relation.locator(), tid,
                        relation.encode(values, context.transaction()), context.transaction(),
                        context.snapshot(), indexedColumnsUnchanged(current, values),
                    keyColumnsChanged(current, values));
            } else {
                if (triggers != null && triggers.beforeRow(current, null, false) == null) {
                    return;
                }
                result = context.heap().delete(relation.locator(), tid, context.transaction(), context.snapshot());
            }
            switch (result.status()) {
                case OK -> {
                    deleteToastedValues(tid);
                    if (moved) {
                        if (movedRowTriggers != null) {
                            movedRowTriggers.afterRow(current, null);
                        }
                        context.counters().tuplesDeleted++;
                        context.counters().table(relation.oid()).tuplesDeleted++;
                        ModifyTableNode leaf = root.insertIntoPartition(PartitionScheme.rowFor(relation, root.relation,
                                values));
                        processed++;
                        // RETURNING shows the row where it went (its tableoid that of the new partition)
                        ModifyTableNode destination = root.members.stream()
                                .filter(member -> member.relation.oid() == leaf.relation.oid()).findFirst().orElse(null);
                        if (destination != null && returning.length > 0) {
                            destination.emit(leaf.lastRow);
                            returned.add(destination.returned.removeLast());
                        } else {
                            emit(values);
                        }
                        return;
                    }
                    changed(current, values, result);
                    return;
                }
                case SELF_MODIFIED -> {
                    return;
                }
                case DELETED -> {
                    if (context.transactionSnapshot()) {
                        // PostgreSQL names what the other transaction did, whichever command meets it
                        throw serializationFailure("delete");
                    }
                    return;
                }
                case UPDATED -> {
                    if (context.transactionSnapshot()) {
                        throw serializationFailure("update");
                    }
                    HeapTuple latest = context.heap().fetchLatestVersion(relation.locator(), tid, context.transaction());
                    if (latest == null) {
                        return;
                    }
                    Object[] refreshed = ScanNodes.decode(context, relation, latest, true);
                    if (oldRow.length > refreshed.length) {
                        // UPDATE ... FROM: the joined columns stay those of the row the join produced
                        Object[] joined = oldRow.clone();
                        System.arraycopy(refreshed, 0, joined, 0, refreshed.length);
                        refreshed = joined;
                    }
                    current = refreshed;
                    if (!recheck.test(current)) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * After the heap updated or deleted the row version of {@code current} ({@code values} the
     * new row of an UPDATE): index entries, statistics, foreign keys, AFTER ROW triggers, the count.
     */
    private void changed(Object[] current, Object[] values, ModifyResult result) {
        if (command == Query.CommandType.UPDATE) {
            if (!result.heapOnly()) {
                insertIndexEntries(values, result.newTid());
            }
            context.counters().tuplesUpdated++;
            org.woolly.pgstat.TableCounters counts = context.counters().table(relation.oid());
            counts.tuplesUpdated++;
            if (result.heapOnly()) {
                counts.tuplesHotUpdated++;
            }
        } else {
            context.counters().tuplesDeleted++;
            context.counters().table(relation.oid()).tuplesDeleted++;
        }
        if (foreignKeys != null) {
            if (command == Query.CommandType.UPDATE) {
                foreignKeys.afterUpdate(current, values);
            } else {
                foreignKeys.afterDelete(current);
            }
        }
        if (triggers != null) {
            triggers.afterRow(current, values);
        }
        processed++;
        emit(command == Query.CommandType.UPDATE ? values
                : java.util.Arrays.copyOf(current, relation.descriptor().size()));
    }

    static SqlException serializationFailure(String what) {
        return SqlException.of(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent %s", what);
    }

    private void emit(Object[] row) {
        if (returning.length == 0) {
            return;
        }
        Object[] result = new Object[returning.length];
        for (int i = 0; i < returning.length; i++) {
            result[i] = returning[i].evaluate(row);
        }
        returned.add(result);
    }

    private void checkNotNull(Object[] row) {
        TupleDescriptor descriptor = relation.descriptor();
        for (int i = 0; i < descriptor.size(); i++) {
            Attribute attribute = descriptor.get(i);
            if (row[i] == null && attribute.notNull()) {
                throw new SqlException(org.woolly.utils.error.Severity.ERROR, SqlState.NOT_NULL_VIOLATION,
                        "null value in column \"%s\" of relation \"%s\" violates not-null constraint".formatted(
                                attribute.name(), relation.name()), "Failing row contains " + describe(row) + ".",
                        null, 0, null);
            }
        }
    }

    /**
     * The table's CHECK constraints, in name order ({@code ExecRelCheck}): a row fails one whose
     * expression is false (null passes). 23514 with the row in DETAIL.
     */
    private void checkConstraints(Object[] row) {
        if (checks == null) {
            checks = new ArrayList<>();
            List<CompiledExpression> compiled = new ArrayList<>();
            ExpressionCompiler compiler = new ExpressionCompiler(context);
            for (ConstraintInfo constraint : relation.constraints()) {
                if (constraint.type() == ConstraintInfo.CHECK) {
                    checks.add(constraint);
                    compiled.add(compiler.compile(context.checkConstraints().analyze(relation, constraint)));
                }
            }
            checkExpressions = compiled.toArray(CompiledExpression[]::new);
        }
        for (int i = 0; i < checkExpressions.length; i++) {
            if (Boolean.FALSE.equals(checkExpressions[i].evaluate(row))) {
                throw new SqlException(org.woolly.utils.error.Severity.ERROR, SqlState.CHECK_VIOLATION,
                        "new row for relation \"%s\" violates check constraint \"%s\"".formatted(relation.name(),
                                checks.get(i).name()), "Failing row contains " + describe(row) + ".", null, 0, null);
            }
        }
    }

    /**
     * Adds the new row version to every index of the table ({@code ExecInsertIndexTuples}); a
     * unique index checks it against the live rows with an equal key, waiting for running
     * inserters and deleters, and fails with 23505.
     */
    private void insertIndexEntries(Object[] row, Tid tid) {
        insertIndexEntries(row, tid, false);
    }

    /**
     * Adds the row's index entries ({@code ExecInsertIndexTuples}); for a speculative insertion
     * an arbiter index's entry is added only without an equal key in the way
     * ({@code UNIQUE_CHECK_PARTIAL}), and the first that is not stops the work and returns false.
     */
    private boolean insertIndexEntries(Object[] row, Tid tid, boolean speculative) {
        if (relation.indexes().isEmpty()) {
            return true;
        }
        BTreeAccess btree = context.indexAccess();
        IndexTuples tuples = indexTuples();
        for (IndexInfo index : relation.indexes()) {
            // a partial index has entries only for the rows its predicate is true for (ExecInsertIndexTuples)
            if (!tuples.covers(index, row)) {
                continue;
            }
            Object[] values = tuples.values(index, row);
            if (index.unique() && !index.immediate()) {
                // a DEFERRABLE key: the entry goes in now, its uniqueness is checked after the
                // statement or at commit (UNIQUE_CHECK_PARTIAL, then unique_key_recheck)
                IndexShape shape = index.shape();
                btree.insert(new IndexShape(shape.locator(), shape.name(), shape.columnTypeOids(), shape.keyColumns(),
                        shape.descending(), shape.nullsFirst(), false, shape.nullsNotDistinct()), values, tid, null,
                        context.transaction());
                uniqueRechecks.add(new UniqueRecheck(index, values, tid));
                continue;
            }
            if (speculative && arbiter.isArbiter(index)) {
                if (!btree.insertSpeculative(index.shape(), values, tid, new UniqueProbe(context, relation, index),
                        context.transaction())) {
                    return false;
                }
                continue;
            }
            btree.insert(index.shape(), values, tid, new UniqueProbe(context, relation, index), context.transaction());
        }
        return true;
    }

    private record UniqueRecheck(IndexInfo index, Object[] values, Tid tid) {}

    private final List<UniqueRecheck> uniqueRechecks = new ArrayList<>();

    /**
     * At the end of the statement, the new entries of DEFERRABLE unique indexes: checked now while
     * their constraint is IMMEDIATE (so {@code UPDATE t SET id = id + 1} passes), else queued for
     * SET CONSTRAINTS ... IMMEDIATE or commit.
     */
    private void checkDeferrableUniques() {
        if (uniqueRechecks.isEmpty()) {
            return;
        }
        context.transaction().incrementCommandId();
        List<UniqueRecheck> queued = List.copyOf(uniqueRechecks);
        uniqueRechecks.clear();
        for (UniqueRecheck recheck : queued) {
            ConstraintInfo constraint = relation.constraints().stream()
                    .filter(candidate -> candidate.indexOid() == recheck.index().oid()).findFirst().orElse(null);
            int relationOid = relation.oid();
            if (constraint != null && context.deferred(constraint)) {
                context.deferredConstraints().defer(constraint,
                        later -> recheckUnique(later, later.openRelation(relationOid), recheck));
            } else {
                recheckUnique(context, relation, recheck);
            }
        }
    }

    /** {@code unique_key_recheck}: a row still live must be the only live one with its key. */
    private static void recheckUnique(ExecutorContext context, RelationInfo table, UniqueRecheck recheck) {
        if (context.heap().dirtyState(table.locator(), recheck.tid(), context.transaction()).status()
                != org.woolly.access.heap.DirtyState.Status.LIVE) {
            return;
        }
        context.indexAccess().checkUniqueExisting(recheck.index().shape(), recheck.values(), recheck.tid(),
                new UniqueProbe(context, table, recheck.index()), context.transaction());
    }

    private IndexTuples indexTuples() {
        if (indexTuples == null) {
            indexTuples = new IndexTuples(context, relation);
        }
        return indexTuples;
    }

    /**
     * Whether every index of the table has the same entry values for both rows, so the update
     * may be heap-only ({@code HeapDetermineColumnsInfo} / {@code HOT} in {@code heap_update}):
     * values are compared as Java values, so an equal value in another representation counts as
     * changed, which only costs a HOT update.
     */
    private boolean indexedColumnsUnchanged(Object[] oldRow, Object[] newRow) {
        IndexTuples tuples = indexTuples();
        for (IndexInfo index : relation.indexes()) {
            // columns of an index's expressions and predicate count as indexed columns (RelationGetIndexAttrBitmap)
            if (!java.util.Arrays.deepEquals(tuples.values(index, oldRow), tuples.values(index, newRow))
                    || tuples.covers(index, oldRow) != tuples.covers(index, newRow)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the update changes a key column: a key column of a unique, immediate, non-partial
     * index, the only kind a foreign key can reference ({@code INDEX_ATTR_BITMAP_KEY} of
     * {@code RelationGetIndexAttrBitmap}). Without one, the heap holds the row in FOR NO KEY
     * UPDATE strength, which foreign-key checks' FOR KEY SHARE does not conflict with.
     */
    private boolean keyColumnsChanged(Object[] oldRow, Object[] newRow) {
        IndexTuples tuples = indexTuples();
        for (IndexInfo index : relation.indexes()) {
            if (!index.unique() || !index.immediate() || index.partial()) {
                continue;
            }
            Object[] before = tuples.values(index, oldRow);
            Object[] after = tuples.values(index, newRow);
            for (int i = 0; i < index.keyColumnCount(); i++) {
                if (!java.util.Objects.deepEquals(before[i], after[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The row as PostgreSQL's error detail shows it: {@code (1, null, abc)}. */
    private String describe(Object[] row) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < relation.descriptor().size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object value = row[i];
            PgType type = context.types().type(relation.descriptor().get(i).typeOid());
            text.append(value == null ? "null" : type == null ? value.toString()
                    : type.io().output(value, context.formatSettings()));
        }
        return text.append(')').toString();
    }

    @Override
    public Object[] next() {
        return output != null && output.hasNext() ? output.next() : null;
    }

    @Override
    public void close() {
        if (input != null) {
            input.close();
        }
        output = null;
    }
}
