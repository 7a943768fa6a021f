package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** I/O of the types listed in pg_type whose values Woolly does not handle yet (arrays, pseudo-types). */
final class UnsupportedValueIO implements TypeIO {
    private final String typeName;

    UnsupportedValueIO(String typeName) {
        this.typeName = typeName;
    }

    private SqlException unsupported() {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "values of type " + typeName + " are not supported");
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        throw unsupported();
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        throw unsupported();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        throw unsupported();
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        throw unsupported();
    }
}
