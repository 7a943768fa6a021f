package org.woolly.catalog;

import org.woolly.access.common.Attribute;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.utils.adt.TypeOids;


/**
 * A test codec that checks every value against the Java representation PgType's javadoc fixes
 * for its column's type (what the real TupleCodec relies on), then stores the row in the real tuple format.
 */
public final class CheckingTupleCodec implements CatalogTupleCodec {

    @Override
    public byte[] encode(TupleDescriptor descriptor, Object[] values) {
        if (values.length != descriptor.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + descriptor.size()
                    + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            Attribute attribute = descriptor.get(i);
            Object value = values[i];
            if (value == null) {
                if (attribute.notNull()) {
                    throw new IllegalArgumentException("null in NOT NULL column " + attribute.name());
                }
                continue;
            }
            Class<?> expected = switch (attribute.typeOid()) {
                case TypeOids.BOOL -> Boolean.class;
                case TypeOids.CHAR, TypeOids.NAME, TypeOids.TEXT, TypeOids.VARCHAR -> String.class;
                case TypeOids.INT2 -> Short.class;
                case TypeOids.INT4, TypeOids.OID, TypeOids.CID, TypeOids.REGPROC -> Integer.class;
                case TypeOids.BYTEA -> byte[].class;
                case 1002, 1005, 1009, 1028 -> org.woolly.utils.adt.ArrayValue.class; // "char"[], int2[], text[], oid[]
                case TypeOids.FLOAT4 -> Float.class;
                case TypeOids.INT8, TypeOids.XID, TypeOids.TIMESTAMPTZ -> Long.class; // xid: the 64-bit XID
                default -> throw new IllegalArgumentException("unexpected catalog type " + attribute.typeOid());
            };
            if (!expected.isInstance(value)) {
                throw new IllegalArgumentException("column " + attribute.name() + " expects " + expected.getSimpleName()
                        + " but got " + value.getClass().getSimpleName());
            }
            if (attribute.typeOid() == TypeOids.CHAR && ((String) value).length() > 1) {
                throw new IllegalArgumentException("\"char\" column " + attribute.name() + " got " + value);
            }
        }
        return STANDARD.encode(descriptor, values);
    }

    @Override
    public Object[] decode(TupleDescriptor descriptor, byte[] body) {
        return STANDARD.decode(descriptor, body);
    }
}
