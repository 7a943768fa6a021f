package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.PgProcData.CALLED;
import static org.woolly.utils.adt.PgProcData.IMMUTABLE;
import static org.woolly.utils.adt.PgProcData.STABLE;
import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.TypeOids.ANY;
import static org.woolly.utils.adt.TypeOids.ANYARRAY;
import static org.woolly.utils.adt.TypeOids.ANYELEMENT;
import static org.woolly.utils.adt.TypeOids.BOOL;
import static org.woolly.utils.adt.TypeOids.INT4;
import static org.woolly.utils.adt.TypeOids.JSON;
import static org.woolly.utils.adt.TypeOids.JSONB;
import static org.woolly.utils.adt.TypeOids.RECORD;
import static org.woolly.utils.adt.TypeOids.TEXT;

/**
 * The json and jsonb functions of the documentation's "JSON Functions and Operators"
 * ({@code json.c}, {@code jsonb.c}, {@code jsonfuncs.c}): building ({@code to_json},
 * {@code row_to_json}, {@code array_to_json}, {@code json_build_object}/{@code _array},
 * {@code json_object}), inspecting ({@code json_typeof}, {@code json_array_length},
 * {@code json_extract_path}), changing ({@code jsonb_set}, {@code jsonb_insert},
 * {@code json_strip_nulls}, {@code jsonb_pretty}), the set-returning {@code json_object_keys} and
 * {@code json_array_elements}, and the aggregates {@code json_agg}, {@code json_object_agg}.
 * json results keep PostgreSQL's spacing of each function ({@code {"a" : 1}} for
 * json_build_object, {@code {"a":1}} for row_to_json).
 */
final class JsonFunctions {
    private static final int TEXT_ARRAY = TypeOids.TEXT_ARRAY;

