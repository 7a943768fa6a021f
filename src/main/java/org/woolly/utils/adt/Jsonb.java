package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code jsonb} value ({@code src/backend/utils/adt/jsonb.c}, {@code jsonb_util.c}): the
 * parsed, normalized tree. Nodes are {@link #NULL}, {@link Boolean}, {@link String},
 * {@link BigDecimal} (numeric), {@code List<Object>} (array) and {@code TreeMap<String, Object>}
 * (object, keys in {@link #KEY_ORDER}: shorter first, then by bytes, as {@code lengthCompareJsonbString}
 * stores them; a duplicate key keeps its last value).
 *
 * <p>Ordering is {@code compareJsonbContainers}': values of different kinds order
 * null &lt; string &lt; number &lt; boolean &lt; array &lt; object; arrays and objects with more
 * elements or pairs are greater, then compare element by element (objects key, value, key, ...);
 * a top-level scalar counts as a one-element array that sorts before a real one (so {@code []}
 * is below every scalar). {@link #equals} and {@link #hashCode} agree with it ({@code jsonb_hash}).
 */
public final class Jsonb implements Comparable<Object> {
    /** JSON {@code null}. */
    public static final Object NULL = JsonNull.INSTANCE;

    /** {@code lengthCompareJsonbString}: by UTF-8 length, then bytes. */
    static final Comparator<String> KEY_ORDER = Jsonb::compareKeys;

    private enum JsonNull { INSTANCE }

    private final Object root;

    Jsonb(Object root) {
        this.root = root;
    }

    Object root() {
        return root;
    }

    /** jsonb_in: parses and normalizes (also how a stored jsonb is read back). */
    public static Jsonb parse(String text) {
        return new Jsonb(fromNode(JsonParser.parse(text, true)));
    }

    /** A parsed JSON tree as jsonb nodes: numbers through numeric_in, keys sorted, the last duplicate kept. */
    static Object fromNode(JsonParser.Node node) {
        return switch (node) {
            case JsonParser.Scalar scalar -> switch (scalar.kind()) {
                case STRING -> scalar.text();
                case NUMBER -> NumericIO.parse(scalar.text());
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> NULL;
            };
            case JsonParser.ArrayNode array -> {
                List<Object> elements = new ArrayList<>(array.elements().size());
                for (JsonParser.Node element : array.elements()) {
                    elements.add(fromNode(element));
                }
                yield Collections.unmodifiableList(elements);
            }
            case JsonParser.ObjectNode object -> {
                TreeMap<String, Object> pairs = new TreeMap<>(KEY_ORDER);
                for (int i = 0; i < object.keys().size(); i++) {
                    pairs.put(object.keys().get(i), fromNode(object.values().get(i)));
                }
                yield pairs;
            }
        };
    }

    static int compareKeys(String left, String right) {
        byte[] a = left.getBytes(StandardCharsets.UTF_8);
        byte[] b = right.getBytes(StandardCharsets.UTF_8);
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        return Arrays.compareUnsigned(a, b);
    }

    /** The node as an object's pairs, or null when it is no object. */
    @SuppressWarnings("unchecked")
    static TreeMap<String, Object> asObject(Object node) {
        return node instanceof TreeMap<?, ?> map ? (TreeMap<String, Object>) map : null;
    }

    /** The node as an array's elements, or null when it is no array. */
    @SuppressWarnings("unchecked")
    static List<Object> asArray(Object node) {
        return node instanceof List<?> list ? (List<Object>) list : null;
    }

    boolean isScalar() {
        return asObject(root) == null && asArray(root) == null;
    }

    /** {@code JsonbTypeName}: object, array, string, number, boolean or null. */
    static String typeName(Object node) {
        if (node == NULL) {
            return "null";
        }
        return switch (node) {
            case String s -> "string";
            case Boolean b -> "boolean";
            case List<?> l -> "array";
            case TreeMap<?, ?> m -> "object";
            default -> "number";
        };
    }

    /** The order of kinds in {@code compareJsonbContainers}: null, string, number, boolean, array, object. */
    private static int kindRank(Object node) {
        if (node == NULL) {
            return 0;
        }
        return switch (node) {
            case String s -> 1;
            case Boolean b -> 3;
            case List<?> l -> 4;
            case TreeMap<?, ?> m -> 5;
            default -> 2;
        };
    }

    @Override
    public int compareTo(Object other) {
        Object left = root;
        Object right = ((Jsonb) other).root;
        boolean leftScalar = isScalar();
        boolean rightScalar = ((Jsonb) other).isScalar();
        if (leftScalar == rightScalar) {
            return compareNodes(left, right);
        }
        // a raw scalar is a one-element pseudo-array: below a real array unless that one is empty
        List<Object> array = asArray(leftScalar ? right : left);
        if (array == null) {
            return leftScalar ? -1 : 1;
        }
        int scalarFirst = array.isEmpty() ? 1 : -1;
        return leftScalar ? scalarFirst : -scalarFirst;
    }

    static int compareNodes(Object left, Object right) {
        int leftRank = kindRank(left);
        int rightRank = kindRank(right);
        if (leftRank != rightRank) {
            return Integer.compare(leftRank, rightRank);
        }
        switch (leftRank) {
            case 0:
                return 0;
            case 1:
                return ValueOrdering.compareText((String) left, (String) right);
            case 2:
                return ValueOrdering.compareNumeric(left, right);
            case 3:
                return Boolean.compare((Boolean) left, (Boolean) right);
            case 4: {
                List<Object> a = asArray(left);
                List<Object> b = asArray(right);
                if (a.size() != b.size()) {
                    return Integer.compare(a.size(), b.size());
                }
                for (int i = 0; i < a.size(); i++) {
                    int compared = compareNodes(a.get(i), b.get(i));
                    if (compared != 0) {
                        return compared;
                    }
                }
                return 0;
            }
            default: {
                TreeMap<String, Object> a = asObject(left);
                TreeMap<String, Object> b = asObject(right);
                if (a.size() != b.size()) {
                    return Integer.compare(a.size(), b.size());
                }
                var leftPairs = a.entrySet().iterator();
                var rightPairs = b.entrySet().iterator();
                while (leftPairs.hasNext()) {
                    Map.Entry<String, Object> x = leftPairs.next();
                    Map.Entry<String, Object> y = rightPairs.next();
                    int compared = ValueOrdering.compareText(x.getKey(), y.getKey());
                    if (compared == 0) {
                        compared = compareNodes(x.getValue(), y.getValue());
                    }
                    if (compared != 0) {
                        return compared;
                    }
                }
                return 0;
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Jsonb jsonb && compareTo(jsonb) == 0;
    }

    @Override
    public int hashCode() {
        return hashNode(root) * 31 + (isScalar() ? 1 : 0);
    }

    private static int hashNode(Object node) {
        if (node instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? 0 : decimal.stripTrailingZeros().hashCode();
        }
        List<Object> array = asArray(node);
        if (array != null) {
            int hash = 1;
            for (Object element : array) {
                hash = hash * 31 + hashNode(element);
            }
            return hash;
        }
        TreeMap<String, Object> object = asObject(node);
        if (object != null) {
            int hash = 7;
            for (Map.Entry<String, Object> pair : object.entrySet()) {
                hash = hash * 31 + pair.getKey().hashCode() * 17 + hashNode(pair.getValue());
            }
            return hash;
        }
        return node.hashCode();
    }

    /** jsonb_out's text. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        JsonWriter.appendNode(out, root, -1);
        return out.toString();
    }
}
