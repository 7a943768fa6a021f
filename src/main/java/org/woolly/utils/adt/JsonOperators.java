package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.TypeOids.BOOL;
import static org.woolly.utils.adt.TypeOids.INT4;
import static org.woolly.utils.adt.TypeOids.JSON;
import static org.woolly.utils.adt.TypeOids.JSONB;
import static org.woolly.utils.adt.TypeOids.TEXT;

/**
 * The json and jsonb operators of the documentation's "JSON Functions and Operators" and the casts
 * between json, jsonb and the scalar types: field and element access {@code -> ->> #> #>>}
 * ({@code jsonfuncs.c}), containment {@code @> <@} ({@code JsonbDeepContains}), key existence
 * {@code ? ?| ?&}, concatenation {@code ||} ({@code IteratorConcat}), deletion {@code - #-}, and
 * {@code jsonb_bool}/{@code jsonb_numeric}/{@code jsonb_int4}... ({@code jsonb.c}). The comparison
 * operators go through {@link ComparisonOperators} with {@link Jsonb}'s order.
 */
final class JsonOperators {
    private static final int TEXT_ARRAY = TypeOids.TEXT_ARRAY;

    private JsonOperators() {}

    static void register(BuiltinFunctions.Registry r) {
        r.operator("->", JSON, TEXT, JSON, (a, c) -> JsonText.field((String) a[0], (String) a[1], false));
        r.operator("->>", JSON, TEXT, TEXT, (a, c) -> JsonText.field((String) a[0], (String) a[1], true));
        r.operator("->", JSON, INT4, JSON, (a, c) -> JsonText.element((String) a[0], (Integer) a[1], false));
        r.operator("->>", JSON, INT4, TEXT, (a, c) -> JsonText.element((String) a[0], (Integer) a[1], true));
        r.operator("#>", JSON, TEXT_ARRAY, JSON, (a, c) -> JsonText.path((String) a[0], path(a[1]), false));
        r.operator("#>>", JSON, TEXT_ARRAY, TEXT, (a, c) -> JsonText.path((String) a[0], path(a[1]), true));
        r.operator("->", JSONB, TEXT, JSONB, (a, c) -> wrap(field(root(a[0]), (String) a[1])));
        r.operator("->>", JSONB, TEXT, TEXT, (a, c) -> text(field(root(a[0]), (String) a[1])));
        r.operator("->", JSONB, INT4, JSONB, (a, c) -> wrap(element(rootAsArray(a[0]), (Integer) a[1])));
        r.operator("->>", JSONB, INT4, TEXT, (a, c) -> text(element(rootAsArray(a[0]), (Integer) a[1])));
        r.operator("#>", JSONB, TEXT_ARRAY, JSONB, (a, c) -> extractPath((Jsonb) a[0], path(a[1]), false));
        r.operator("#>>", JSONB, TEXT_ARRAY, TEXT, (a, c) -> extractPath((Jsonb) a[0], path(a[1]), true));
        r.operator("@>", JSONB, JSONB, BOOL, (a, c) -> contains((Jsonb) a[0], (Jsonb) a[1]));
        r.operator("<@", JSONB, JSONB, BOOL, (a, c) -> contains((Jsonb) a[1], (Jsonb) a[0]));
        r.operator("?", JSONB, TEXT, BOOL, (a, c) -> exists(root(a[0]), (String) a[1]));
        r.operator("?|", JSONB, TEXT_ARRAY, BOOL, (a, c) -> existsAny(root(a[0]), path(a[1]), false));
        r.operator("?&", JSONB, TEXT_ARRAY, BOOL, (a, c) -> existsAny(root(a[0]), path(a[1]), true));
        r.operator("||", JSONB, JSONB, JSONB, (a, c) -> concat((Jsonb) a[0], (Jsonb) a[1]));
        r.operator("-", JSONB, TEXT, JSONB, (a, c) -> deleteKeys((Jsonb) a[0], List.of((String) a[1])));
        r.operator("-", JSONB, TEXT_ARRAY, JSONB, (a, c) -> deleteKeys((Jsonb) a[0], path(a[1])));
        r.operator("-", JSONB, INT4, JSONB, (a, c) -> deleteIndex((Jsonb) a[0], (Integer) a[1]));
        r.operator("#-", JSONB, TEXT_ARRAY, JSONB, (a, c) -> JsonbPaths.deletePath((Jsonb) a[0], path(a[1])));
        registerCasts(r);
    }

