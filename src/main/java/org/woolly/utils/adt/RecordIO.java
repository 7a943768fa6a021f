package org.woolly.utils.adt;

import java.io.ByteArrayOutputStream;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Text and binary forms of composite values ({@code record_in}, {@code record_out},
 * {@code record_recv}, {@code record_send} of {@code src/backend/utils/adt/rowtypes.c}). The
 * binary form (field count, then per field its type OID, length or -1 for NULL, and the field
 * type's binary form) is also how a composite value is stored in a tuple.
 *
 * <p>An instance is the I/O of one composite type; {@code fieldTypes} null means they are read
 * from the catalog of the running statement when input needs them ({@code RECORD} itself has none:
 * its input is 0A000 as in PostgreSQL).
 */
public final class RecordIO implements TypeIO {
    /** The I/O of the {@code record} pseudo-type: output of any row, no input. */
    public static final RecordIO ANONYMOUS = new RecordIO(TypeOids.RECORD, null);

    private final int typeOid;
    private final int[] fieldTypes;

    public RecordIO(int typeOid, int[] fieldTypes) {
        this.typeOid = typeOid;
        this.fieldTypes = fieldTypes == null ? null : fieldTypes.clone();
    }

    private int[] fieldTypes() {
        if (typeOid == TypeOids.RECORD) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented");
        }
        if (fieldTypes != null) {
            return fieldTypes;
        }
        int[] types = CatalogInquiries.CURRENT.isBound() ? CatalogInquiries.CURRENT.get().compositeFieldTypes(typeOid)
                : null;
        if (types == null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "type %d is not composite", typeOid);
        }
        return types;
    }

    /**
     * The I/O of a field type: built in, an enum, a domain's base type, a user range or multirange
     * type or a composite type of the running statement's catalog.
     */
    public static TypeIO fieldIo(int fieldType) {
        PgType builtin = BuiltinTypes.byOid(fieldType);
        if (builtin != null) {
            return builtin.io();
        }
        if (CatalogInquiries.CURRENT.isBound()) {
            CatalogInquiries catalog = CatalogInquiries.CURRENT.get();
            int base = catalog.domainStoredType(fieldType);
            if (base != 0) {
                return fieldIo(base);
            }
            if (catalog.isEnumType(fieldType)) {
                return new EnumTypeIO(fieldType, catalog.formatType(fieldType, -1));
            }
            if (RangeTypes.isRange(fieldType) || RangeTypes.isMultirange(fieldType)) {
                return RangeIO.of(fieldType);
            }
        }
        return new RecordIO(fieldType, null);
    }

    static String typeName(int type) {
        PgType builtin = BuiltinTypes.byOid(type);
        if (builtin != null || !CatalogInquiries.CURRENT.isBound()) {
            return builtin == null ? String.valueOf(type) : builtin.name();
        }
        return CatalogInquiries.CURRENT.get().formatType(type, -1);
    }

    private static SqlException malformed(String text, String detail) {
        return SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "malformed record literal: \"%s\"", text)
                .withDetail(detail);
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        int[] types = fieldTypes();
        int position = 0;
        while (position < text.length() && TypeErrors.isSpace(text.charAt(position))) {
            position++;
        }
        if (position >= text.length() || text.charAt(position) != '(') {
            throw malformed(text, "Missing left parenthesis.");
        }
        position++;
        Object[] values = new Object[types.length];
        boolean needComma = false;
        for (int i = 0; i < types.length; i++) {
            if (needComma) {
                if (position < text.length() && text.charAt(position) == ',') {
                    position++;
                } else {
                    throw malformed(text, "Too few columns.");
                }
            }
            needComma = true;
            if (position < text.length() && (text.charAt(position) == ',' || text.charAt(position) == ')')) {
                continue;
            }
            StringBuilder field = new StringBuilder();
            boolean inQuote = false;
            while (inQuote || position >= text.length()
                    || text.charAt(position) != ',' && text.charAt(position) != ')') {
                if (position >= text.length()) {
                    throw malformed(text, "Unexpected end of input.");
                }
                char c = text.charAt(position++);
                if (c == '\\') {
                    if (position >= text.length()) {
                        throw malformed(text, "Unexpected end of input.");
                    }
                    field.append(text.charAt(position++));
                } else if (c == '"') {
                    if (!inQuote) {
                        inQuote = true;
                    } else if (position < text.length() && text.charAt(position) == '"') {
                        field.append('"');
                        position++;
                    } else {
                        inQuote = false;
                    }
                } else {
                    field.append(c);
                }
            }
            values[i] = fieldIo(types[i]).input(field.toString(), -1, settings);
        }
        if (position >= text.length() || text.charAt(position) != ')') {
            throw malformed(text, "Too many columns.");
        }
        position++;
        while (position < text.length() && TypeErrors.isSpace(text.charAt(position))) {
            position++;
        }
        if (position < text.length()) {
            throw malformed(text, "Junk after right parenthesis.");
        }
        return new RecordValue(typeOid, types.clone(), values);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        RecordValue record = (RecordValue) value;
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < record.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object field = record.values()[i];
            if (field == null) {
                continue;
            }
            String text = field instanceof RecordValue nested ? output(nested, settings)
                    : fieldIo(record.fieldTypes()[i]).output(field, settings);
            appendQuoted(out, text);
        }
        return out.append(')').toString();
    }

    /** A field's text, in double quotes when empty or holding a quote, backslash, parenthesis, comma or space. */
    private static void appendQuoted(StringBuilder out, String text) {
        boolean quote = text.isEmpty();
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || TypeErrors.isSpace(c);
        }
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append(c);
            }
            out.append(c);
        }
        out.append('"');
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        return decode(bytes, offset, length, typeOid, settings);
    }

    /** A value from its binary form; the field types come from the bytes. */
    public static RecordValue decode(byte[] bytes, int offset, int length, int typeOid, FormatSettings settings) {
        int end = offset + length;
        if (length < 4) {
            throw TypeErrors.binaryFormat("insufficient data left in message");
        }
        int count = TypeErrors.readInt(bytes, offset);
        int position = offset + 4;
        if (count < 0 || count > (length - 4) / 8) {
            throw TypeErrors.binaryFormat("insufficient data left in message");
        }
        int[] types = new int[count];
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            if (position + 8 > end) {
                throw TypeErrors.binaryFormat("insufficient data left in message");
            }
            types[i] = TypeErrors.readInt(bytes, position);
            int fieldLength = TypeErrors.readInt(bytes, position + 4);
            position += 8;
            if (fieldLength == -1) {
                continue;
            }
            if (fieldLength < 0 || position + fieldLength > end) {
                throw TypeErrors.binaryFormat("insufficient data left in message");
            }
            values[i] = fieldIo(types[i]).receive(bytes, position, fieldLength, -1, settings);
            position += fieldLength;
        }
        return new RecordValue(typeOid, types, values);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return encode((RecordValue) value, settings);
    }

    /** The binary form of a value ({@code record_send}). */
    public static byte[] encode(RecordValue record, FormatSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] word = new byte[4];
        TypeErrors.writeInt(word, 0, record.size());
        out.writeBytes(word);
        for (int i = 0; i < record.size(); i++) {
            TypeErrors.writeInt(word, 0, record.fieldTypes()[i]);
            out.writeBytes(word);
            Object field = record.values()[i];
            byte[] body = field == null ? null : field instanceof RecordValue nested ? encode(nested, settings)
                    : fieldIo(record.fieldTypes()[i]).send(field, settings);
            TypeErrors.writeInt(word, 0, body == null ? -1 : body.length);
            out.writeBytes(word);
            if (body != null) {
                out.writeBytes(body);
            }
        }
        return out.toByteArray();
    }
}
