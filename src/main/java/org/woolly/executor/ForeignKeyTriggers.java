package org.woolly.executor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.nbtree.IndexScan;
import org.woolly.access.nbtree.ScanKey;
import org.woolly.access.transam.Snapshot;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.ConstraintInfo;
import org.woolly.catalog.ForeignKeyReference;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.RelationLocks;
import org.woolly.nodes.query.Query;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The referential integrity checks and actions of one table for one statement
 * ({@code ri_triggers.c}): PostgreSQL runs them as AFTER ROW triggers queued during the statement
 * and fired at its end, and so does this class. The table's own foreign keys check each inserted
 * row, and each updated row whose key changed, against the referenced table
 * ({@code RI_FKey_check}); the foreign keys of other tables that reference this one act on each
 * deleted row and each updated row whose referenced key changed ({@code RI_FKey_noaction_del},
 * {@code RI_FKey_restrict_del}, {@code RI_FKey_cascade_del}, {@code RI_FKey_setnull_del}, ... and
 * their {@code _upd} twins). Cascaded changes run through a {@link ModifyTableNode} of the
 * referencing table, so its indexes, constraints and own foreign keys are kept as for a user's
 * statement.
 *
 * <p>Concurrency: PostgreSQL's check takes {@code SELECT ... FOR KEY SHARE} on the referenced row
 * and a DELETE (or key UPDATE) of that row takes its {@code FOR UPDATE} lock, so the two wait for
 * each other and whichever comes second sees the first's committed outcome. Woolly has no row
 * locks yet, so the same rule is kept with a heavyweight lock on the key value
 * ({@code LockTag.Key}, held to transaction end): SHARE by the checking side, EXCLUSIVE by the
 * deleting side, each taken before it looks at the other table with a fresh snapshot (READ
 * COMMITTED's latest snapshot, {@code ri_PerformCheck}). Under REPEATABLE READ a row that only the
 * latest snapshot shows makes the check fail with 40001, as PostgreSQL's crosscheck snapshot does.
 */
public final class ForeignKeyTriggers {
    private final ExecutorContext context;
    private final RelationInfo relation;
    private final List<ConstraintInfo> outgoing = new ArrayList<>();
    private final List<ForeignKeyReference> incoming;
    private final List<PendingCheck> checks = new ArrayList<>();
    private final List<PendingAction> actions = new ArrayList<>();

    private record PendingCheck(ConstraintInfo constraint, Object[] row) {}

    private record PendingAction(ForeignKeyReference reference, Object[] oldRow, Object[] newRow) {}

    private ForeignKeyTriggers(ExecutorContext context, RelationInfo relation, List<ForeignKeyReference> incoming) {
        this.context = context;
        this.relation = relation;
        this.incoming = incoming;
        for (ConstraintInfo constraint : relation.constraints()) {
            if (constraint.type() == ConstraintInfo.FOREIGN_KEY) {
                outgoing.add(constraint);
            }
        }
    }

    /** The triggers of {@code relation}, or null when it neither has nor is referenced by a foreign key. */
    static ForeignKeyTriggers of(ExecutorContext context, RelationInfo relation) {
        List<ForeignKeyReference> incoming = context.referencingForeignKeys(relation);
        boolean hasOwn = relation.constraints().stream().anyMatch(c -> c.type() == ConstraintInfo.FOREIGN_KEY);
        return hasOwn || !incoming.isEmpty() ? new ForeignKeyTriggers(context, relation, incoming) : null;
    }

    void afterInsert(Object[] row) {
        for (ConstraintInfo constraint : outgoing) {
            checks.add(new PendingCheck(constraint, row));
        }
    }

    void afterUpdate(Object[] oldRow, Object[] newRow) {
        for (ConstraintInfo constraint : outgoing) {
            // RI_FKey_fk_upd_check_required: an unchanged key needs no new check
            if (!sameKey(relation, constraint.columns(), oldRow, newRow)) {
                checks.add(new PendingCheck(constraint, newRow));
            }
        }
        for (ForeignKeyReference reference : incoming) {
            if (!sameKey(relation, reference.constraint().referencedColumns(), oldRow, newRow)) {
                actions.add(new PendingAction(reference, oldRow, newRow));
            }
        }
    }

    void afterDelete(Object[] oldRow) {
        for (ForeignKeyReference reference : incoming) {
            actions.add(new PendingAction(reference, oldRow, null));
        }
    }

    /** Runs what the statement queued (the end of the statement: {@code AfterTriggerEndQuery}). */
    void fire() {
        if (checks.isEmpty() && actions.isEmpty()) {
            return;
        }
        // the triggers see the statement's own changes (CommandCounterIncrement before after-triggers)
        context.transaction().incrementCommandId();
        List<PendingAction> queuedActions = List.copyOf(actions);
        actions.clear();
        int relationOid = relation.oid();
        for (PendingAction action : queuedActions) {
            ConstraintInfo constraint = action.reference().constraint();
            char kind = action.newRow() != null ? constraint.updateAction() : constraint.deleteAction();
            // only NO ACTION waits for a deferred constraint; RESTRICT and the actions run now
            if (kind == ConstraintInfo.NO_ACTION && context.deferred(constraint)) {
                context.deferredConstraints().defer(constraint,
                        later -> new ForeignKeyTriggers(later, later.openRelation(relationOid),
                                later.referencingForeignKeys(later.openRelation(relationOid))).act(action));
            } else {
                act(action);
            }
        }
        List<PendingCheck> queuedChecks = List.copyOf(checks);
        checks.clear();
        for (PendingCheck check : queuedChecks) {
            if (context.deferred(check.constraint())) {
                context.deferredConstraints().defer(check.constraint(),
                        later -> checkDeferredRow(later, later.openRelation(relationOid), check));
                continue;
            }
            RelationInfo referenced = open(context, check.constraint().referencedOid(), LockMode.ROW_SHARE);
            checkReferencingRow(context, relation, check.constraint(), referenced, check.row());
        }
    }

    /**
     * A deferred check of a row inserted or updated earlier in the transaction: skipped when no
     * row with its key is left in the table (it was deleted, updated or rolled back since), as
     * PostgreSQL skips a row version that is no longer live.
     */
    private static void checkDeferredRow(ExecutorContext context, RelationInfo table, PendingCheck check) {
        Object[] key = keyOf(table, check.constraint().columns(), check.row());
        if (findRows(context, table, check.constraint().columns(), key, context.transaction().takeSnapshot(), true)
                .isEmpty()) {
            return;
        }
        RelationInfo referenced = open(context, check.constraint().referencedOid(), LockMode.ROW_SHARE);
        checkReferencingRow(context, table, check.constraint(), referenced, check.row());
    }

    // ---- the referencing side ----

    /**
     * Checks one row of {@code table} against its foreign key: 23503 if its key is not in the
     * referenced table. A key with a null passes under MATCH SIMPLE; under MATCH FULL only an
     * all-null key passes. Also used by ALTER TABLE ADD FOREIGN KEY for the rows already there.
     */
    public static void checkReferencingRow(ExecutorContext context, RelationInfo table, ConstraintInfo constraint,
                                    RelationInfo referenced, Object[] row) {
        Object[] key = referencingKey(table, constraint, row);
        if (key == null) {
            return;
        }
        Object[] converted = convert(key, types(table, constraint.columns()),
                types(referenced, constraint.referencedColumns()));
        RelationLocks.lockKey(context.transaction(), referenced, keyHash(constraint.referencedColumns(), converted),
                LockMode.SHARE);
        Snapshot latest = context.transaction().takeSnapshot();
        boolean found = !findRows(context, referenced, constraint.referencedColumns(), converted, latest, true)
                .isEmpty();
        if (found && context.transactionSnapshot()
                && findRows(context, referenced, constraint.referencedColumns(), converted, transactionSnapshot(context),
                true).isEmpty()) {
            found = false;
        }
        if (!found) {
            throw new SqlException(Severity.ERROR, SqlState.FOREIGN_KEY_VIOLATION,
                    "insert or update on table \"%s\" violates foreign key constraint \"%s\"".formatted(table.name(),
                            constraint.name()),
                    "Key %s is not present in table \"%s\".".formatted(describeKey(context, table,
                            constraint.columns(), key), referenced.name()), null, 0, null);
        }
    }

    /** The key of a referencing row, or null when nulls in it exempt it from the check. */
    private static Object[] referencingKey(RelationInfo table, ConstraintInfo constraint, Object[] row) {
        Object[] key = keyOf(table, constraint.columns(), row);
        int nulls = 0;
        for (Object value : key) {
            if (value == null) {
                nulls++;
            }
        }
        if (nulls == 0) {
            return key;
        }
        if (constraint.matchType() == ConstraintInfo.MATCH_FULL && nulls < key.length) {
            throw new SqlException(Severity.ERROR, SqlState.FOREIGN_KEY_VIOLATION,
                    "insert or update on table \"%s\" violates foreign key constraint \"%s\"".formatted(table.name(),
                            constraint.name()),
                    "MATCH FULL does not allow mixing of null and nonnull key values.", null, 0, null);
        }
        return null;
    }

    // ---- the referenced side ----

    private void act(PendingAction action) {
        ConstraintInfo constraint = action.reference().constraint();
        RelationInfo referencing = open(context, action.reference().table().oid(), LockMode.ROW_EXCLUSIVE);
        Object[] oldKey = keyOf(relation, constraint.referencedColumns(), action.oldRow());
        for (Object value : oldKey) {
            if (value == null) {
                return; // no row can reference a key with a null (ri_NullCheck)
            }
        }
        RelationLocks.lockKey(context.transaction(), relation, keyHash(constraint.referencedColumns(), oldKey),
                LockMode.EXCLUSIVE);
        boolean update = action.newRow() != null;
        char kind = update ? constraint.updateAction() : constraint.deleteAction();
        Snapshot latest = context.transaction().takeSnapshot();
        if (kind == ConstraintInfo.NO_ACTION
                && !findRows(context, relation, constraint.referencedColumns(), oldKey, latest, true).isEmpty()) {
            return; // another row now has the key (ri_Check_Pk_Match)
        }
        Object[] childKey = convert(oldKey, types(relation, constraint.referencedColumns()),
                types(referencing, constraint.columns()));
        List<Object[]> rows = findRows(context, referencing, constraint.columns(), childKey, latest, false);
        if (rows.isEmpty()) {
            return;
        }
        if (context.transactionSnapshot()) {
            Snapshot own = transactionSnapshot(context);
            for (Object[] row : rows) {
                if (context.heap().fetch(referencing.locator(), (Tid) row[row.length - 1], own) == null) {
                    throw SqlException.of(SqlState.SERIALIZATION_FAILURE,
                            "could not serialize access due to concurrent update");
                }
            }
        }
        switch (kind) {
            case ConstraintInfo.NO_ACTION, ConstraintInfo.RESTRICT ->
                    throw stillReferenced(relation, referencing, constraint, oldKey);
            case ConstraintInfo.CASCADE -> {
                if (update) {
                    Object[] newKey = convert(keyOf(relation, constraint.referencedColumns(), action.newRow()),
                            types(relation, constraint.referencedColumns()), types(referencing, constraint.columns()));
                    cascade(referencing, constraint, childKey, rows, newKey, "$%d");
                } else {
                    cascade(referencing, constraint, childKey, rows, null, null);
                }
            }
            case ConstraintInfo.SET_NULL -> cascade(referencing, constraint, childKey, rows,
                    new Object[constraint.columns().size()], "NULL");
            case ConstraintInfo.SET_DEFAULT -> {
                Object[] defaults = defaults(referencing, constraint);
                cascade(referencing, constraint, childKey, rows, defaults, "DEFAULT");
                // rows set to a default equal to the deleted key still reference it (ri_set, PostgreSQL 15)
                boolean same = true;
                for (int i = 0; i < defaults.length; i++) {
                    same &= equalValues(defaults[i], childKey[i]);
                }
                if (same) {
                    throw stillReferenced(relation, referencing, constraint, oldKey);
                }
            }
            default -> throw new IllegalStateException("unknown foreign key action " + kind);
        }
    }

    private SqlException stillReferenced(RelationInfo referenced, RelationInfo referencing, ConstraintInfo constraint,
                                         Object[] key) {
        return new SqlException(Severity.ERROR, SqlState.FOREIGN_KEY_VIOLATION,
                "update or delete on table \"%s\" violates foreign key constraint \"%s\" on table \"%s\"".formatted(
                        referenced.name(), constraint.name(), referencing.name()),
                "Key %s is still referenced from table \"%s\".".formatted(describeKey(context, referenced,
                        constraint.referencedColumns(), key), referencing.name()), null, 0, null);
    }

    /** The columns' DEFAULT values (null where there is none), for SET DEFAULT. */
    private Object[] defaults(RelationInfo referencing, ConstraintInfo constraint) {
        ExpressionCompiler compiler = new ExpressionCompiler(context);
        Object[] values = new Object[constraint.columns().size()];
        for (int i = 0; i < values.length; i++) {
            AttributeInfo column = referencing.attributeByNumber(constraint.columns().get(i));
            values[i] = compiler.compile(context.columnDefaults().analyze(referencing, column)).evaluate(null);
        }
        return values;
    }

    /**
     * Deletes the referencing rows ({@code newKey} null) or sets their key columns to
     * {@code newKey}, through a ModifyTableNode of the referencing table. A row changed meanwhile
     * by a committed transaction is followed to its newest version and changed if it still has
     * the old key, as the SQL PostgreSQL's cascade triggers run would.
     */
    private void cascade(RelationInfo referencing, ConstraintInfo constraint, Object[] oldKey, List<Object[]> rows,
                         Object[] newKey, String newValueText) {
        int width = referencing.descriptor().size();
        int[] positions = positions(referencing, constraint.columns());
        ExpressionCompiler.CompiledPredicate stillReferences = row -> {
            for (int i = 0; i < positions.length; i++) {
                if (!equalValues(row[positions[i]], oldKey[i])) {
                    return false;
                }
            }
            return true;
        };
        CompiledExpression[] newRow;
        Query.CommandType command;
        if (newKey == null) {
            command = Query.CommandType.DELETE;
            newRow = new CompiledExpression[0];
        } else {
            command = Query.CommandType.UPDATE;
            newRow = new CompiledExpression[width];
            for (int i = 0; i < width; i++) {
                int column = i;
                newRow[i] = row -> row[column];
            }
            for (int i = 0; i < positions.length; i++) {
                Object value = newKey[i];
                newRow[positions[i]] = row -> value;
            }
        }
        ExecNode input = new ExecNode() {
            private int next;

            @Override
            public void open() {
                next = 0;
            }

            @Override
            public Object[] next() {
                return next < rows.size() ? rows.get(next++) : null;
            }

            @Override
            public void close() {
            }
        };
        ModifyTableNode node = new ModifyTableNode(context, command, referencing, input, newRow, stillReferences,
                new CompiledExpression[0]);
        try {
            node.open();
        } catch (SqlException error) {
            throw error.context() != null ? error
                    : error.withContext("SQL statement \"%s\"".formatted(statementText(referencing, constraint,
                    newValueText)));
        } finally {
            node.close();
        }
    }

    /**
     * The statement PostgreSQL's trigger would run for this action, as its errors' CONTEXT shows
     * it: {@code DELETE FROM ONLY "s"."c" WHERE $1 OPERATOR(pg_catalog.=) "p"} or
     * {@code UPDATE ONLY "s"."c" SET "p" = NULL WHERE ...}; {@code newValueText} is null for a
     * delete, {@code $%d} for new key values, else the SQL written in SET.
     */
    private static String statementText(RelationInfo referencing, ConstraintInfo constraint, String newValueText) {
        String table = "\"%s\".\"%s\"".formatted(referencing.namespaceName(), referencing.name());
        StringBuilder text = new StringBuilder();
        int parameter = 1;
        if (newValueText == null) {
            text.append("DELETE FROM ONLY ").append(table);
        } else {
            text.append("UPDATE ONLY ").append(table).append(" SET");
            for (int i = 0; i < constraint.columns().size(); i++) {
                String value = newValueText.equals("$%d") ? "$" + parameter++ : newValueText;
                text.append(i == 0 ? " " : ", ").append('"')
                        .append(referencing.attributeByNumber(constraint.columns().get(i)).name()).append("\" = ")
                        .append(value);
            }
        }
        text.append(" WHERE");
        for (int i = 0; i < constraint.columns().size(); i++) {
            text.append(i == 0 ? " $" : " AND $").append(parameter++).append(" OPERATOR(pg_catalog.=) \"")
                    .append(referencing.attributeByNumber(constraint.columns().get(i)).name()).append('"');
        }
        return text.toString();
    }

    // ---- lookups ----

    /** Opens the other table of a foreign key, locked as the query PostgreSQL's trigger runs would lock it. */
    private static RelationInfo open(ExecutorContext context, int relationOid, LockMode mode) {
        RelationLocks.lock(context.transaction(), context.openRelation(relationOid), mode);
        return context.openRelation(relationOid);
    }

    /**
     * The rows of {@code table} whose {@code columns} equal {@code key} under {@code snapshot},
     * each with its TID appended. Uses a B-tree index whose leading key columns are exactly
     * {@code columns} when there is one (the referenced side always has its unique index), else
     * scans the table. {@code firstOnly} stops at the first row.
     */
    static List<Object[]> findRows(ExecutorContext context, RelationInfo table, List<Short> columns, Object[] key,
                                   Snapshot snapshot, boolean firstOnly) {
        List<Object[]> found = new ArrayList<>();
        int[] positions = positions(table, columns);
        IndexInfo index = indexFor(table, columns);
        if (index != null) {
            List<ScanKey> keys = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                int column = index.columns().indexOf(columns.get(i));
                keys.add(new ScanKey(column, ScanKey.Strategy.EQUAL, key[i]));
            }
            try (IndexScan scan = context.indexAccess().beginScan(index.shape(), keys, false)) {
                Tid tid;
                while ((tid = scan.next()) != null) {
                    HeapTuple tuple = context.heap().fetch(table.locator(), tid, snapshot);
                    if (tuple != null && matches(table, tuple, positions, key, found) && firstOnly) {
                        return found;
                    }
                }
            }
            return found;
        }
        HeapScan scan = context.heap().beginScan(table.locator(), snapshot);
        try {
            HeapTuple tuple;
            int count = 0;
            while ((tuple = scan.next()) != null) {
                if (++count % ScanNodes.INTERRUPT_INTERVAL == 0) {
                    context.checkForInterrupts();
                }
                if (matches(table, tuple, positions, key, found) && firstOnly) {
                    return found;
                }
            }
        } finally {
            scan.close();
        }
        return found;
    }

    private static boolean matches(RelationInfo table, HeapTuple tuple, int[] positions, Object[] key,
                                   List<Object[]> found) {
        Object[] values = table.decode(tuple.body());
        for (int i = 0; i < positions.length; i++) {
            if (!equalValues(values[positions[i]], key[i])) {
                return false;
            }
        }
        Object[] row = Arrays.copyOf(values, values.length + 1);
        row[values.length] = tuple.tid();
        found.add(row);
        return true;
    }

    /** A valid B-tree index of {@code table} whose first key columns are {@code columns} in some order. */
    private static IndexInfo indexFor(RelationInfo table, List<Short> columns) {
        for (IndexInfo index : table.indexes()) {
            if (!index.valid() || index.expressions() != null || index.predicate() != null
                    || index.keyColumnCount() < columns.size()) {
                continue;
            }
            List<Short> leading = index.columns().subList(0, columns.size());
            if (leading.containsAll(columns) && columns.containsAll(leading)) {
                return index;
            }
        }
        return null;
    }

    // ---- keys and values ----

    private static Object[] keyOf(RelationInfo table, List<Short> columns, Object[] row) {
        Object[] key = new Object[columns.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[table.position(columns.get(i))];
        }
        return key;
    }

    private static int[] positions(RelationInfo table, List<Short> columns) {
        int[] positions = new int[columns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = table.position(columns.get(i));
        }
        return positions;
    }

    private static boolean sameKey(RelationInfo table, List<Short> columns, Object[] oldRow, Object[] newRow) {
        for (short column : columns) {
            int position = table.position(column);
            Object before = oldRow[position];
            Object after = newRow[position];
            if (before == null ? after != null : after == null || !equalValues(before, after)) {
                return false;
            }
        }
        return true;
    }

    private static int[] types(RelationInfo table, List<Short> columns) {
        int[] types = new int[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = table.attributeByNumber(columns.get(i)).typeOid();
        }
        return types;
    }

    /**
     * The key's values in the other table's column types: the integer types and numeric convert
     * as the cross-type equality operators compare them; strings stay strings.
     */
    static Object[] convert(Object[] key, int[] from, int[] to) {
        Object[] converted = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            converted[i] = convertValue(key[i], from[i], to[i]);
        }
        return converted;
    }

    private static Object convertValue(Object value, int from, int to) {
        if (value == null || from == to) {
            return value;
        }
        if (value instanceof Number number) {
            return switch (to) {
                case TypeOids.INT2 -> number.shortValue();
                case TypeOids.INT4 -> number.intValue();
                case TypeOids.INT8 -> number.longValue();
                case TypeOids.NUMERIC -> number instanceof BigDecimal decimal ? decimal
                        : BigDecimal.valueOf(number.longValue());
                default -> value;
            };
        }
        return value;
    }

    /** Equality of two stored values of compatible types (numeric ignores scale, integers their width). */
    static boolean equalValues(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (isIntegral(a) && isIntegral(b)) {
            return ((Number) a).longValue() == ((Number) b).longValue();
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a.equals(b);
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Short || value instanceof Integer || value instanceof Long;
    }

    /** The hash naming a referenced key in its lock; equal keys of compatible types hash alike. */
    static long keyHash(List<Short> columns, Object[] key) {
        long hash = columns.hashCode();
        for (Object value : key) {
            int part;
            if (isIntegral(value)) {
                part = Long.hashCode(((Number) value).longValue());
            } else if (value instanceof BigDecimal decimal) {
                part = decimal.signum() == 0 ? 0 : decimal.stripTrailingZeros().hashCode();
            } else if (value instanceof byte[] bytes) {
                part = Arrays.hashCode(bytes);
            } else {
                part = value == null ? 0 : value.hashCode();
            }
            hash = hash * 1_000_003L + part;
        }
        return hash;
    }

    /** The transaction's snapshot, seeing this transaction's own changes up to now (REPEATABLE READ). */
    private static Snapshot transactionSnapshot(ExecutorContext context) {
        Snapshot snapshot = context.snapshot();
        return new Snapshot(snapshot.xmin(), snapshot.xmax(), snapshot.inProgress(), snapshot.currentXid(),
                context.transaction().commandId());
    }

    /** {@code (a, b)=(1, x)} as PostgreSQL's RI errors show a key. */
    private static String describeKey(ExecutorContext context, RelationInfo table, List<Short> columns,
                                      Object[] key) {
        StringBuilder names = new StringBuilder("(");
        StringBuilder values = new StringBuilder("(");
        for (int i = 0; i < columns.size(); i++) {
            AttributeInfo column = table.attributeByNumber(columns.get(i));
            if (i > 0) {
                names.append(", ");
                values.append(", ");
            }
            names.append(column.name());
            PgType type = context.types().type(column.typeOid());
            Object value = key[i];
            values.append(value == null ? "null" : type == null ? value.toString()
                    : type.io().output(value, context.formatSettings()));
        }
        return names.append(")=").append(values).append(')').toString();
    }
}
