package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.TypeOids.ANYELEMENT;
import static org.woolly.utils.adt.TypeOids.BOOL;
import static org.woolly.utils.adt.TypeOids.JSON;
import static org.woolly.utils.adt.TypeOids.JSONB;
import static org.woolly.utils.adt.TypeOids.RECORD;
import static org.woolly.utils.adt.TypeOids.TEXT;

/**
 * The JSON functions that return rows ({@code jsonfuncs.c}): {@code json(b)_each(_text)}
 * ({@code each_worker}), one {@code (key, value)} record per field of an object, and
 * {@code json(b)_populate_record(set)} / {@code json(b)_to_record(set)}
 * ({@code populate_record_worker}, {@code populate_recordset_worker}), which fill the columns of a
 * row from the fields of an object of the same names. A column takes its value as
 * {@code populate_record_field} converts it: json and jsonb columns the value itself, an array
 * column a JSON array (dimensions checked) or an array literal string, a composite column a
 * nested object or a row literal string, any other column the value's text (a string unquoted)
 * through the type's input function. Fields the object lacks keep the base row's value (NULL
 * without one).
 */
final class JsonRecords {
    private JsonRecords() {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("json_each", RECORD, (a, c) -> jsonEach((String) a[0], false), JSON);
        r.function("json_each_text", RECORD, (a, c) -> jsonEach((String) a[0], true), JSON);
        r.function("jsonb_each", RECORD, (a, c) -> jsonbEach((Jsonb) a[0], "jsonb_each", false), JSONB);
        r.function("jsonb_each_text", RECORD, (a, c) -> jsonbEach((Jsonb) a[0], "jsonb_each_text", true), JSONB);
        char stable = PgProcData.STABLE;
        r.function("json_populate_record", ANYELEMENT, stable, PgProcData.CALLED,
                new Populate("json_populate_record", false, true), ANYELEMENT, JSON, BOOL);
        r.function("json_populate_recordset", ANYELEMENT, stable, PgProcData.CALLED,
                new Populate("json_populate_recordset", true, true), ANYELEMENT, JSON, BOOL);
        r.function("jsonb_populate_record", ANYELEMENT, stable, PgProcData.CALLED,
                new Populate("jsonb_populate_record", false, true), ANYELEMENT, JSONB);
        r.function("jsonb_populate_recordset", ANYELEMENT, stable, PgProcData.CALLED,
                new Populate("jsonb_populate_recordset", true, true), ANYELEMENT, JSONB);
        r.function("json_to_record", RECORD, stable, PgProcData.STRICT, new Populate("json_to_record", false, false),
                JSON);
        r.function("json_to_recordset", RECORD, stable, PgProcData.CALLED,
                new Populate("json_to_recordset", true, false), JSON);
        r.function("jsonb_to_record", RECORD, stable, PgProcData.STRICT,
                new Populate("jsonb_to_record", false, false), JSONB);
        r.function("jsonb_to_recordset", RECORD, stable, PgProcData.CALLED,
                new Populate("jsonb_to_recordset", true, false), JSONB);
    }

