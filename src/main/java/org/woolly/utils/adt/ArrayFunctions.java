package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.TypeOids.*;

/**
 * The array functions and operators ({@code array_length}, {@code array_append}, {@code @>},
 * {@code unnest}, {@code string_to_array}, ... in {@code src/backend/utils/adt/arrayfuncs.c} and
 * {@code array_userfuncs.c}) and {@code array_agg}. Element equality is the element type's
 * ({@link ValueOrdering#groupingKey}); order is {@code array_cmp} ({@link ArrayValue#comparator}).
 */
final class ArrayFunctions {
    private static final int INT4_ARRAY = 1007;
    private static final int TEXT_ARRAY = TypeOids.TEXT_ARRAY;
    private static final char I = PgProcData.IMMUTABLE;

    private ArrayFunctions() {}

    /** A body that does not need the call's element type. */
    private static PolymorphicImplementation any(FunctionImplementation body) {
        return element -> body;
    }

    static void register(BuiltinFunctions.Registry r) {
        boolean strict = PgProcData.STRICT;
        boolean called = PgProcData.CALLED;
        r.function("array_length", INT4, I, strict, any((a, c) -> dimension((ArrayValue) a[0], (Integer) a[1], 0)),
                ANYARRAY, INT4);
        r.function("array_lower", INT4, I, strict, any((a, c) -> dimension((ArrayValue) a[0], (Integer) a[1], 1)),
                ANYARRAY, INT4);
        r.function("array_upper", INT4, I, strict, any((a, c) -> dimension((ArrayValue) a[0], (Integer) a[1], 2)),
                ANYARRAY, INT4);
        r.function("cardinality", INT4, I, strict, any((a, c) -> ((ArrayValue) a[0]).size()), ANYARRAY);
        r.function("array_ndims", INT4, I, strict, any((a, c) -> {
            int dims = ((ArrayValue) a[0]).dimensionCount();
            return dims == 0 ? null : dims;
        }), ANYARRAY);
        r.function("array_dims", TEXT, I, strict, any((a, c) -> dims((ArrayValue) a[0])), ANYARRAY);
        r.function("array_append", ANYCOMPATIBLEARRAY, I, called,
                (PolymorphicImplementation) element -> (a, c) -> add((ArrayValue) a[0], a[1], element, false),
                ANYCOMPATIBLEARRAY, ANYCOMPATIBLE);
        r.function("array_prepend", ANYCOMPATIBLEARRAY, I, called,
                (PolymorphicImplementation) element -> (a, c) -> add((ArrayValue) a[1], a[0], element, true),
                ANYCOMPATIBLE, ANYCOMPATIBLEARRAY);
        r.function("array_cat", ANYCOMPATIBLEARRAY, I, called, any((a, c) -> concatenate((ArrayValue) a[0],
                (ArrayValue) a[1])), ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY);
        r.function("array_position", INT4, I, called, any((a, c) -> position((ArrayValue) a[0], a[1], null, false)),
                ANYCOMPATIBLEARRAY, ANYCOMPATIBLE);
        r.function("array_position", INT4, I, called, any((a, c) -> position((ArrayValue) a[0], a[1],
                startPosition(a[2]), false)), ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, INT4);
        r.function("array_positions", INT4_ARRAY, I, called, any((a, c) -> position((ArrayValue) a[0], a[1], null,
                true)), ANYCOMPATIBLEARRAY, ANYCOMPATIBLE);
        r.function("array_remove", ANYCOMPATIBLEARRAY, I, called, any((a, c) -> replace((ArrayValue) a[0], a[1], null,
                true)), ANYCOMPATIBLEARRAY, ANYCOMPATIBLE);
        r.function("array_replace", ANYCOMPATIBLEARRAY, I, called, any((a, c) -> replace((ArrayValue) a[0], a[1], a[2],
                false)), ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, ANYCOMPATIBLE);
        r.function("array_to_string", TEXT, PgProcData.STABLE, strict, any((a, c) -> join((ArrayValue) a[0],
                (String) a[1], null, c)), ANYARRAY, TEXT);
        r.function("array_to_string", TEXT, PgProcData.STABLE, called, any((a, c) -> a[0] == null || a[1] == null ? null
                : join((ArrayValue) a[0], (String) a[1], (String) a[2], c)), ANYARRAY, TEXT, TEXT);
        r.function("string_to_array", TEXT_ARRAY, I, called, (a, c) -> split((String) a[0], (String) a[1], null),
                TEXT, TEXT);
        r.function("string_to_array", TEXT_ARRAY, I, called, (a, c) -> split((String) a[0], (String) a[1],
                (String) a[2]), TEXT, TEXT, TEXT);
        r.function("string_to_table", TEXT, I, called, (a, c) -> elements(split((String) a[0], (String) a[1], null)),
                TEXT, TEXT);
        r.function("string_to_table", TEXT, I, called, (a, c) -> elements(split((String) a[0], (String) a[1],
                (String) a[2])), TEXT, TEXT, TEXT);
        r.function("array_fill", ANYARRAY, I, called, (PolymorphicImplementation) element -> (a, c) ->
                fill(element, a[0], (ArrayValue) a[1], null, false), ANYELEMENT, INT4_ARRAY);
        r.function("array_fill", ANYARRAY, I, called, (PolymorphicImplementation) element -> (a, c) ->
                fill(element, a[0], (ArrayValue) a[1], (ArrayValue) a[2], true), ANYELEMENT, INT4_ARRAY, INT4_ARRAY);
        r.function("unnest", ANYELEMENT, I, strict, any((a, c) -> ((ArrayValue) a[0]).elements().iterator()), ANYARRAY);
        r.function("trim_array", ANYARRAY, I, strict, any((a, c) -> trim((ArrayValue) a[0], (Integer) a[1])),
                ANYARRAY, INT4);
        r.function("generate_subscripts", INT4, I, strict, any((a, c) -> subscripts((ArrayValue) a[0], (Integer) a[1],
                false)), ANYARRAY, INT4);
        r.function("generate_subscripts", INT4, I, strict, any((a, c) -> subscripts((ArrayValue) a[0], (Integer) a[1],
                (Boolean) a[2])), ANYARRAY, INT4, BOOL);
        registerOperators(r);
        for (boolean larger : new boolean[] {false, true}) {
            r.aggregate(new AggregateDescriptor(larger ? "max" : "min", new int[] {ANYARRAY}, ANYARRAY, ANYARRAY,
                    () -> null, (state, args) -> {
                        if (state == null) {
                            return args[0];
                        }
                        int order = ArrayValue.comparator(((ArrayValue) state).elementType()).compare(args[0], state);
                        return larger ? (order > 0 ? args[0] : state) : (order < 0 ? args[0] : state);
                    }, state -> state, true));
        }
        r.aggregate(new AggregateDescriptor("array_agg", new int[] {ANYARRAY}, PgAggregateData.INTERNAL, ANYARRAY,
                ArrayList::new, (state, args) -> {
                    @SuppressWarnings("unchecked")
                    List<Object> arrays = (List<Object>) state;
                    if (args[0] == null) {
                        throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "cannot accumulate null arrays");
                    }
                    arrays.add(args[0]);
                    return arrays;
                }, state -> ((List<?>) state).isEmpty() ? null : ArrayValue.accumulate(
                        ((ArrayValue) ((List<?>) state).getFirst()).elementType(), new ArrayList<>((List<?>) state)),
                false));
        r.aggregate(new AggregateDescriptor("array_agg", new int[] {ANYNONARRAY}, PgAggregateData.INTERNAL, ANYARRAY,
                ArrayList::new, (state, args) -> {
                    @SuppressWarnings("unchecked")
                    List<Object> values = (List<Object>) state;
                    values.add(args[0]);
                    return values;
                }, state -> ((List<?>) state).isEmpty() ? null : ArrayValue.of(0, (List<?>) state), false));
    }

    private static void registerOperators(BuiltinFunctions.Registry r) {
        r.operator("||", ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, ANYCOMPATIBLEARRAY,
                (PolymorphicImplementation) element -> (a, c) -> add((ArrayValue) a[0], a[1], element, false));
        r.operator("||", ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY,
                (PolymorphicImplementation) element -> (a, c) -> add((ArrayValue) a[1], a[0], element, true));
        r.operator("||", ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY,
                any((a, c) -> concatenate((ArrayValue) a[0], (ArrayValue) a[1])));
        r.operator("=", ANYARRAY, ANYARRAY, BOOL, any((a, c) -> a[0].equals(a[1])), "=", "<>");
        r.operator("<>", ANYARRAY, ANYARRAY, BOOL, any((a, c) -> !a[0].equals(a[1])), "<>", "=");
        r.operator("<", ANYARRAY, ANYARRAY, BOOL, any((a, c) -> compare(a) < 0), ">", ">=");
        r.operator(">", ANYARRAY, ANYARRAY, BOOL, any((a, c) -> compare(a) > 0), "<", "<=");
        r.operator("<=", ANYARRAY, ANYARRAY, BOOL, any((a, c) -> compare(a) <= 0), ">=", ">");
        r.operator(">=", ANYARRAY, ANYARRAY, BOOL, any((a, c) -> compare(a) >= 0), "<=", "<");
        r.operator("&&", ANYARRAY, ANYARRAY, BOOL, any((a, c) -> overlaps((ArrayValue) a[0], (ArrayValue) a[1])),
                "&&", null);
        r.operator("@>", ANYARRAY, ANYARRAY, BOOL, any((a, c) -> contains((ArrayValue) a[0], (ArrayValue) a[1])),
                "<@", null);
        r.operator("<@", ANYARRAY, ANYARRAY, BOOL, any((a, c) -> contains((ArrayValue) a[1], (ArrayValue) a[0])),
                "@>", null);
    }

    /** {@code trim_array(a, n)}: the array without its last {@code n} elements along the first dimension. */
    private static ArrayValue trim(ArrayValue array, int count) {
        int length = array.dimensionCount() == 0 ? 0 : array.length(0);
        if (count < 0 || count > length) {
            throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "number of elements to trim must be between 0 and %d",
                    length);
        }
        if (count == length) {
            return ArrayValue.empty(array.elementType());
        }
        int[] dims = array.dimensions().clone();
        dims[0] = length - count;
        int kept = array.size() / length * dims[0];
        return new ArrayValue(array.elementType(), dims, array.lowerBounds().clone(),
                array.elements().subList(0, kept).toArray());
    }

    /** {@code generate_subscripts(a, dim [, reverse])}: the subscripts of one dimension, none when it has none. */
    private static java.util.Iterator<Object> subscripts(ArrayValue array, int dim, boolean reverse) {
        if (dim < 1 || dim > array.dimensionCount()) {
            return java.util.Collections.emptyIterator();
        }
        int lower = array.lowerBound(dim - 1);
        int length = array.length(dim - 1);
        List<Object> values = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            values.add(reverse ? lower + length - 1 - i : lower + i);
        }
        return values.iterator();
    }

    /** {@code array_fill(value, dims [, lower bounds])}: every element {@code value}. */
    private static ArrayValue fill(int elementType, Object value, ArrayValue dims, ArrayValue lowers, boolean withLowers) {
        if (dims == null || withLowers && lowers == null) {
            throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension array or low bound array cannot be null");
        }
        if (dims.dimensionCount() > 1 || lowers != null && lowers.dimensionCount() > 1) {
            throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts")
                    .withDetail(dims.dimensionCount() > 1 ? "Dimension array must be one dimensional."
                            : "Low bound array must be one dimensional.");
        }
        if (lowers != null && lowers.size() != dims.size()) {
            throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts")
                    .withDetail("Low bound array has different size than dimensions array.");
        }
        if (dims.size() > ArrayValue.MAX_DIMENSIONS) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "number of array dimensions (%d) exceeds the maximum allowed (%d)", dims.size(), ArrayValue.MAX_DIMENSIONS);
        }
        int[] lengths = new int[dims.size()];
        int[] bounds = new int[dims.size()];
        long total = 1;
        for (int i = 0; i < lengths.length; i++) {
            if (dims.element(i) == null || lowers != null && lowers.element(i) == null) {
                throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension values cannot be null");
            }
            lengths[i] = (Integer) dims.element(i);
            bounds[i] = lowers == null ? 1 : (Integer) lowers.element(i);
            total *= Math.max(lengths[i], 0);
            if (total > 134_217_727) {
                throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (134217727)");
            }
        }
        if (total == 0 || lengths.length == 0) {
            return ArrayValue.empty(elementType);
        }
        Object[] elements = new Object[(int) total];
        java.util.Arrays.fill(elements, value);
        return new ArrayValue(elementType, lengths, bounds, elements);
    }

    private static int compare(Object[] args) {
        return ArrayValue.comparator(((ArrayValue) args[0]).elementType()).compare(args[0], args[1]);
    }

    /** {@code array_length} (0), {@code array_lower} (1), {@code array_upper} (2) of a dimension; NULL outside. */
    private static Integer dimension(ArrayValue array, int dim, int what) {
        if (dim < 1 || dim > array.dimensionCount()) {
            return null;
        }
        int length = array.length(dim - 1);
        int lower = array.lowerBound(dim - 1);
        return switch (what) {
            case 0 -> length;
            case 1 -> lower;
            default -> lower + length - 1;
        };
    }

    private static String dims(ArrayValue array) {
        if (array.dimensionCount() == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int dim = 0; dim < array.dimensionCount(); dim++) {
            text.append('[').append(array.lowerBound(dim)).append(':')
                    .append(array.lowerBound(dim) + array.length(dim) - 1).append(']');
        }
        return text.toString();
    }

    private static void requireOneDimension(ArrayValue array) {
        if (array.dimensionCount() > 1) {
            throw SqlException.of(SqlState.DATA_EXCEPTION, "argument must be empty or one-dimensional array");
        }
    }

    /** {@code array_append} or, {@code front}, {@code array_prepend}: the lower bound stays the array's. */
    private static ArrayValue add(ArrayValue array, Object element, int elementType, boolean front) {
        if (array == null || array.dimensionCount() == 0) {
            return ArrayValue.of(elementType, java.util.Collections.singletonList(element));
        }
        requireOneDimension(array);
        List<Object> values = array.elements();
        if (front) {
            values.addFirst(element);
        } else {
            values.add(element);
        }
        return new ArrayValue(array.elementType(), new int[] {values.size()}, array.lowerBounds(), values.toArray());
    }

    /** {@code array_cat}: same dimensions joined on the first, or one array added as an element of the other. */
    private static ArrayValue concatenate(ArrayValue left, ArrayValue right) {
        if (left == null || right == null) {
            return left == null ? right : left;
        }
        if (left.dimensionCount() == 0 || right.dimensionCount() == 0) {
            return left.dimensionCount() == 0 ? right : left;
        }
        int leftDims = left.dimensionCount();
        int rightDims = right.dimensionCount();
        int[] lengths;
        int[] lowerBounds;
        if (leftDims == rightDims) {
            checkInner(left.dimensions(), 1, right.dimensions(), 1, leftDims - 1, "Arrays with differing element dimensions are not compatible for concatenation.");
            lengths = left.dimensions();
            lengths[0] += right.length(0);
            lowerBounds = left.lowerBounds();
        } else if (leftDims == rightDims + 1) {
            checkInner(left.dimensions(), 1, right.dimensions(), 0, rightDims, "Arrays with differing dimensions are not compatible for concatenation.");
            lengths = left.dimensions();
            lengths[0]++;
            lowerBounds = left.lowerBounds();
        } else if (leftDims + 1 == rightDims) {
            checkInner(left.dimensions(), 0, right.dimensions(), 1, leftDims, "Arrays with differing dimensions are not compatible for concatenation.");
            lengths = right.dimensions();
            lengths[0]++;
            lowerBounds = right.lowerBounds();
        } else {
            throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays").withDetail(
                    "Arrays of %d and %d dimensions are not compatible for concatenation.".formatted(leftDims, rightDims));
        }
        List<Object> values = left.elements();
        values.addAll(right.elements());
        return new ArrayValue(left.elementType(), lengths, lowerBounds, values.toArray());
    }

    private static void checkInner(int[] left, int leftFrom, int[] right, int rightFrom, int count, String detail) {
        for (int i = 0; i < count; i++) {
            if (left[leftFrom + i] != right[rightFrom + i]) {
                throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays")
                        .withDetail(detail);
            }
        }
    }

    private static Integer startPosition(Object start) {
        if (start == null) {
            throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "initial position must not be null");
        }
        return (Integer) start;
    }

    private static boolean sameElement(int elementType, Object element, Object search) {
        return element == null ? search == null : search != null
                && Objects.equals(ValueOrdering.groupingKey(elementType, element), ValueOrdering.groupingKey(elementType, search));
    }

    /** {@code array_position(s)}: subscripts where the element IS NOT DISTINCT FROM {@code search}. */
    private static Object position(ArrayValue array, Object search, Integer start, boolean all) {
        if (array == null) {
            return null;
        }
        if (array.dimensionCount() > 1) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "searching for elements in multidimensional arrays is not supported");
        }
        List<Object> positions = new ArrayList<>();
        int lower = array.dimensionCount() == 0 ? 1 : array.lowerBound(0);
        for (int i = 0; i < array.size(); i++) {
            if (start != null && lower + i < start) {
                continue;
            }
            if (sameElement(array.elementType(), array.element(i), search)) {
                if (!all) {
                    return lower + i;
                }
                positions.add(lower + i);
            }
        }
        return all ? ArrayValue.of(INT4, positions) : null;
    }

    /** {@code array_remove} ({@code remove}) or {@code array_replace}. */
    private static ArrayValue replace(ArrayValue array, Object search, Object replacement, boolean remove) {
        if (array == null) {
            return null;
        }
        if (remove && array.dimensionCount() > 1) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "removing elements from multidimensional arrays is not supported");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object element = array.element(i);
            if (!sameElement(array.elementType(), element, search)) {
                values.add(element);
            } else if (!remove) {
                values.add(replacement);
            }
        }
        if (!remove) {
            return array.withElements(array.elementType(), values.toArray());
        }
        if (values.isEmpty()) {
            return ArrayValue.empty(array.elementType());
        }
        return new ArrayValue(array.elementType(), new int[] {values.size()}, array.lowerBounds(), values.toArray());
    }

    private static String join(ArrayValue array, String delimiter, String nullText, FunctionContext context) {
        TypeIO io = BuiltinTypes.byOid(array.elementType()).io();
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < array.size(); i++) {
            Object element = array.element(i);
            if (element == null && nullText == null) {
                continue;
            }
            if (!first) {
                text.append(delimiter);
            }
            first = false;
            text.append(element == null ? nullText : io.output(element, context.formatSettings()));
        }
        return text.toString();
    }

    /** The elements of a one-dimensional array, none for NULL: what string_to_table returns. */
    private static java.util.Iterator<Object> elements(ArrayValue array) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            values.add(array.element(i));
        }
        return values.iterator();
    }

    /** {@code string_to_array}: NULL delimiter splits into characters, an empty one keeps the string whole. */
    private static ArrayValue split(String text, String delimiter, String nullText) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            return ArrayValue.empty(TEXT);
        }
        List<Object> parts = new ArrayList<>();
        if (delimiter == null) {
            text.codePoints().forEach(codePoint -> parts.add(Character.toString(codePoint)));
        } else if (delimiter.isEmpty()) {
            parts.add(text);
        } else {
            int from = 0;
            int at;
            while ((at = text.indexOf(delimiter, from)) >= 0) {
                parts.add(text.substring(from, at));
                from = at + delimiter.length();
            }
            parts.add(text.substring(from));
        }
        if (nullText != null) {
            parts.replaceAll(part -> nullText.equals(part) ? null : part);
        }
        return ArrayValue.of(TEXT, parts);
    }

    private static boolean overlaps(ArrayValue left, ArrayValue right) {
        Set<Object> keys = keys(left);
        for (int i = 0; i < right.size(); i++) {
            Object element = right.element(i);
            if (element != null && keys.contains(ValueOrdering.groupingKey(right.elementType(), element))) {
                return true;
            }
        }
        return false;
    }

    /** {@code container @> contained}: every element of {@code contained} is in {@code container}; a NULL never is. */
    private static boolean contains(ArrayValue container, ArrayValue contained) {
        Set<Object> keys = keys(container);
        for (int i = 0; i < contained.size(); i++) {
            Object element = contained.element(i);
            if (element == null || !keys.contains(ValueOrdering.groupingKey(contained.elementType(), element))) {
                return false;
            }
        }
        return true;
    }

    private static Set<Object> keys(ArrayValue array) {
        Set<Object> keys = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Object element = array.element(i);
            if (element != null) {
                keys.add(ValueOrdering.groupingKey(array.elementType(), element));
            }
        }
        return keys;
    }
}
