package org.woolly.executor;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Assignment to an array element or slice ({@code array_subscript_assign} /
 * {@code array_subscript_assign_slice} in {@code arraysubs.c}, {@code array_set_element} /
 * {@code array_set_slice} in {@code arrayfuncs.c}). A NULL array counts as an empty one; a
 * one-dimensional array grows to take a subscript beyond its bounds (the gap filled with NULLs),
 * a multi-dimensional one does not.
 */
public final class ArrayAssignment {
    /** PostgreSQL's {@code MaxArraySize}: the most elements one array may hold. */
    private static final long MAX_ARRAY_SIZE = 0x3FFFFFFFL / 8;

    private ArrayAssignment() {}

    static CompiledExpression compile(QueryExpr.ArrayAssign assign, CompiledExpression array,
                                      CompiledExpression[] lowers, CompiledExpression[] uppers,
                                      CompiledExpression value) {
        int elementType = BuiltinTypes.elementType(assign.type());
        boolean slice = assign.slice();
        return row -> {
            ArrayValue current = (ArrayValue) array.evaluate(row);
            Integer[] low = new Integer[lowers.length];
            Integer[] high = new Integer[lowers.length];
            for (int i = 0; i < lowers.length; i++) {
                low[i] = lowers[i] == null ? null : subscript(lowers[i].evaluate(row));
                high[i] = !slice || uppers[i] == null ? null : subscript(uppers[i].evaluate(row));
            }
            ArrayValue base = current == null ? ArrayValue.empty(elementType) : current;
            Object replacement = value.evaluate(row);
            if (!slice) {
                return element(base, low, replacement);
            }
            return replacement == null ? base : slice(base, low, high, (ArrayValue) replacement);
        };
    }

    private static Integer subscript(Object value) {
        if (value == null) {
            throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "array subscript in assignment must not be null");
        }
        return (Integer) value;
    }

    /** {@code array_set_element}; PL/pgSQL's {@code arr[i] := v} too. */
    public static ArrayValue element(ArrayValue array, Integer[] index, Object value) {
        int count = index.length;
        int[] from = new int[count];
        for (int i = 0; i < count; i++) {
            from[i] = index[i];
        }
        if (array.dimensionCount() == 0) {
            int[] ones = new int[count];
            Arrays.fill(ones, 1);
            return new ArrayValue(array.elementType(), ones, from.clone(), new Object[] {value});
        }
        if (array.dimensionCount() != count) {
            throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        }
        int[] dims = array.dimensions().clone();
        int[] lbs = array.lowerBounds().clone();
        if (count == 1) {
            extend(dims, lbs, from[0], from[0]);
        } else {
            requireInside(array, from, from);
        }
        return rebuild(array, dims, lbs, from, from, Collections.singletonList(value).iterator());
    }

    /** {@code array_set_slice}: the source's elements are read in order, whatever its shape. */
    static ArrayValue slice(ArrayValue array, Integer[] lows, Integer[] highs, ArrayValue source) {
        int count = lows.length;
        if (array.dimensionCount() == 0) {
            int[] dims = new int[count];
            int[] lbs = new int[count];
            for (int i = 0; i < count; i++) {
                if (lows[i] == null || highs[i] == null) {
                    throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR,
                            "array slice subscript must provide both boundaries").withDetail(
                            "When assigning to a slice of an empty array value, slice boundaries must be fully specified.");
                }
                dims[i] = checkedLength((long) highs[i] - lows[i] + 1);
                lbs[i] = lows[i];
            }
            long items = itemCount(dims);
            if (items > source.size()) {
                throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "source array too small");
            }
            return rebuild(array, dims, lbs, lbs, upperBounds(dims, lbs), source.elements().iterator());
        }
        int ndim = array.dimensionCount();
        if (ndim < count) {
            throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        }
        int[] dims = array.dimensions().clone();
        int[] lbs = array.lowerBounds().clone();
        int[] from = new int[ndim];
        int[] to = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            from[i] = i < count && lows[i] != null ? lows[i] : lbs[i];
            to[i] = i < count && highs[i] != null ? highs[i] : lbs[i] + dims[i] - 1;
            if (from[i] > to[i]) {
                throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
            }
        }
        if (ndim == 1) {
            extend(dims, lbs, from[0], to[0]);
        } else {
            requireInside(array, from, to);
        }
        long wanted = 1;
        for (int i = 0; i < ndim; i++) {
            wanted *= (long) to[i] - from[i] + 1;
        }
        if (wanted > source.size()) {
            throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "source array too small");
        }
        return rebuild(array, dims, lbs, from, to, source.elements().iterator());
    }

    /** Widens the only dimension of a one-dimensional array to hold {@code from..to}. */
    private static void extend(int[] dims, int[] lbs, int from, int to) {
        long lower = Math.min(lbs[0], from);
        long upper = Math.max((long) lbs[0] + dims[0] - 1, to);
        dims[0] = checkedLength(upper - lower + 1);
        if (upper >= Integer.MAX_VALUE) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "array upper bound is too large: %d", upper + 1);
        }
        lbs[0] = (int) lower;
    }

    private static int checkedLength(long length) {
        if (length > MAX_ARRAY_SIZE) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (%d)",
                    MAX_ARRAY_SIZE);
        }
        return (int) length;
    }

    private static void requireInside(ArrayValue array, int[] from, int[] to) {
        for (int i = 0; i < from.length; i++) {
            int lower = array.lowerBound(i);
            if (from[i] < lower || to[i] >= (long) lower + array.length(i)) {
                throw SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR, "array subscript out of range");
            }
        }
    }

    private static long itemCount(int[] dims) {
        long items = 1;
        for (int dim : dims) {
            items *= dim;
        }
        if (items > MAX_ARRAY_SIZE) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (%d)",
                    MAX_ARRAY_SIZE);
        }
        return items;
    }

    private static int[] upperBounds(int[] dims, int[] lbs) {
        int[] upper = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            upper[i] = lbs[i] + dims[i] - 1;
        }
        return upper;
    }

    /**
     * The array of shape {@code dims}/{@code lbs} whose positions inside {@code from..to} take the
     * next replacement values (row-major), the others the old array's element there or NULL.
     */
    private static ArrayValue rebuild(ArrayValue old, int[] dims, int[] lbs, int[] from, int[] to,
                                      Iterator<Object> replacements) {
        int ndim = dims.length;
        Object[] elements = new Object[(int) itemCount(dims)];
        int[] position = lbs.clone();
        boolean hadOld = old.dimensionCount() == ndim;
        for (int i = 0; i < elements.length; i++) {
            boolean assigned = true;
            boolean inOld = hadOld;
            int oldOffset = 0;
            for (int dim = 0; dim < ndim; dim++) {
                int at = position[dim];
                assigned &= at >= from[dim] && at <= to[dim];
                if (inOld) {
                    int relative = at - old.lowerBound(dim);
                    inOld = relative >= 0 && relative < old.length(dim);
                    oldOffset = oldOffset * old.length(dim) + relative;
                }
            }
            elements[i] = assigned ? replacements.next() : inOld ? old.element(oldOffset) : null;
            for (int dim = ndim - 1; dim >= 0; dim--) {
                if (++position[dim] < lbs[dim] + dims[dim]) {
                    break;
                }
                position[dim] = lbs[dim];
            }
        }
        return new ArrayValue(old.elementType(), dims, lbs, elements);
    }
}