    /** {@code json_each(_text)}: every field in written order, duplicates included. */
    private static Iterator<Object> jsonEach(String json, boolean asText) {
        JsonParser.Node node = JsonParser.parse(json, true);
        if (!(node instanceof JsonParser.ObjectNode object)) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, node instanceof JsonParser.ArrayNode
                    ? "cannot deconstruct an array as an object" : "cannot deconstruct a scalar");
        }
        int[] types = {TEXT, asText ? TEXT : JSON};
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < object.keys().size(); i++) {
            rows.add(new RecordValue(RECORD, types, new Object[] {object.keys().get(i),
                    JsonText.result(json, object.values().get(i), asText)}));
        }
        return rows.iterator();
    }

    /** {@code jsonb_each(_text)}: every field in jsonb's key order. */
    private static Iterator<Object> jsonbEach(Jsonb jsonb, String function, boolean asText) {
        TreeMap<String, Object> object = Jsonb.asObject(jsonb.root());
        if (object == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + function + " on a non-object");
        }
        int[] types = {TEXT, asText ? TEXT : JSONB};
        List<Object> rows = new ArrayList<>();
        for (Map.Entry<String, Object> field : object.entrySet()) {
            Object value = asText ? JsonOperators.text(field.getValue()) : new Jsonb(field.getValue());
            rows.add(new RecordValue(RECORD, types, new Object[] {field.getKey(), value}));
        }
        return rows.iterator();
    }

    /**
     * A populate or to_record function: {@code set} for the recordset forms (an array of objects),
     * {@code base} when the first argument is the base row ({@code anyelement}), which the
     * resolver passes as it is ({@link ArgumentTypesImplementation}).
     */
    private record Populate(String functionName, boolean set, boolean base)
            implements RowShapedImplementation, ArgumentTypesImplementation {

        /** The base row arrives as it is, not as text (the analyzer binds the row's shape instead). */
        @Override
        public FunctionImplementation bind(int[] argumentTypes) {
            return this;
        }

        @Override
        public Object invoke(Object[] args, FunctionContext context) {
            return RowShapedImplementation.super.invoke(args, context);
        }

        @Override
        public FunctionImplementation bind(RowShape shape) {
            return (args, context) -> {
                RecordValue baseRow = base ? (RecordValue) args[0] : null;
                Object value = base ? args[1] : args[0];
                if (value == null) {
                    return set ? Collections.emptyIterator() : baseRow;
                }
                boolean isJsonb = value instanceof Jsonb;
                Filler filler = new Filler(isJsonb ? null : (String) value, context.formatSettings());
                Object root = isJsonb ? ((Jsonb) value).root() : JsonParser.parse((String) value, true);
                if (!set) {
                    return filler.composite(root, shape, baseRow);
                }
                return filler.rows(root, shape, baseRow, functionName).iterator();
            };
        }
    }

    /** The kinds of JSON value populate tells apart ({@code JsValue} tests of {@code jsonfuncs.c}). */
    private enum Kind { OBJECT, ARRAY, STRING, NULL, SCALAR }

    /**
     * Fills rows from one json or jsonb value: {@code json} is the text of a json argument (its
     * nodes are {@link JsonParser.Node}s), null for jsonb (nodes as in {@link Jsonb}).
     */
    private record Filler(String json, FormatSettings settings) {

        Kind kind(Object node) {
            if (json != null) {
                return switch ((JsonParser.Node) node) {
                    case JsonParser.ObjectNode object -> Kind.OBJECT;
                    case JsonParser.ArrayNode array -> Kind.ARRAY;
                    case JsonParser.Scalar scalar -> scalar.kind() == JsonParser.ScalarKind.STRING ? Kind.STRING
                            : scalar.kind() == JsonParser.ScalarKind.NULL ? Kind.NULL : Kind.SCALAR;
                };
            }
            if (node == Jsonb.NULL) {
                return Kind.NULL;
            }
            return node instanceof String ? Kind.STRING : Jsonb.asObject(node) != null ? Kind.OBJECT
                    : Jsonb.asArray(node) != null ? Kind.ARRAY : Kind.SCALAR;
        }

        /** An object's fields by name, the last of duplicate keys winning. */
        Map<String, Object> fields(Object node) {
            if (json == null) {
                return Jsonb.asObject(node);
            }
            JsonParser.ObjectNode object = (JsonParser.ObjectNode) node;
            Map<String, Object> fields = new HashMap<>();
            for (int i = 0; i < object.keys().size(); i++) {
                fields.put(object.keys().get(i), object.values().get(i));
            }
            return fields;
        }

        List<?> elements(Object node) {
            return json == null ? Jsonb.asArray(node) : ((JsonParser.ArrayNode) node).elements();
        }

        /** The value's JSON text (a string with its quotes), as written for json. */
        String text(Object node) {
            if (json != null) {
                JsonParser.Node parsed = (JsonParser.Node) node;
                return json.substring(parsed.start(), parsed.end());
            }
            return new Jsonb(node).toString();
        }

        /** A string's characters, any other scalar's token. */
        String scalarText(Object node) {
            return json != null ? ((JsonParser.Scalar) node).text() : JsonOperators.text(node);
        }

        /** The rows of an array of objects ({@code populate_recordset_worker}). */
        List<Object> rows(Object root, RowShape shape, RecordValue base, String function) {
            Kind kind = kind(root);
            if (kind != Kind.ARRAY) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + function + " on "
                        + (json == null ? "a non-array" : kind == Kind.OBJECT ? "an object" : "a scalar"));
            }
            List<Object> rows = new ArrayList<>();
            for (Object element : elements(root)) {
                if (kind(element) != Kind.OBJECT) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                            "argument of " + function + " must be an array of objects");
                }
                rows.add(composite(element, shape, base));
            }
            return rows;
        }

        /** A row from an object ({@code populate_composite}): absent fields from {@code base}. */
        RecordValue composite(Object node, RowShape shape, RecordValue base) {
            Kind kind = kind(node);
            if (kind != Kind.OBJECT) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot call populate_composite on "
                        + (kind == Kind.ARRAY ? "an array" : "a scalar"));
            }
            Map<String, Object> fields = fields(node);
            Object[] values = new Object[shape.size()];
            for (int i = 0; i < values.length; i++) {
                String name = shape.names().get(i);
                if (fields.containsKey(name)) {
                    values[i] = field(fields.get(name), shape.types()[i], shape.typmods()[i], shape.fieldShapes()[i],
                            name);
                } else if (base != null && i < base.size()) {
                    values[i] = base.values()[i];
                }
            }
            return shape.record(values);
        }

        /** One column's value ({@code populate_record_field}). */
        Object field(Object node, int type, int typmod, RowShape nested, String column) {
            Kind kind = kind(node);
            if (kind == Kind.NULL) {
                return null;
            }
            if (type == JSON || type == JSONB) {
                if (type == JSONB && json == null) {
                    return new Jsonb(node);
                }
                // the value's JSON text as written (a string with its quotes and escapes)
                return RecordIO.fieldIo(type).input(text(node), typmod, settings);
            }
            int elementType = BuiltinTypes.elementType(type);
            if (kind != Kind.STRING && elementType != 0) {
                return array(node, elementType, typmod, column);
            }
            if (kind != Kind.STRING && nested != null) {
                return composite(node, nested, null);
            }
            String text = kind == Kind.STRING || kind == Kind.SCALAR ? scalarText(node) : text(node);
            return RecordIO.fieldIo(type).input(text, typmod, settings);
        }

        /** An array column from a JSON array ({@code populate_array}): sub-arrays of matching lengths. */
        ArrayValue array(Object node, int elementType, int typmod, String column) {
            ArrayFill fill = new ArrayFill(elementType, typmod, column);
            if (kind(node) != Kind.ARRAY) {
                throw fill.expectedArray(List.of());
            }
            fill.dimension(node, new ArrayList<>());
            if (fill.values.isEmpty()) {
                return ArrayValue.empty(elementType);
            }
            int[] dimensions = java.util.Arrays.copyOf(fill.lengths, fill.dimensions);
            int[] lowerBounds = new int[dimensions.length];
            java.util.Arrays.fill(lowerBounds, 1);
            return new ArrayValue(elementType, dimensions, lowerBounds, fill.values.toArray());
        }

        /** The walk of one JSON array into an array's elements and dimensions. */
        private final class ArrayFill {
            final int elementType;
            /** The column's typmod, which applies to each element. */
            final int typmod;
            final String column;
            /** The length of each dimension, -1 until its first sub-array ends. */
            final int[] lengths = new int[ArrayValue.MAX_DIMENSIONS];
            final List<Object> values = new ArrayList<>();
            int dimensions = -1;

            ArrayFill(int elementType, int typmod, String column) {
                this.elementType = elementType;
                this.typmod = typmod;
                this.column = column;
                java.util.Arrays.fill(lengths, -1);
            }

            /** The array {@code node} at depth {@code indexes.size()}, reached through {@code indexes}. */
            void dimension(Object node, List<Integer> indexes) {
                int depth = indexes.size();
                List<?> elements = elements(node);
                for (int i = 0; i < elements.size(); i++) {
                    Object element = elements.get(i);
                    boolean isArray = kind(element) == Kind.ARRAY;
                    if (dimensions < 0 && !isArray) {
                        dimensions = depth + 1;
                    }
                    indexes.add(i);
                    if (dimensions < 0 || depth + 1 < dimensions) {
                        if (!isArray) {
                            throw expectedArray(indexes);
                        }
                        if (depth + 2 > ArrayValue.MAX_DIMENSIONS) {
                            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED,
                                    "number of array dimensions (%d) exceeds the maximum allowed (%d)", depth + 2,
                                    ArrayValue.MAX_DIMENSIONS);
                        }
                        dimension(element, indexes);
                    } else {
                        values.add(field(element, elementType, typmod, null, column));
                    }
                    indexes.removeLast();
                }
                if (lengths[depth] < 0) {
                    lengths[depth] = elements.size();
                } else if (lengths[depth] != elements.size()) {
                    throw SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "malformed JSON array")
                            .withDetail("Multidimensional arrays must have sub-arrays with matching dimensions.");
                }
            }

            /** {@code populate_array_report_expected_array}: the hint names where the array was expected. */
            SqlException expectedArray(List<Integer> indexes) {
                SqlException error = SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "expected JSON array");
                if (indexes.isEmpty()) {
                    return error.withHint("See the value of key \"" + column + "\".");
                }
                StringBuilder path = new StringBuilder();
                for (int index : indexes) {
                    path.append('[').append(index).append(']');
                }
                return error.withHint("See the array element " + path + " of key \"" + column + "\".");
            }
        }
    }
}