    private static void registerCasts(BuiltinFunctions.Registry r) {
        r.cast(JSON, JSONB, CastDescriptor.ASSIGNMENT, (v, t, c) -> Jsonb.parse((String) v));
        r.cast(JSONB, JSON, CastDescriptor.ASSIGNMENT, (v, t, c) -> v.toString());
        r.cast(JSONB, BOOL, CastDescriptor.EXPLICIT, (v, t, c) -> {
            if (root(v) instanceof Boolean bool) {
                return bool;
            }
            throw cannotCast(root(v), "boolean");
        });
        r.cast(JSONB, TypeOids.NUMERIC, CastDescriptor.EXPLICIT, (v, t, c) -> number(v, "numeric"));
        int[] targets = {TypeOids.INT2, INT4, TypeOids.INT8, TypeOids.FLOAT4, TypeOids.FLOAT8};
        String[] names = {"smallint", "integer", "bigint", "real", "double precision"};
        for (int i = 0; i < targets.length; i++) {
            int target = targets[i];
            String name = names[i];
            // numeric's own casts, looked up at the call: they register after these
            r.cast(JSONB, target, CastDescriptor.EXPLICIT,
                    (v, t, c) -> BuiltinFunctions.cast(TypeOids.NUMERIC, target).apply(number(v, name), -1, c));
        }
    }

    private static BigDecimal number(Object jsonb, String typeName) {
        if (root(jsonb) instanceof BigDecimal decimal) {
            return decimal;
        }
        throw cannotCast(root(jsonb), typeName);
    }

