package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * SQL values as JSON: {@code datum_to_json} ({@code json.c}) writing json text and
 * {@code datum_to_jsonb} ({@code jsonb.c}) building jsonb nodes. Numbers stay numbers when their
 * text is a JSON number (NaN and Infinity become strings), booleans stay booleans, dates and
 * timestamps are written in ISO 8601 ({@code JsonEncodeDateTime}: {@code 2020-01-02T03:04:05+00:00}),
 * json and jsonb are embedded, arrays become (nested) JSON arrays, rows become objects keyed by
 * their column names ({@code f1, f2, ...} for an anonymous row), and anything else is its text
 * output as a JSON string.
 */
final class JsonEncoder {
    private JsonEncoder() {}

    /** What kind of JSON a SQL type becomes ({@code JsonTypeCategory}). */
    enum Category { NULL, BOOLEAN, NUMERIC, DATE, TIMESTAMP, TIMESTAMPTZ, JSON, JSONB, ARRAY, COMPOSITE, OTHER }

    static Category category(int type) {
        return switch (type) {
            case TypeOids.BOOL -> Category.BOOLEAN;
            case TypeOids.INT2, TypeOids.INT4, TypeOids.INT8, TypeOids.FLOAT4, TypeOids.FLOAT8, TypeOids.NUMERIC ->
                    Category.NUMERIC;
            case TypeOids.DATE -> Category.DATE;
            case TypeOids.TIMESTAMP -> Category.TIMESTAMP;
            case TypeOids.TIMESTAMPTZ -> Category.TIMESTAMPTZ;
            case TypeOids.JSON -> Category.JSON;
            case TypeOids.JSONB -> Category.JSONB;
            case TypeOids.RECORD -> Category.COMPOSITE;
            default -> BuiltinTypes.elementType(type) != 0 ? Category.ARRAY
                    : BuiltinTypes.byOid(type) == null && !isEnum(type) ? Category.COMPOSITE : Category.OTHER;
        };
    }

    private static boolean isEnum(int type) {
        return CatalogInquiries.CURRENT.isBound() && CatalogInquiries.CURRENT.get().isEnumType(type);
    }

    /** Appends {@code value} of {@code type} as json text; {@code pretty} puts top-level array items and fields on lines. */
    static void appendJson(StringBuilder out, Object value, int type, FormatSettings settings, boolean pretty) {
        if (value == null) {
            out.append("null");
            return;
        }
        switch (category(type)) {
            case BOOLEAN -> out.append((Boolean) value ? "true" : "false");
            case NUMERIC -> {
                String text = output(type, value, settings);
                if (isJsonNumber(text)) {
                    out.append(text);
                } else {
                    JsonWriter.escape(out, text);
                }
            }
            case DATE, TIMESTAMP, TIMESTAMPTZ -> JsonWriter.escape(out, isoDateTime(type, value, settings));
            case JSON -> out.append((String) value);
            case JSONB -> out.append(value);
            case ARRAY -> {
                ArrayValue array = (ArrayValue) value;
                appendArray(out, array, 0, new int[] {0}, settings, pretty);
            }
            case COMPOSITE -> {
                if (value instanceof RecordValue record) {
                    appendRecord(out, record, settings, pretty);
                } else {
                    JsonWriter.escape(out, output(type, value, settings));
                }
            }
            default -> JsonWriter.escape(out, output(type, value, settings));
        }
    }

    static String toJson(Object value, int type, FormatSettings settings) {
        StringBuilder out = new StringBuilder();
        appendJson(out, value, type, settings, false);
        return out.toString();
    }

