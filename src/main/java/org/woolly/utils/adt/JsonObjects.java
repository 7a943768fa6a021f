package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Keys and pairs for building JSON objects: {@code json_object}'s text-array forms (one array of
 * alternating keys and values or of two-element rows, or two arrays), the keys of
 * {@code json_build_object} and {@code json_object_agg} (scalars only, as text), and
 * {@code json_strip_nulls}' compact rewrite of json text.
 */
final class JsonObjects {
    private JsonObjects() {}

    /** {@code json_object(text[])}: alternating keys and values, or rows of two. */
    static List<String[]> pairs(ArrayValue array) {
        List<String[]> pairs = new ArrayList<>();
        switch (array.dimensionCount()) {
            case 0 -> {
                return pairs;
            }
            case 1 -> {
                if (array.size() % 2 != 0) {
                    throw subscriptError("array must have even number of elements");
                }
            }
            case 2 -> {
                if (array.length(1) != 2) {
                    throw subscriptError("array must have two columns");
                }
            }
            default -> throw subscriptError("wrong number of array subscripts");
        }
        for (int i = 0; i < array.size(); i += 2) {
            pairs.add(pair(array.element(i), array.element(i + 1)));
        }
        return pairs;
    }

    /** {@code json_object(keys text[], values text[])}. */
    static List<String[]> pairs(ArrayValue keys, ArrayValue values) {
        if (keys.dimensionCount() > 1 || values.dimensionCount() > 1) {
            throw subscriptError("wrong number of array subscripts");
        }
        if (keys.size() != values.size()) {
            throw subscriptError("mismatched array dimensions");
        }
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            pairs.add(pair(keys.element(i), values.element(i)));
        }
        return pairs;
    }

    private static String[] pair(Object key, Object value) {
        if (key == null) {
            throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "null value not allowed for object key");
        }
        return new String[] {(String) key, (String) value};
    }

    private static SqlException subscriptError(String message) {
        return new SqlException(SqlState.ARRAY_SUBSCRIPT_ERROR, message);
    }

    /** An object key from a SQL value: its JSON text unquoted (dates in ISO form); arrays, rows and JSON are refused. */
    static String keyText(Object value, int type, FormatSettings settings) {
        switch (JsonEncoder.category(type)) {
            case ARRAY, COMPOSITE, JSON, JSONB -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "key value must be scalar, not array, composite, or json");
            case BOOLEAN -> {
                return (Boolean) value ? "true" : "false";
            }
            case DATE, TIMESTAMP, TIMESTAMPTZ -> {
                return JsonEncoder.isoDateTime(type, value, settings);
            }
            default -> {
                return RecordIO.fieldIo(type).output(value, settings);
            }
        }
    }

    /** {@code json_object_agg}'s key: never NULL. */
    static String aggregateKey(Object value, int type) {
        if (value == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
        }
        return keyText(value, type, FormatSettings.DEFAULT);
    }

    /** {@code json_strip_nulls}: the json without null-valued object fields, written without white space. */
    static void appendStripped(StringBuilder out, String json, JsonParser.Node node) {
        switch (node) {
            case JsonParser.ObjectNode object -> {
                out.append('{');
                boolean first = true;
                for (int i = 0; i < object.keys().size(); i++) {
                    JsonParser.Node value = object.values().get(i);
                    if (value instanceof JsonParser.Scalar scalar && scalar.kind() == JsonParser.ScalarKind.NULL) {
                        continue;
                    }
                    out.append(first ? "" : ",");
                    JsonWriter.escape(out, object.keys().get(i));
                    out.append(':');
                    appendStripped(out, json, value);
                    first = false;
                }
                out.append('}');
            }
            case JsonParser.ArrayNode array -> {
                out.append('[');
                for (int i = 0; i < array.elements().size(); i++) {
                    out.append(i > 0 ? "," : "");
                    appendStripped(out, json, array.elements().get(i));
                }
                out.append(']');
            }
            case JsonParser.Scalar scalar -> {
                if (scalar.kind() == JsonParser.ScalarKind.STRING) {
                    JsonWriter.escape(out, scalar.text());
                } else {
                    out.append(json, scalar.start(), scalar.end());
                }
            }
        }
    }
}
