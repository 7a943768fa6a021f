package org.woolly.executor;

import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.DirtyState;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.nbtree.HeapProbe;
import org.woolly.access.transam.Transaction;
import org.woolly.analyzer.TypeSystem;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * How a unique index of {@code table} asks the heap about the rows its equal keys point at
 * ({@code SnapshotDirty} in {@code _bt_check_unique}) and words the 23505 error with the key's
 * columns and values as {@code BuildIndexValueDescription} does. When building an index
 * ({@code forBuild}) the message is CREATE INDEX's: {@code could not create unique index}.
 */
public final class UniqueProbe implements HeapProbe {
    private final HeapAccess heap;
    private final TypeSystem types;
    private final FormatSettings formatSettings;
    private final RelationInfo table;
    private final IndexInfo index;
    private final Transaction transaction;
    private final boolean forBuild;

    public UniqueProbe(HeapAccess heap, TypeSystem types, FormatSettings formatSettings, RelationInfo table,
                       IndexInfo index, Transaction transaction, boolean forBuild) {
        this.heap = heap;
        this.types = types;
        this.formatSettings = formatSettings;
        this.table = table;
        this.index = index;
        this.transaction = transaction;
        this.forBuild = forBuild;
    }

    UniqueProbe(ExecutorContext context, RelationInfo table, IndexInfo index) {
        this(context.heap(), context.types(), context.formatSettings(), table, index, context.transaction(), false);
    }

    @Override
    public RowState state(Tid tid) {
        DirtyState state = heap.dirtyState(table.locator(), tid, transaction);
        return switch (state.status()) {
            case LIVE -> new RowState.Live();
            case DEAD -> new RowState.Dead();
            case IN_PROGRESS -> new RowState.InProgress(state.xid(), state.speculativeToken());
        };
    }

    @Override
    public SqlException duplicate(Object[] values) {
        String key = "Key " + describeKey(values);
        if (forBuild) {
            return new SqlException(Severity.ERROR, SqlState.UNIQUE_VIOLATION,
                    "could not create unique index \"%s\"".formatted(index.name()), key + " is duplicated.", null, 0,
                    null);
        }
        return new SqlException(Severity.ERROR, SqlState.UNIQUE_VIOLATION,
                "duplicate key value violates unique constraint \"%s\"".formatted(index.name()),
                key + " already exists.", null, 0, null);
    }

    /** {@code (a, b)=(1, x)}: the key columns and their values as their output functions print them. */
    private String describeKey(Object[] values) {
        List<String> names = index.keyColumnNames(table);
        StringBuilder text = new StringBuilder("(").append(String.join(", ", names)).append(")=(");
        for (int i = 0; i < index.keyColumnCount(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object value = i < values.length ? values[i] : null;
            PgType type = types.type(index.columnTypeOids().get(i));
            text.append(value == null ? "null" : type == null ? value.toString()
                    : type.io().output(value, formatSettings));
        }
        return text.append(')').toString();
    }
}
