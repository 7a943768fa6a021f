package org.woolly.utils.adt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Input, output and ordering of enum values ({@code src/backend/utils/adt/enum.c}). A value is
 * the OID of its pg_enum row (an Integer, stored in 4 bytes); text and binary forms are the
 * label. Labels and sort orders are read through {@link CatalogInquiries#CURRENT}, the catalog
 * of the running statement, as {@code enum_in}/{@code enum_out} read the syscache.
 */
public final class EnumTypeIO implements TypeIO {
    /**
     * {@code enum_cmp}: by the labels' {@code enumsortorder}; by OID when no catalog is at hand,
     * which is the creation order of the labels. Values that are not label OIDs compare naturally.
     */
    public static final Comparator<Object> ORDERING = EnumTypeIO::compare;

    private final int typeOid;
    private final String typeName;

    public EnumTypeIO(int typeOid, String typeName) {
        this.typeOid = typeOid;
        this.typeName = typeName;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        Integer oid = CatalogInquiries.CURRENT.isBound() ? CatalogInquiries.CURRENT.get().enumLabelOid(typeOid, text)
                : null;
        if (oid == null) {
            throw SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input value for enum %s: \"%s\"",
                    typeName, text);
        }
        return oid;
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        int oid = (Integer) value;
        String label = CatalogInquiries.CURRENT.isBound() ? CatalogInquiries.CURRENT.get().enumLabel(oid) : null;
        if (label == null) {
            throw SqlException.of(SqlState.INVALID_BINARY_REPRESENTATION, "invalid internal value for enum: %s",
                    Integer.toUnsignedString(oid));
        }
        return label;
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        return input(new String(Arrays.copyOfRange(bytes, offset, offset + length), StandardCharsets.UTF_8), typmod,
                settings);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return output(value, settings).getBytes(StandardCharsets.UTF_8);
    }

    /** The PgType of an enum type with this I/O (4-byte, by value, category 'E'). */
    public PgType asType(int arrayOid) {
        return new PgType(typeOid, typeName, (short) 4, true, 'i', 'E', false, arrayOid, this);
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object left, Object right) {
        if (!(left instanceof Integer leftOid) || !(right instanceof Integer rightOid)) {
            return ((Comparable<Object>) left).compareTo(right);
        }
        if (CatalogInquiries.CURRENT.isBound()) {
            CatalogInquiries catalog = CatalogInquiries.CURRENT.get();
            Float leftOrder = catalog.enumSortOrder(leftOid);
            Float rightOrder = catalog.enumSortOrder(rightOid);
            if (leftOrder != null && rightOrder != null) {
                return Float.compare(leftOrder, rightOrder);
            }
        }
        return Integer.compareUnsigned(leftOid, rightOid);
    }
}
