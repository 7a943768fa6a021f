package org.woolly.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.catalog.FunctionInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.TriggerInfo;
import org.woolly.nodes.query.ProceduralCalls;
import org.woolly.nodes.query.Query;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The user triggers of one table for one statement ({@code trigger.c}: {@code ExecBSInsertTriggers},
 * {@code ExecBRInsertTriggers}, {@code ExecARInsertTriggers}, ... and the after-trigger queue of
 * {@code AfterTriggerSaveEvent} / {@code AfterTriggerEndQuery}). BEFORE ROW triggers run as each
 * row is about to be written and may change it or skip it (NULL); INSTEAD OF ROW triggers replace
 * the write on a view; AFTER ROW events are queued with their rows and fire at the end of the
 * statement, event by event, each event's triggers in name order; statement triggers fire once,
 * also for no rows. A WHEN condition is tested when the event happens. Only triggers enabled
 * for origin sessions ('O' or 'A') fire.
 */
final class TableTriggers {
    /** PostgreSQL's max_stack_depth stops runaway recursion at 2MB; Woolly bounds the nesting instead. */
    private static final int MAX_NESTING = 200;
    private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[1]);

    private final ExecutorContext context;
    private final RelationInfo relation;
    private final Query.CommandType command;
    private final List<TriggerInfo> triggers;
    private final List<String> columnNames = new ArrayList<>();
    private final int[] columnTypes;
    private final List<PendingEvent> pending = new ArrayList<>();
    /** The columns an UPDATE assigns (UPDATE OF fires only when it assigns one of its columns); null: all. */
    private BitSet updatedColumns;

    private record PendingEvent(TriggerInfo trigger, Object[] oldRow, Object[] newRow) {}

    private TableTriggers(ExecutorContext context, RelationInfo relation, Query.CommandType command,
                          List<TriggerInfo> triggers) {
        this.context = context;
        this.relation = relation;
        this.command = command;
        this.triggers = triggers;
        TupleDescriptor descriptor = relation.descriptor();
        columnTypes = new int[descriptor.size()];
        for (int i = 0; i < descriptor.size(); i++) {
            columnNames.add(descriptor.get(i).name());
            columnTypes[i] = descriptor.get(i).typeOid();
        }
    }

    /** The enabled triggers of the table for the command, or null when there are none. */
    static TableTriggers of(ExecutorContext context, RelationInfo relation, Query.CommandType command) {
        if (context.catalog() == null || command == Query.CommandType.SELECT) {
            return null;
        }
        int event = eventBit(command);
        List<TriggerInfo> enabled = context.catalog().triggers(context.transaction(), relation.oid()).stream()
                .filter(trigger -> trigger.firesInOrigin() && trigger.firesOn(event)).toList();
        return enabled.isEmpty() ? null : new TableTriggers(context, relation, command, enabled);
    }

    private static int eventBit(Query.CommandType command) {
        return switch (command) {
            case INSERT -> TriggerInfo.INSERT;
            case UPDATE -> TriggerInfo.UPDATE;
            case DELETE -> TriggerInfo.DELETE;
            case SELECT, MERGE -> 0;
        };
    }

    void updatedColumns(BitSet columns) {
        this.updatedColumns = columns;
    }

    boolean hasInsteadOf() {
        return triggers.stream().anyMatch(trigger -> trigger.instead() && trigger.forEachRow());
    }

    boolean hasBeforeRow() {
        return triggers.stream().anyMatch(trigger -> trigger.before() && trigger.forEachRow());
    }

    /** BEFORE STATEMENT ({@code ExecBSInsertTriggers} and its kin). */
    void beforeStatement() {
        for (TriggerInfo trigger : triggers) {
            if (trigger.before() && !trigger.forEachRow() && qualifies(trigger, null, null)) {
                fire(trigger, null, null);
            }
        }
    }

    /**
     * BEFORE ROW (or INSTEAD OF ROW when {@code instead}): the row to write, as the triggers left
     * it, or null when one returned NULL and the row is skipped. {@code oldRow} is null for
     * INSERT, {@code newRow} null for DELETE (then the answer is the old row, or null).
     */
    Object[] beforeRow(Object[] oldRow, Object[] newRow, boolean instead) {
        Object[] current = newRow;
        Object[] old = oldRow == null ? null : Arrays.copyOf(oldRow, columnTypes.length);
        for (TriggerInfo trigger : triggers) {
            if (!trigger.forEachRow() || (instead ? !trigger.instead() : !trigger.before())
                    || !qualifies(trigger, old, current)) {
                continue;
            }
            Object[] result = fire(trigger, old, current);
            if (result == null) {
                return null;
            }
            if (command != Query.CommandType.DELETE) {
                current = conform(result);
            }
        }
        return command == Query.CommandType.DELETE ? old : current;
    }

    /** AFTER ROW: queued with its rows, fired at {@link #afterStatement}. */
    void afterRow(Object[] oldRow, Object[] newRow) {
        Object[] old = oldRow == null ? null : Arrays.copyOf(oldRow, columnTypes.length);
        Object[] row = newRow == null ? null : Arrays.copyOf(newRow, columnTypes.length);
        for (TriggerInfo trigger : triggers) {
            if (trigger.after() && trigger.forEachRow() && qualifies(trigger, old, row)) {
                pending.add(new PendingEvent(trigger, old, row));
            }
        }
    }

    /**
     * The queued AFTER ROW events in order, then, with {@code statementLevel}, AFTER STATEMENT
     * ({@code AfterTriggerEndQuery}); a partition's rows fire without its statement triggers.
     */
    void afterStatement(boolean statementLevel) {
        context.transaction().incrementCommandId();
        for (int i = 0; i < pending.size(); i++) {
            PendingEvent event = pending.get(i);
            fire(event.trigger(), event.oldRow(), event.newRow());
        }
        pending.clear();
        if (!statementLevel) {
            return;
        }
        for (TriggerInfo trigger : triggers) {
            if (trigger.after() && !trigger.forEachRow() && qualifies(trigger, null, null)) {
                fire(trigger, null, null);
            }
        }
    }

    /** UPDATE OF and WHEN ({@code TriggerEnabled}). */
    private boolean qualifies(TriggerInfo trigger, Object[] oldRow, Object[] newRow) {
        if (command == Query.CommandType.UPDATE && trigger.columns().length > 0 && updatedColumns != null) {
            boolean assigned = false;
            for (int column : trigger.columns()) {
                int position = relation.position(column);
                assigned |= position >= 0 && updatedColumns.get(position);
            }
            if (!assigned) {
                return false;
            }
        }
        if (trigger.when() == null) {
            return true;
        }
        return ProceduralCalls.current().triggerCondition(trigger.when(), call(trigger, oldRow, newRow));
    }

    private ProceduralCalls.TriggerCall call(TriggerInfo trigger, Object[] oldRow, Object[] newRow) {
        String when = trigger.before() ? "BEFORE" : trigger.instead() ? "INSTEAD OF" : "AFTER";
        return new ProceduralCalls.TriggerCall(trigger.name(), when, trigger.forEachRow() ? "ROW" : "STATEMENT",
                command.name(), relation.oid(), relation.name(), relation.namespaceName(), trigger.arguments(),
                columnNames, columnTypes, command == Query.CommandType.DELETE ? null : newRow,
                command == Query.CommandType.INSERT ? null : oldRow);
    }

    private Object[] fire(TriggerInfo trigger, Object[] oldRow, Object[] newRow) {
        FunctionInfo function = context.catalog().functionByOid(context.transaction(), trigger.functionOid())
                .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_FUNCTION, "cache lookup failed for function %d",
                        trigger.functionOid()));
        int[] depth = NESTING.get();
        if (depth[0] >= MAX_NESTING) {
            throw stackDepth();
        }
        depth[0]++;
        try {
            return ProceduralCalls.current().fireTrigger(function, call(trigger, oldRow, newRow));
        } catch (StackOverflowError overflow) {
            throw stackDepth();
        } finally {
            depth[0]--;
        }
    }

    private static SqlException stackDepth() {
        return SqlException.of(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded")
                .withHint("Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after "
                        + "ensuring the platform's stack depth limit is adequate.");
    }

    /** A row a trigger returned, with the table's number of columns ({@code ExecBRInsertTriggers}'s check). */
    private Object[] conform(Object[] row) {
        if (row.length != columnTypes.length) {
            throw SqlException.of(SqlState.DATATYPE_MISMATCH, "returned row structure does not match the structure "
                    + "of the triggering table");
        }
        return row;
    }
}
