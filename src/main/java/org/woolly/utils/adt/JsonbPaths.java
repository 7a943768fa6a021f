package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Changes at a path inside a jsonb value ({@code setPath}, {@code setPathObject},
 * {@code setPathArray} of {@code jsonfuncs.c}): {@code #-} ({@code jsonb_delete_path}),
 * {@code jsonb_set} and {@code jsonb_insert}. The value is rebuilt along the path only; a path
 * that leaves the value changes nothing. Array steps must be integers (negative ones count from
 * the end); an index past either end appends or prepends where creating is allowed.
 */
final class JsonbPaths {
    private enum Mode { DELETE, SET, SET_EXISTING, INSERT_BEFORE, INSERT_AFTER }

    private JsonbPaths() {}

    static Jsonb deletePath(Jsonb jsonb, List<String> path) {
        if (jsonb.isScalar()) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete path in scalar");
        }
        return path.isEmpty() ? jsonb : new Jsonb(change(jsonb.root(), path, 0, null, Mode.DELETE));
    }

    /** {@code jsonb_set}: replaces the value at the path, or adds it when {@code createMissing}. */
    static Jsonb set(Jsonb jsonb, List<String> path, Jsonb value, boolean createMissing) {
        return update(jsonb, path, value, createMissing ? Mode.SET : Mode.SET_EXISTING, "set");
    }

    /** {@code jsonb_insert}: inserts into an array before (or after) the element, or adds a new key. */
    static Jsonb insert(Jsonb jsonb, List<String> path, Jsonb value, boolean after) {
        return update(jsonb, path, value, after ? Mode.INSERT_AFTER : Mode.INSERT_BEFORE, "insert");
    }

    private static Jsonb update(Jsonb jsonb, List<String> path, Jsonb value, Mode mode, String verb) {
        if (jsonb.isScalar()) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot " + verb + " path in scalar");
        }
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i) == null) {
                throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "path element at position %d is null", i + 1);
            }
        }
        return path.isEmpty() ? jsonb : new Jsonb(change(jsonb.root(), path, 0, value.root(), mode));
    }

    private static Object change(Object node, List<String> path, int level, Object value, Mode mode) {
        TreeMap<String, Object> object = Jsonb.asObject(node);
        if (object != null) {
            return changeObject(object, path, level, value, mode);
        }
        List<Object> array = Jsonb.asArray(node);
        if (array != null) {
            return changeArray(array, path, level, value, mode);
        }
        return node;
    }

    private static Object changeObject(TreeMap<String, Object> object, List<String> path, int level, Object value,
                                       Mode mode) {
        String key = path.get(level);
        Object current = object.get(key);
        boolean last = level == path.size() - 1;
        if (current == null) {
            if (!last || mode == Mode.DELETE || mode == Mode.SET_EXISTING) {
                return object;
            }
            TreeMap<String, Object> added = new TreeMap<>(object);
            added.put(key, value);
            return added;
        }
        TreeMap<String, Object> changed = new TreeMap<>(object);
        if (!last) {
            changed.put(key, change(current, path, level + 1, value, mode));
        } else if (mode == Mode.DELETE) {
            changed.remove(key);
        } else if (mode == Mode.INSERT_BEFORE || mode == Mode.INSERT_AFTER) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot replace existing key")
                    .withHint("Try using the function jsonb_set to replace key value.");
        } else {
            changed.put(key, value);
        }
        return changed;
    }

    private static Object changeArray(List<Object> array, List<String> path, int level, Object value, Mode mode) {
        Integer index = JsonOperators.pathIndex(path.get(level));
        if (index == null) {
            throw SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION,
                    "path element at position %d is not an integer: \"%s\"", level + 1, path.get(level));
        }
        int size = array.size();
        int at = index < 0 ? size + index : index;
        boolean last = level == path.size() - 1;
        List<Object> changed = new ArrayList<>(array);
        if (at < 0 || at >= size) {
            if (!last || mode == Mode.DELETE || mode == Mode.SET_EXISTING) {
                return array;
            }
            changed.add(at < 0 ? 0 : size, value);
        } else if (!last) {
            changed.set(at, change(array.get(at), path, level + 1, value, mode));
        } else {
            switch (mode) {
                case DELETE -> changed.remove(at);
                case INSERT_BEFORE -> changed.add(at, value);
                case INSERT_AFTER -> changed.add(at + 1, value);
                default -> changed.set(at, value);
            }
        }
        return Collections.unmodifiableList(changed);
    }
}