    /** {@code cannotCastJsonbValue}: 22023 naming the jsonb kind (numbers are "numeric"). */
    private static SqlException cannotCast(Object node, String typeName) {
        String kind = Jsonb.typeName(node);
        return SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "cannot cast jsonb %s to type %s",
                kind.equals("number") ? "numeric" : kind, typeName);
    }

    static Object root(Object jsonb) {
        return ((Jsonb) jsonb).root();
    }

    /** The elements of an array root, or of a raw scalar's pseudo-array (so {@code '1'::jsonb -> 0} is 1). */
    private static List<Object> rootAsArray(Object jsonb) {
        Object root = root(jsonb);
        List<Object> array = Jsonb.asArray(root);
        if (array != null) {
            return array;
        }
        return Jsonb.asObject(root) == null ? List.of(root) : null;
    }

    static Jsonb wrap(Object node) {
        return node == null ? null : new Jsonb(node);
    }

    /** {@code ->>}'s text of a node: a string unquoted, JSON null as SQL NULL, anything else as jsonb text. */
    static String text(Object node) {
        if (node == null || node == Jsonb.NULL) {
            return null;
        }
        if (node instanceof String string) {
            return string;
        }
        StringBuilder out = new StringBuilder();
        JsonWriter.appendNode(out, node, -1);
        return out.toString();
    }

    static Object field(Object node, String key) {
        TreeMap<String, Object> object = Jsonb.asObject(node);
        return object == null ? null : object.get(key);
    }

    /** The element at {@code index}, counting from the end when negative; null when there is none. */
    static Object element(List<Object> array, int index) {
        if (array == null) {
            return null;
        }
        int at = index < 0 ? array.size() + index : index;
        return at < 0 || at >= array.size() ? null : array.get(at);
    }

    /** A text[] argument as its elements (NULL elements kept as null). */
    static List<String> path(Object array) {
        List<String> elements = new ArrayList<>();
        for (Object element : ((ArrayValue) array).elements()) {
            elements.add((String) element);
        }
        return elements;
    }

    /** An array index as a path element spells it ({@code strtoint}), or null when it is no integer. */
    static Integer pathIndex(String element) {
        try {
            return Integer.parseInt(element.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code get_jsonb_path_all}: follows keys and indexes; NULL where the path leaves the value. */
    static Object extractPath(Jsonb jsonb, List<String> path, boolean asText) {
        Object node = jsonb.root();
        if (path.isEmpty()) {
            return asText ? text(node) : jsonb;
        }
        for (String step : path) {
            if (step == null) {
                return null;
            }
            if (Jsonb.asObject(node) != null) {
                node = field(node, step);
            } else if (Jsonb.asArray(node) != null) {
                Integer index = pathIndex(step);
                node = index == null ? null : element(Jsonb.asArray(node), index);
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return asText ? text(node) : new Jsonb(node);
    }

    /** A root as the pseudo-array PostgreSQL keeps a raw scalar in. */
    private static List<Object> asContainer(Jsonb jsonb) {
        return jsonb.isScalar() ? List.of(jsonb.root()) : null;
    }

    /** {@code jsonb_contains}: a raw scalar contains only a raw scalar; an array may contain one. */
    static boolean contains(Jsonb value, Jsonb contained) {
        if (value.isScalar() || contained.isScalar()) {
            if (value.isScalar() && !contained.isScalar()) {
                return false;
            }
            List<Object> outer = value.isScalar() ? asContainer(value) : Jsonb.asArray(value.root());
            return outer != null && deepContains(outer, asContainer(contained));
        }
        return deepContains(value.root(), contained.root());
    }

    /** {@code JsonbDeepContains}. */
    private static boolean deepContains(Object value, Object contained) {
        TreeMap<String, Object> object = Jsonb.asObject(value);
        TreeMap<String, Object> containedObject = Jsonb.asObject(contained);
        if (object != null || containedObject != null) {
            if (object == null || containedObject == null) {
                return false;
            }
            for (Map.Entry<String, Object> pair : containedObject.entrySet()) {
                Object mine = object.get(pair.getKey());
                if (mine == null || !nodeContains(mine, pair.getValue())) {
                    return false;
                }
            }
            return true;
        }
        List<Object> array = Jsonb.asArray(value);
        List<Object> containedArray = Jsonb.asArray(contained);
        if (array == null || containedArray == null) {
            return false;
        }
        for (Object wanted : containedArray) {
            boolean found = false;
            for (Object candidate : array) {
                if (isContainer(wanted) ? isContainer(candidate) && nodeContains(candidate, wanted)
                        : !isContainer(candidate) && Jsonb.compareNodes(candidate, wanted) == 0) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean nodeContains(Object value, Object contained) {
        if (!isContainer(value) || !isContainer(contained)) {
            return !isContainer(value) && !isContainer(contained) && Jsonb.compareNodes(value, contained) == 0;
        }
        return deepContains(value, contained);
    }

    private static boolean isContainer(Object node) {
        return Jsonb.asArray(node) != null || Jsonb.asObject(node) != null;
    }

    /** {@code jsonb_exists}: a top-level key, or a string element of an array (or the raw scalar string). */
    private static boolean exists(Object root, String key) {
        TreeMap<String, Object> object = Jsonb.asObject(root);
        if (object != null) {
            return object.containsKey(key);
        }
        List<Object> array = Jsonb.asArray(root);
        return array != null ? array.contains(key) : key.equals(root);
    }

    /** {@code jsonb_exists_any} / {@code _all}; NULL keys are ignored. */
    private static boolean existsAny(Object root, List<String> keys, boolean all) {
        for (String key : keys) {
            if (key == null) {
                continue;
            }
            if (exists(root, key) != all) {
                return !all;
            }
        }
        return all;
    }

    /** {@code jsonb_concat}: two objects merge (right wins); anything else concatenates as arrays. */
    private static Jsonb concat(Jsonb left, Jsonb right) {
        TreeMap<String, Object> leftObject = Jsonb.asObject(left.root());
        TreeMap<String, Object> rightObject = Jsonb.asObject(right.root());
        if (leftObject != null && rightObject != null) {
            TreeMap<String, Object> merged = new TreeMap<>(leftObject);
            merged.putAll(rightObject);
            return new Jsonb(merged);
        }
        List<Object> elements = new ArrayList<>(asElements(left.root()));
        elements.addAll(asElements(right.root()));
        return new Jsonb(java.util.Collections.unmodifiableList(elements));
    }

    private static List<Object> asElements(Object node) {
        List<Object> array = Jsonb.asArray(node);
        return array != null ? array : List.of(node);
    }

    /** {@code jsonb_delete}/{@code jsonb_delete_array}: keys of an object, equal strings of an array. */
    private static Jsonb deleteKeys(Jsonb jsonb, List<String> keys) {
        if (jsonb.isScalar()) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        }
        TreeMap<String, Object> object = Jsonb.asObject(jsonb.root());
        if (object != null) {
            TreeMap<String, Object> kept = new TreeMap<>(object);
            keys.forEach(kept::remove);
            return new Jsonb(kept);
        }
        List<Object> kept = new ArrayList<>();
        for (Object element : Jsonb.asArray(jsonb.root())) {
            if (!(element instanceof String string && keys.contains(string))) {
                kept.add(element);
            }
        }
        return new Jsonb(java.util.Collections.unmodifiableList(kept));
    }

    /** {@code jsonb_delete_idx}. */
    private static Jsonb deleteIndex(Jsonb jsonb, int index) {
        if (jsonb.isScalar()) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        }
        List<Object> array = Jsonb.asArray(jsonb.root());
        if (array == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from object using integer index");
        }
        int at = index < 0 ? array.size() + index : index;
        if (at < 0 || at >= array.size()) {
            return jsonb;
        }
        List<Object> kept = new ArrayList<>(array);
        kept.remove(at);
        return new Jsonb(java.util.Collections.unmodifiableList(kept));
    }
}