    private JsonFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        registerBuilders(r);
        registerInspection(r);
        registerSets(r);
        registerAggregates(r);
    }

    private static void registerBuilders(BuiltinFunctions.Registry r) {
        r.function("to_json", JSON, STABLE, STRICT, (ArgumentTypedImplementation) types ->
                (a, c) -> JsonEncoder.toJson(a[0], types[0], c.formatSettings()), ANYELEMENT);
        r.function("to_jsonb", JSONB, STABLE, STRICT, (ArgumentTypedImplementation) types ->
                (a, c) -> new Jsonb(JsonEncoder.toJsonbNode(a[0], types[0], c.formatSettings())), ANYELEMENT);
        for (int arity = 1; arity <= 2; arity++) {
            int[] arrayArguments = arity == 1 ? new int[] {ANYARRAY} : new int[] {ANYARRAY, BOOL};
            int[] rowArguments = arity == 1 ? new int[] {RECORD} : new int[] {RECORD, BOOL};
            r.function("array_to_json", JSON, STABLE, STRICT, (ArgumentTypedImplementation) types -> (a, c) ->
                    pretty(a[0], types[0], a.length > 1 && (Boolean) a[1], c), arrayArguments);
            r.function("row_to_json", JSON, STABLE, STRICT, (ArgumentTypedImplementation) types -> (a, c) ->
                    pretty(a[0], types[0], a.length > 1 && (Boolean) a[1], c), rowArguments);
        }
        r.variadic("json_build_object", JSON, STABLE, CALLED, (ArgumentTypedImplementation) types ->
                (a, c) -> buildObject(a, types, c.formatSettings(), false), ANY);
        r.function("json_build_object", JSON, STABLE, CALLED, (a, c) -> "{}");
        r.variadic("jsonb_build_object", JSONB, STABLE, CALLED, (ArgumentTypedImplementation) types ->
                (a, c) -> buildObject(a, types, c.formatSettings(), true), ANY);
        r.function("jsonb_build_object", JSONB, STABLE, CALLED, (a, c) -> new Jsonb(new TreeMap<>(Jsonb.KEY_ORDER)));
        r.variadic("json_build_array", JSON, STABLE, CALLED, (ArgumentTypedImplementation) types -> (a, c) -> {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                out.append(i > 0 ? ", " : "");
                JsonEncoder.appendJson(out, a[i], types[i], c.formatSettings(), false);
            }
            return out.append(']').toString();
        }, ANY);
        r.function("json_build_array", JSON, STABLE, CALLED, (a, c) -> "[]");
        r.variadic("jsonb_build_array", JSONB, STABLE, CALLED, (ArgumentTypedImplementation) types -> (a, c) -> {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                elements.add(JsonEncoder.toJsonbNode(a[i], types[i], c.formatSettings()));
            }
            return new Jsonb(Collections.unmodifiableList(elements));
        }, ANY);
        r.function("jsonb_build_array", JSONB, STABLE, CALLED, (a, c) -> new Jsonb(List.of()));
        r.function("json_object", JSON, (a, c) -> objectText(JsonObjects.pairs((ArrayValue) a[0])), TEXT_ARRAY);
        r.function("json_object", JSON, (a, c) -> objectText(JsonObjects.pairs((ArrayValue) a[0], (ArrayValue) a[1])),
                TEXT_ARRAY, TEXT_ARRAY);
        r.function("jsonb_object", JSONB, (a, c) -> objectJsonb(JsonObjects.pairs((ArrayValue) a[0])), TEXT_ARRAY);
        r.function("jsonb_object", JSONB, (a, c) -> objectJsonb(JsonObjects.pairs((ArrayValue) a[0],
                (ArrayValue) a[1])), TEXT_ARRAY, TEXT_ARRAY);
    }

    private static String pretty(Object value, int type, boolean pretty, FunctionContext context) {
        StringBuilder out = new StringBuilder();
        JsonEncoder.appendJson(out, value, type, context.formatSettings(), pretty);
        return out.toString();
    }

    /** {@code json_build_object}/{@code jsonb_build_object}: alternating keys and values. */
    private static Object buildObject(Object[] args, int[] types, FormatSettings settings, boolean binary) {
        String name = binary ? "jsonb_build_object" : "json_build_object";
        if (args.length % 2 != 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements")
                    .withHint("The arguments of " + name + "() must consist of alternating keys and values.");
        }
        StringBuilder out = new StringBuilder("{");
        TreeMap<String, Object> object = new TreeMap<>(Jsonb.KEY_ORDER);
        for (int i = 0; i < args.length; i += 2) {
            if (args[i] == null) {
                throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "argument %d cannot be null", i + 1)
                        .withHint("Object keys should be text.");
            }
            String key = JsonObjects.keyText(args[i], types[i], settings);
            if (binary) {
                object.put(key, JsonEncoder.toJsonbNode(args[i + 1], types[i + 1], settings));
            } else {
                out.append(i > 0 ? ", " : "");
                JsonWriter.escape(out, key);
                out.append(" : ");
                JsonEncoder.appendJson(out, args[i + 1], types[i + 1], settings, false);
            }
        }
        return binary ? new Jsonb(object) : out.append('}').toString();
    }

    private static String objectText(List<String[]> pairs) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < pairs.size(); i++) {
            out.append(i > 0 ? ", " : "");
            JsonWriter.escape(out, pairs.get(i)[0]);
            out.append(" : ");
            if (pairs.get(i)[1] == null) {
                out.append("null");
            } else {
                JsonWriter.escape(out, pairs.get(i)[1]);
            }
        }
        return out.append('}').toString();
    }

    private static Jsonb objectJsonb(List<String[]> pairs) {
        TreeMap<String, Object> object = new TreeMap<>(Jsonb.KEY_ORDER);
        for (String[] pair : pairs) {
            object.put(pair[0], pair[1] == null ? Jsonb.NULL : pair[1]);
        }
        return new Jsonb(object);
    }

    private static void registerInspection(BuiltinFunctions.Registry r) {
        r.function("json_typeof", TEXT, (a, c) -> typeOf(JsonParser.parse((String) a[0], true)), JSON);
        r.function("jsonb_typeof", TEXT, (a, c) -> Jsonb.typeName(JsonOperators.root(a[0])), JSONB);
        r.function("json_array_length", INT4, (a, c) -> {
            JsonParser.Node node = JsonParser.parse((String) a[0], true);
            if (node instanceof JsonParser.ArrayNode array) {
                return array.elements().size();
            }
            throw notArray(node instanceof JsonParser.Scalar);
        }, JSON);
        r.function("jsonb_array_length", INT4, (a, c) -> {
            Jsonb jsonb = (Jsonb) a[0];
            List<Object> array = Jsonb.asArray(jsonb.root());
            if (array == null) {
                throw notArray(jsonb.isScalar());
            }
            return array.size();
        }, JSONB);
        r.variadic("json_extract_path", JSON, IMMUTABLE, STRICT,
                (a, c) -> JsonText.path((String) a[0], JsonOperators.path(a[1]), false), JSON, TEXT_ARRAY);
        r.variadic("json_extract_path_text", TEXT, IMMUTABLE, STRICT,
                (a, c) -> JsonText.path((String) a[0], JsonOperators.path(a[1]), true), JSON, TEXT_ARRAY);
        r.variadic("jsonb_extract_path", JSONB, IMMUTABLE, STRICT,
                (a, c) -> JsonOperators.extractPath((Jsonb) a[0], JsonOperators.path(a[1]), false), JSONB, TEXT_ARRAY);
        r.variadic("jsonb_extract_path_text", TEXT, IMMUTABLE, STRICT,
                (a, c) -> JsonOperators.extractPath((Jsonb) a[0], JsonOperators.path(a[1]), true), JSONB, TEXT_ARRAY);
        r.function("jsonb_set", JSONB, (a, c) -> JsonbPaths.set((Jsonb) a[0], JsonOperators.path(a[1]), (Jsonb) a[2],
                (Boolean) a[3]), JSONB, TEXT_ARRAY, JSONB, BOOL);
        r.function("jsonb_set", JSONB, (a, c) -> JsonbPaths.set((Jsonb) a[0], JsonOperators.path(a[1]), (Jsonb) a[2],
                true), JSONB, TEXT_ARRAY, JSONB);
        r.function("jsonb_insert", JSONB, (a, c) -> JsonbPaths.insert((Jsonb) a[0], JsonOperators.path(a[1]),
                (Jsonb) a[2], (Boolean) a[3]), JSONB, TEXT_ARRAY, JSONB, BOOL);
        r.function("jsonb_insert", JSONB, (a, c) -> JsonbPaths.insert((Jsonb) a[0], JsonOperators.path(a[1]),
                (Jsonb) a[2], false), JSONB, TEXT_ARRAY, JSONB);
        r.function("jsonb_strip_nulls", JSONB, (a, c) -> new Jsonb(stripNulls(JsonOperators.root(a[0]))), JSONB);
        r.function("json_strip_nulls", JSON, (a, c) -> {
            StringBuilder out = new StringBuilder();
            JsonObjects.appendStripped(out, (String) a[0], JsonParser.parse((String) a[0], true));
            return out.toString();
        }, JSON);
        r.function("jsonb_pretty", TEXT, (a, c) -> {
            StringBuilder out = new StringBuilder();
            JsonWriter.appendNode(out, JsonOperators.root(a[0]), 0);
            return out.toString();
        }, JSONB);
    }

    private static String typeOf(JsonParser.Node node) {
        return switch (node) {
            case JsonParser.ObjectNode object -> "object";
            case JsonParser.ArrayNode array -> "array";
            case JsonParser.Scalar scalar -> switch (scalar.kind()) {
                case STRING -> "string";
                case NUMBER -> "number";
                case TRUE, FALSE -> "boolean";
                case NULL -> "null";
            };
        };
    }

    private static SqlException notArray(boolean scalar) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                scalar ? "cannot get array length of a scalar" : "cannot get array length of a non-array");
    }

    /** {@code jsonb_strip_nulls}: object fields whose value is null go, at every level; array elements stay. */
    private static Object stripNulls(Object node) {
        TreeMap<String, Object> object = Jsonb.asObject(node);
        if (object != null) {
            TreeMap<String, Object> kept = new TreeMap<>(Jsonb.KEY_ORDER);
            for (Map.Entry<String, Object> pair : object.entrySet()) {
                if (pair.getValue() != Jsonb.NULL) {
                    kept.put(pair.getKey(), stripNulls(pair.getValue()));
                }
            }
            return kept;
        }
        List<Object> array = Jsonb.asArray(node);
        if (array == null) {
            return node;
        }
        List<Object> elements = new ArrayList<>();
        for (Object element : array) {
            elements.add(stripNulls(element));
        }
        return Collections.unmodifiableList(elements);
    }

    private static void registerSets(BuiltinFunctions.Registry r) {
        r.function("json_object_keys", TEXT, (a, c) -> {
            JsonParser.Node node = JsonParser.parse((String) a[0], true);
            if (node instanceof JsonParser.ObjectNode object) {
                return List.<Object>copyOf(object.keys()).iterator();
            }
            throw keysOfNonObject("json_object_keys", node instanceof JsonParser.Scalar);
        }, JSON);
        r.function("jsonb_object_keys", TEXT, (a, c) -> {
            Jsonb jsonb = (Jsonb) a[0];
            TreeMap<String, Object> object = Jsonb.asObject(jsonb.root());
            if (object == null) {
                throw keysOfNonObject("jsonb_object_keys", jsonb.isScalar());
            }
            return List.<Object>copyOf(object.keySet()).iterator();
        }, JSONB);
        r.function("json_array_elements", JSON, (a, c) -> jsonElements((String) a[0], false), JSON);
        r.function("json_array_elements_text", TEXT, (a, c) -> jsonElements((String) a[0], true), JSON);
        r.function("jsonb_array_elements", JSONB, (a, c) -> jsonbElements((Jsonb) a[0], false), JSONB);
        r.function("jsonb_array_elements_text", TEXT, (a, c) -> jsonbElements((Jsonb) a[0], true), JSONB);
    }

    private static SqlException keysOfNonObject(String function, boolean scalar) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                "cannot call " + function + " on " + (scalar ? "a scalar" : "an array"));
    }

    private static SqlException elementsOfNonArray(boolean scalar) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                "cannot extract elements from " + (scalar ? "a scalar" : "an object"));
    }

    private static Iterator<Object> jsonElements(String json, boolean asText) {
        JsonParser.Node node = JsonParser.parse(json, true);
        if (!(node instanceof JsonParser.ArrayNode array)) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot call json_array_elements"
                    + (asText ? "_text" : "") + " on " + (node instanceof JsonParser.Scalar ? "a scalar" : "a non-array"));
        }
        List<Object> values = new ArrayList<>();
        for (JsonParser.Node element : array.elements()) {
            values.add(JsonText.result(json, element, asText));
        }
        return values.iterator();
    }

    private static Iterator<Object> jsonbElements(Jsonb jsonb, boolean asText) {
        List<Object> array = Jsonb.asArray(jsonb.root());
        if (array == null) {
            throw elementsOfNonArray(jsonb.isScalar());
        }
        List<Object> values = new ArrayList<>();
        for (Object element : array) {
            values.add(asText ? JsonOperators.text(element) : new Jsonb(element));
        }
        return values.iterator();
    }

    private static void registerAggregates(BuiltinFunctions.Registry r) {
        r.aggregate(new AggregateDescriptor("json_agg", new int[] {ANYELEMENT}, TypeOids.INTERNAL, JSON,
                () -> null, (ArgumentTypedImplementation.Transition) types -> (state, args) -> {
                    StringBuilder out = state == null ? new StringBuilder("[") : (StringBuilder) state;
                    if (out.length() > 1) {
                        out.append(", ");
                        JsonEncoder.Category category = JsonEncoder.category(types[0]);
                        if (args[0] != null && (category == JsonEncoder.Category.ARRAY
                                || category == JsonEncoder.Category.COMPOSITE)) {
                            out.append("\n ");
                        }
                    }
                    JsonEncoder.appendJson(out, args[0], types[0], FormatSettings.DEFAULT, false);
                    return out;
                }, state -> state == null ? null : state + "]", false));
        r.aggregate(new AggregateDescriptor("jsonb_agg", new int[] {ANYELEMENT}, TypeOids.INTERNAL, JSONB,
                () -> null, (ArgumentTypedImplementation.Transition) types -> (state, args) -> {
                    @SuppressWarnings("unchecked")
                    List<Object> elements = state == null ? new ArrayList<>() : (List<Object>) state;
                    elements.add(JsonEncoder.toJsonbNode(args[0], types[0], FormatSettings.DEFAULT));
                    return elements;
                }, state -> state == null ? null : new Jsonb(Collections.unmodifiableList((List<?>) state)), false));
        r.aggregate(new AggregateDescriptor("json_object_agg", new int[] {ANY, ANY}, TypeOids.INTERNAL, JSON,
                () -> null, (ArgumentTypedImplementation.Transition) types -> (state, args) -> {
                    StringBuilder out = state == null ? new StringBuilder("{ ") : (StringBuilder) state;
                    String key = JsonObjects.aggregateKey(args[0], types[0]);
                    out.append(out.length() > 2 ? ", " : "");
                    JsonWriter.escape(out, key);
                    out.append(" : ");
                    JsonEncoder.appendJson(out, args[1], types[1], FormatSettings.DEFAULT, false);
                    return out;
                }, state -> state == null ? null : state + " }", false));
        r.aggregate(new AggregateDescriptor("jsonb_object_agg", new int[] {ANY, ANY}, TypeOids.INTERNAL, JSONB,
                () -> null, (ArgumentTypedImplementation.Transition) types -> (state, args) -> {
                    @SuppressWarnings("unchecked")
                    TreeMap<String, Object> object = state == null ? new TreeMap<>(Jsonb.KEY_ORDER)
                            : (TreeMap<String, Object>) state;
                    object.put(JsonObjects.aggregateKey(args[0], types[0]),
                            JsonEncoder.toJsonbNode(args[1], types[1], FormatSettings.DEFAULT));
                    return object;
                }, state -> state == null ? null : new Jsonb(state), false));
    }
}
