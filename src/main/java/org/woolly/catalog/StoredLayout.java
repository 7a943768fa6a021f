package org.woolly.catalog;

import org.woolly.access.common.TupleCodec;
import org.woolly.access.common.TupleDescriptor;

/**
 * How a relation's tuples are stored when that differs from its live columns: every column
 * ever added and not yet rewritten away ({@code physical}, dropped ones included, in attribute
 * number order), the physical index of each live column, and the value a tuple that predates a
 * column reads for it ({@code attmissingval}; null when none). Counterpart of the dropped
 * attributes of a {@code TupleDesc} and of {@code TupleConstr.missing} ({@code tupdesc.h}).
 */
public record StoredLayout(TupleDescriptor physical, int[] physicalIndex, Object[] missingValues) {

    Object[] decode(byte[] body, int liveCount, org.woolly.access.common.ToastStore toast) {
        Object[] stored = TupleCodec.decode(physical, body, 0, null, toast);
        int storedCount = TupleCodec.storedAttributeCount(body);
        Object[] row = new Object[liveCount];
        for (int i = 0; i < liveCount; i++) {
            int index = physicalIndex[i];
            row[i] = index < storedCount ? stored[index] : missingValues[index];
        }
        return row;
    }

    byte[] encode(Object[] row, org.woolly.access.common.Toaster toaster) {
        Object[] stored = new Object[physical.size()];
        for (int i = 0; i < physicalIndex.length; i++) {
            stored[physicalIndex[i]] = row[i];
        }
        return TupleCodec.encode(physical, stored, toaster);
    }
}