    /** {@code array_dim_to_json}: one dimension's elements, nested by dimension. */
    private static void appendArray(StringBuilder out, ArrayValue array, int dimension, int[] next,
                                    FormatSettings settings, boolean pretty) {
        if (array.dimensionCount() == 0) {
            out.append("[]");
            return;
        }
        out.append('[');
        int length = array.length(dimension);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append(pretty && dimension == 0 ? ",\n " : ",");
            }
            if (dimension + 1 < array.dimensionCount()) {
                appendArray(out, array, dimension + 1, next, settings, false);
            } else {
                appendJson(out, array.element(next[0]++), array.elementType(), settings, false);
            }
        }
        out.append(']');
    }

    /** {@code composite_to_json}. */
    private static void appendRecord(StringBuilder out, RecordValue record, FormatSettings settings, boolean pretty) {
        List<String> names = fieldNames(record);
        out.append('{');
        for (int i = 0; i < record.size(); i++) {
            if (i > 0) {
                out.append(pretty ? ",\n " : ",");
            }
            JsonWriter.escape(out, names.get(i));
            out.append(':');
            appendJson(out, record.values()[i], record.fieldTypes()[i], settings, false);
        }
        out.append('}');
    }

    /** The column names of a row's type, {@code f1, f2, ...} for an anonymous row. */
    static List<String> fieldNames(RecordValue record) {
        List<String> names = record.typeOid() != TypeOids.RECORD && CatalogInquiries.CURRENT.isBound()
                ? CatalogInquiries.CURRENT.get().compositeFieldNames(record.typeOid()) : null;
        if (names != null && names.size() == record.size()) {
            return names;
        }
        List<String> generated = new ArrayList<>();
        for (int i = 1; i <= record.size(); i++) {
            generated.add("f" + i);
        }
        return generated;
    }

    /** {@code datum_to_jsonb}: the value as a jsonb node (JSON null for SQL NULL). */
    static Object toJsonbNode(Object value, int type, FormatSettings settings) {
        if (value == null) {
            return Jsonb.NULL;
        }
        return switch (category(type)) {
            case BOOLEAN -> value;
            case NUMERIC -> {
                if (value instanceof BigDecimal decimal) {
                    yield decimal;
                }
                String text = output(type, value, settings);
                yield isJsonNumber(text) ? NumericIO.parse(text) : text;
            }
            case DATE, TIMESTAMP, TIMESTAMPTZ -> isoDateTime(type, value, settings);
            case JSON -> Jsonb.parse((String) value).root();
            case JSONB -> ((Jsonb) value).root();
            case ARRAY -> {
                ArrayValue array = (ArrayValue) value;
                yield array.dimensionCount() == 0 ? List.of() : jsonbArray(array, 0, new int[] {0}, settings);
            }
            case COMPOSITE -> {
                if (!(value instanceof RecordValue record)) {
                    yield output(type, value, settings);
                }
                List<String> names = fieldNames(record);
                TreeMap<String, Object> object = new TreeMap<>(Jsonb.KEY_ORDER);
                for (int i = 0; i < record.size(); i++) {
                    object.put(names.get(i), toJsonbNode(record.values()[i], record.fieldTypes()[i], settings));
                }
                yield object;
            }
            default -> output(type, value, settings);
        };
    }

    private static List<Object> jsonbArray(ArrayValue array, int dimension, int[] next, FormatSettings settings) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < array.length(dimension); i++) {
            elements.add(dimension + 1 < array.dimensionCount() ? jsonbArray(array, dimension + 1, next, settings)
                    : toJsonbNode(array.element(next[0]++), array.elementType(), settings));
        }
        return Collections.unmodifiableList(elements);
    }

    private static String output(int type, Object value, FormatSettings settings) {
        return RecordIO.fieldIo(type).output(value, settings);
    }

    /** {@code IsValidJsonNumber}. */
    static boolean isJsonNumber(String text) {
        try {
            JsonParser.Node node = JsonParser.parse(text, false);
            return node instanceof JsonParser.Scalar scalar && scalar.kind() == JsonParser.ScalarKind.NUMBER
                    && scalar.start() == 0 && scalar.end() == text.length();
        } catch (org.woolly.utils.error.SqlException notJson) {
            return false;
        }
    }

    /** {@code JsonEncodeDateTime}: ISO 8601 with a 'T', the zone as {@code +hh:mm}; infinities as words. */
    static String isoDateTime(int type, Object value, FormatSettings settings) {
        FormatSettings iso = new FormatSettings(FormatSettings.DateStyle.ISO, settings.dateOrder(), settings.timeZone(),
                settings.timeZoneName(), settings.intervalStyle(), settings.extraFloatDigits(), settings.byteaHex());
        String text = BuiltinTypes.byOid(type).io().output(value, iso);
        if (type == TypeOids.DATE || text.endsWith("infinity")) {
            return text;
        }
        int space = text.indexOf(' ');
        String result = space < 0 ? text : text.substring(0, space) + 'T' + text.substring(space + 1);
        if (type == TypeOids.TIMESTAMPTZ) {
            int sign = Math.max(result.lastIndexOf('+'), result.lastIndexOf('-'));
            if (sign > result.indexOf('T') && result.length() - sign == 3) {
                result = result + ":00";
            }
        }
        return result;
    }
}
