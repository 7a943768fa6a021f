package org.woolly.utils.adt;

import java.util.List;

/**
 * The columns of the rows a record-returning function builds (PostgreSQL's {@code TupleDesc} as
 * {@code get_call_result_type} finds it): from the function's OUT parameters, from the composite
 * type of its {@code anyelement} argument, or from the query's column definition list. A field of
 * a composite type carries that type's own shape, so nested JSON objects can fill it.
 *
 * @param typeOid     the composite type's OID, or {@link TypeOids#RECORD} for an anonymous row
 * @param names       the column names
 * @param types       the column type OIDs
 * @param typmods     the column typmods, -1 for none
 * @param fieldShapes per column the shape of its composite type (or of its array's element
 *                    composite type), null for other columns
 */
public record RowShape(int typeOid, List<String> names, int[] types, int[] typmods, RowShape[] fieldShapes) {

    public int size() {
        return names.size();
    }

    /** A record of this shape from its field values. */
    public RecordValue record(Object[] values) {
        return new RecordValue(typeOid, types, values);
    }
}
