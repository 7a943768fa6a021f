package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A value of an array type ({@code ArrayType} in {@code src/include/utils/array.h}): the element
 * type, the length and lower bound of each dimension, and the elements in row-major order, each
 * in the element type's Java representation (null for a NULL element). An empty array has no
 * dimensions. Immutable: functions build new values.
 *
 * <p>{@link #equals} and {@link #hashCode} follow {@code array_eq} (element equality through the
 * element type's grouping key, same dimensions and lower bounds; two NULL elements are equal), so
 * an array can be a grouping or hash key as it is.
 */
public final class ArrayValue {
    /** PostgreSQL's {@code MAXDIM}. */
    public static final int MAX_DIMENSIONS = 6;

    private final int elementType;
    private final int[] dimensions;
    private final int[] lowerBounds;
    private final Object[] elements;

    public ArrayValue(int elementType, int[] dimensions, int[] lowerBounds, Object[] elements) {
        this.elementType = elementType;
        this.dimensions = dimensions;
        this.lowerBounds = lowerBounds;
        this.elements = elements;
    }

    /** A one-dimensional array with lower bound 1 (empty when {@code elements} is). */
    public static ArrayValue of(int elementType, List<?> elements) {
        if (elements.isEmpty()) {
            return empty(elementType);
        }
        return new ArrayValue(elementType, new int[] {elements.size()}, new int[] {1}, elements.toArray());
    }

    public static ArrayValue empty(int elementType) {
        return new ArrayValue(elementType, new int[0], new int[0], new Object[0]);
    }

    /**
     * Arrays of one shape stacked into one more dimension ({@code accumArrayResultArr}, used by
     * {@code ARRAY(subquery)} over arrays): NULL or empty inputs are errors, as in PostgreSQL.
     */
    public static ArrayValue accumulate(int elementType, List<Object> arrays) {
        if (arrays.isEmpty()) {
            return ArrayValue.empty(elementType);
        }
        ArrayValue first = null;
        List<Object> values = new ArrayList<>();
        for (Object item : arrays) {
            if (item == null) {
                throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "cannot accumulate null arrays");
            }
            ArrayValue sub = (ArrayValue) item;
            if (sub.dimensionCount() == 0) {
                throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "cannot accumulate empty arrays");
            }
            if (first == null) {
                first = sub;
            } else if (!Arrays.equals(first.dimensions(), sub.dimensions())
                    || !Arrays.equals(first.lowerBounds(), sub.lowerBounds())) {
                throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "cannot accumulate arrays of different dimensionality");
            }
            values.addAll(sub.elements());
        }
        return stacked(elementType, first, arrays.size(), values);
    }

    /** {@code count} arrays shaped like {@code first}, their elements in {@code values}, as one more dimension. */
    public static ArrayValue stacked(int elementType, ArrayValue first, int count, List<Object> values) {
        int dims = first.dimensionCount() + 1;
        if (dims > ArrayValue.MAX_DIMENSIONS) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "number of array dimensions (%d) exceeds the maximum allowed (%d)", dims, ArrayValue.MAX_DIMENSIONS);
        }
        int[] lengths = new int[dims];
        int[] lowerBounds = new int[dims];
        lengths[0] = count;
        lowerBounds[0] = 1;
        System.arraycopy(first.dimensions(), 0, lengths, 1, dims - 1);
        System.arraycopy(first.lowerBounds(), 0, lowerBounds, 1, dims - 1);
        return new ArrayValue(elementType, lengths, lowerBounds, values.toArray());
    }

    public int elementType() {
        return elementType;
    }

    public int dimensionCount() {
        return dimensions.length;
    }

    /** Length of dimension {@code dim} (0-based). */
    public int length(int dim) {
        return dimensions[dim];
    }

    /** Lower bound of dimension {@code dim} (0-based). */
    public int lowerBound(int dim) {
        return lowerBounds[dim];
    }

    public int[] dimensions() {
        return dimensions.clone();
    }

    public int[] lowerBounds() {
        return lowerBounds.clone();
    }

    public int size() {
        return elements.length;
    }

    public Object element(int index) {
        return elements[index];
    }

    /** The elements in storage order (a copy). */
    public List<Object> elements() {
        return new ArrayList<>(Arrays.asList(elements));
    }

    public boolean hasNulls() {
        for (Object element : elements) {
            if (element == null) {
                return true;
            }
        }
        return false;
    }

    /** The same elements and shape as an array of another element type (after converting each element). */
    public ArrayValue withElements(int newElementType, Object[] newElements) {
        return new ArrayValue(newElementType, dimensions, lowerBounds, newElements);
    }

    /** {@code array_cmp}: elements in storage order (NULL after any value), then count, dimensions, bounds. */
    public static Comparator<Object> comparator(int elementType) {
        Comparator<Object> elementOrder = ValueOrdering.comparator(elementType);
        return (leftObject, rightObject) -> {
            ArrayValue left = (ArrayValue) leftObject;
            ArrayValue right = (ArrayValue) rightObject;
            int common = Math.min(left.elements.length, right.elements.length);
            for (int i = 0; i < common; i++) {
                Object a = left.elements[i];
                Object b = right.elements[i];
                if (a == null || b == null) {
                    if (a != b) {
                        return a == null ? 1 : -1;
                    }
                    continue;
                }
                int order = elementOrder.compare(a, b);
                if (order != 0) {
                    return order;
                }
            }
            if (left.elements.length != right.elements.length) {
                return Integer.compare(left.elements.length, right.elements.length);
            }
            if (left.dimensions.length != right.dimensions.length) {
                return Integer.compare(left.dimensions.length, right.dimensions.length);
            }
            for (int dim = 0; dim < left.dimensions.length; dim++) {
                if (left.dimensions[dim] != right.dimensions[dim]) {
                    return Integer.compare(left.dimensions[dim], right.dimensions[dim]);
                }
                if (left.lowerBounds[dim] != right.lowerBounds[dim]) {
                    return Integer.compare(left.lowerBounds[dim], right.lowerBounds[dim]);
                }
            }
            return 0;
        };
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ArrayValue array) || !Arrays.equals(dimensions, array.dimensions)
                || !Arrays.equals(lowerBounds, array.lowerBounds) || elements.length != array.elements.length) {
            return false;
        }
        for (int i = 0; i < elements.length; i++) {
            Object a = ValueOrdering.groupingKey(elementType, elements[i]);
            Object b = ValueOrdering.groupingKey(array.elementType, array.elements[i]);
            if (a == null || b == null ? a != b : !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(dimensions);
        for (Object element : elements) {
            Object key = ValueOrdering.groupingKey(elementType, element);
            hash = hash * 31 + (key == null ? 0 : key.hashCode());
        }
        return hash;
    }

    @Override
    public String toString() {
        return ArrayIO.format(this, null, FormatSettings.DEFAULT);
    }
}
