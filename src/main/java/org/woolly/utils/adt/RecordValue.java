package org.woolly.utils.adt;

import java.util.Arrays;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A composite value ({@code HeapTupleHeader} datum of {@code rowtypes.c}): the field values and
 * their type OIDs, and the composite type's OID ({@link TypeOids#RECORD} for an anonymous row).
 * The value describes itself, so output, sending and storing need no catalog lookup for it.
 *
 * <p>Comparison is {@code record_cmp}'s: field by field with each field type's btree order, a null
 * field equal to a null field and above any value; {@link #equals} agrees with it
 * ({@code record_eq}), and {@link #hashCode} hashes each field's hash-equality key.
 */
public record RecordValue(int typeOid, int[] fieldTypes, Object[] values) implements Comparable<Object> {

    public int size() {
        return values.length;
    }

    /** The same fields labeled with another composite type (a row assigned to a column of that type). */
    public RecordValue withType(int newTypeOid) {
        return new RecordValue(newTypeOid, fieldTypes, values);
    }

    /** {@code ROW(...) IS NULL}: every field null ({@code ExecEvalRowNull}). */
    public boolean allNull() {
        for (Object value : values) {
            if (value != null) {
                return false;
            }
        }
        return true;
    }

    /** {@code ROW(...) IS NOT NULL}: no field null. */
    public boolean noneNull() {
        for (Object value : values) {
            if (value == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Object other) {
        RecordValue right = (RecordValue) other;
        int count = Math.min(values.length, right.values.length);
        for (int i = 0; i < count; i++) {
            Object leftValue = values[i];
            Object rightValue = right.values[i];
            if (leftValue == null || rightValue == null) {
                if (leftValue != rightValue) {
                    return leftValue == null ? 1 : -1;
                }
                continue;
            }
            if (fieldTypes[i] != right.fieldTypes[i] && !(leftValue instanceof RecordValue)) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                        "cannot compare dissimilar column types %s and %s at record column %d",
                        RecordIO.typeName(fieldTypes[i]), RecordIO.typeName(right.fieldTypes[i]), i + 1);
            }
            int compared = BuiltinTypes.comparator(fieldTypes[i]).compare(leftValue, rightValue);
            if (compared != 0) {
                return compared;
            }
        }
        if (values.length != right.values.length) {
            throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                    "cannot compare record types with different numbers of columns");
        }
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordValue record && record.values.length == values.length && compareTo(record) == 0;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < values.length; i++) {
            Object key = BuiltinTypes.groupingKey(fieldTypes[i], values[i]);
            hash = hash * 31 + (key == null ? 0 : key.hashCode());
        }
        return hash;
    }

    @Override
    public String toString() {
        return "RecordValue[" + typeOid + ", " + Arrays.toString(values) + "]";
    }
}
