package org.woolly.tcop;

import org.woolly.utils.adt.ArrayIO;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.adt.CatalogInquiries;
import org.woolly.utils.adt.EnumTypeIO;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.MultirangeValue;
import org.woolly.utils.adt.RangeIO;
import org.woolly.utils.adt.RangeTypes;
import org.woolly.utils.adt.RangeValue;
import org.woolly.utils.adt.RecordIO;
import org.woolly.utils.adt.RecordValue;
import org.woolly.utils.adt.TypeIO;

/**
 * The wire I/O of a type the built-in table does not know: an enum type's (its labels, read
 * through the statement's catalog, {@link CatalogInquiries#CURRENT}) when the type is one,
 * an array's over such a type ({@link ArrayIO}), a composite type's ({@link RecordIO}), a user
 * range or multirange type's ({@link RangeIO}), else the
 * text pass-through of {@link FallbackTypeIO}.
 */
final class UserTypeIO implements TypeIO {
    private final int typeOid;
    private final TypeIO fallback;

    UserTypeIO(int typeOid) {
        this.typeOid = typeOid;
        this.fallback = new FallbackTypeIO(typeOid);
    }

    private TypeIO io() {
        int base = CatalogInquiries.CURRENT.isBound() ? CatalogInquiries.CURRENT.get().domainStoredType(typeOid) : 0;
        if (base != 0) {
            // a domain's values are its base type's, and so is their form on the wire
            return TypeIoLookup.builtin().forType(base);
        }
        int element = CatalogInquiries.CURRENT.isBound() ? CatalogInquiries.CURRENT.get().arrayElementType(typeOid) : 0;
        if (element != 0) {
            return new ArrayIO(element);
        }
        if (RangeTypes.isRange(typeOid) || RangeTypes.isMultirange(typeOid)) {
            return RangeIO.of(typeOid);
        }
        if (CatalogInquiries.CURRENT.isBound() && CatalogInquiries.CURRENT.get().isEnumType(typeOid)) {
            return new EnumTypeIO(typeOid, CatalogInquiries.CURRENT.get().formatType(typeOid, -1));
        }
        int[] fieldTypes = CatalogInquiries.CURRENT.isBound()
                ? CatalogInquiries.CURRENT.get().compositeFieldTypes(typeOid) : null;
        return fieldTypes != null ? new RecordIO(typeOid, fieldTypes) : fallback;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return io().input(text, typmod, settings);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        if (value instanceof ArrayValue array) {
            return new ArrayIO(array.elementType()).output(array, settings);
        }
        if (value instanceof RangeValue range) {
            return RangeIO.of(range.typeOid()).output(value, settings);
        }
        if (value instanceof MultirangeValue multirange) {
            return RangeIO.of(multirange.typeOid()).output(value, settings);
        }
        if (value instanceof RecordValue) {
            // a composite value describes its fields itself (record_out)
            return RecordIO.ANONYMOUS.output(value, settings);
        }
        if (CatalogInquiries.CURRENT.isBound() && CatalogInquiries.CURRENT.get().domainStoredType(typeOid) != 0) {
            return io().output(value, settings);
        }
        if (value instanceof Integer oid && CatalogInquiries.CURRENT.isBound()) {
            String label = CatalogInquiries.CURRENT.get().enumLabel(oid);
            if (label != null) {
                return label;
            }
        }
        return fallback.output(value, settings);
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        return io().receive(bytes, offset, length, typmod, settings);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        if (value instanceof ArrayValue array) {
            return new ArrayIO(array.elementType()).send(array, settings);
        }
        if (value instanceof RangeValue range) {
            return RangeIO.of(range.typeOid()).send(value, settings);
        }
        if (value instanceof MultirangeValue multirange) {
            return RangeIO.of(multirange.typeOid()).send(value, settings);
        }
        if (value instanceof RecordValue) {
            return RecordIO.ANONYMOUS.send(value, settings);
        }
        if (CatalogInquiries.CURRENT.isBound() && CatalogInquiries.CURRENT.get().domainStoredType(typeOid) != 0) {
            return io().send(value, settings);
        }
        return value instanceof Integer && CatalogInquiries.CURRENT.isBound()
                ? output(value, settings).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : fallback.send(value, settings);
    }
}
