package org.woolly.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Evaluation of the array expressions ({@code ExecEvalArrayExpr}, {@code array_get_element} /
 * {@code array_get_slice}, {@code ExecEvalScalarArrayOp} in {@code execExprInterp.c} and
 * {@code arrayfuncs.c}).
 */
final class ArrayExpressions {
    private ArrayExpressions() {}

    /** {@code ARRAY[...]}: a one-dimensional array, or one more dimension over equal sub-arrays. */
    static CompiledExpression construct(QueryExpr.ArrayConstruct array, CompiledExpression[] elements) {
        int elementType = array.elementType();
        if (!array.multidimensional()) {
            return row -> {
                List<Object> values = new ArrayList<>(elements.length);
                for (CompiledExpression element : elements) {
                    values.add(element.evaluate(row));
                }
                return ArrayValue.of(elementType, values);
            };
        }
        return row -> {
            ArrayValue first = null;
            List<Object> values = new ArrayList<>();
            int count = 0;
            for (CompiledExpression element : elements) {
                ArrayValue sub = (ArrayValue) element.evaluate(row);
                if (sub == null || sub.dimensionCount() == 0) {
                    if (first != null) {
                        throw mismatch();
                    }
                    continue;
                }
                if (first == null) {
                    first = sub;
                } else if (!Arrays.equals(first.dimensions(), sub.dimensions())
                        || !Arrays.equals(first.lowerBounds(), sub.lowerBounds())) {
                    throw mismatch();
                }
                values.addAll(sub.elements());
                count++;
            }
            if (first == null) {
                return ArrayValue.empty(elementType);
            }
            if (count < elements.length) {
                throw mismatch();
            }
            return ArrayValue.stacked(elementType, first, count, values);
        };
    }

    private static SqlException mismatch() {
        return SqlException.of(SqlState.ARRAY_SUBSCRIPT_ERROR,
                "multidimensional arrays must have array expressions with matching dimensions");
    }

    /** {@code a[i][j]} (NULL out of bounds or for another number of subscripts) and {@code a[lo:hi]}. */
    static CompiledExpression subscript(QueryExpr.ArraySubscript subscript, CompiledExpression array,
                                        CompiledExpression[] lowers, CompiledExpression[] uppers) {
        boolean slice = subscript.slice();
        return row -> {
            Object evaluated = array.evaluate(row);
            if (evaluated == null) {
                return null;
            }
            if (evaluated instanceof org.woolly.utils.adt.Geometry geometry) {
                Object index = lowers.length == 1 ? lowers[0].evaluate(row) : null;
                return index == null ? null : org.woolly.utils.adt.Geometry.part(geometry, (Integer) index);
            }
            ArrayValue value = (ArrayValue) evaluated;
            Integer[] low = new Integer[lowers.length];
            Integer[] high = new Integer[lowers.length];
            for (int i = 0; i < lowers.length; i++) {
                if (lowers[i] != null) {
                    low[i] = (Integer) lowers[i].evaluate(row);
                    if (low[i] == null) {
                        return null;
                    }
                }
                if (slice && uppers[i] != null) {
                    high[i] = (Integer) uppers[i].evaluate(row);
                    if (high[i] == null) {
                        return null;
                    }
                }
            }
            return slice ? slice(value, low, high) : element(value, low);
        };
    }

    private static Object element(ArrayValue array, Integer[] index) {
        if (index.length != array.dimensionCount()) {
            return null;
        }
        int offset = 0;
        for (int dim = 0; dim < index.length; dim++) {
            int position = index[dim] - array.lowerBound(dim);
            if (position < 0 || position >= array.length(dim)) {
                return null;
            }
            offset = offset * array.length(dim) + position;
        }
        return array.element(offset);
    }

    private static ArrayValue slice(ArrayValue array, Integer[] lows, Integer[] highs) {
        int dims = array.dimensionCount();
        if (dims < lows.length || dims == 0) {
            return ArrayValue.empty(array.elementType());
        }
        int[] from = new int[dims];
        int[] lengths = new int[dims];
        for (int dim = 0; dim < dims; dim++) {
            int lower = array.lowerBound(dim);
            int upper = lower + array.length(dim) - 1;
            long start = dim < lows.length && lows[dim] != null ? Math.max(lows[dim], lower) : lower;
            long end = dim < highs.length && highs[dim] != null ? Math.min(highs[dim], upper) : upper;
            if (start > end) {
                return ArrayValue.empty(array.elementType());
            }
            from[dim] = (int) (start - lower);
            lengths[dim] = (int) (end - start + 1);
        }
        int total = 1;
        for (int length : lengths) {
            total *= length;
        }
        Object[] values = new Object[total];
        int[] position = new int[dims];
        for (int i = 0; i < total; i++) {
            int offset = 0;
            for (int dim = 0; dim < dims; dim++) {
                offset = offset * array.length(dim) + from[dim] + position[dim];
            }
            values[i] = array.element(offset);
            for (int dim = dims - 1; dim >= 0; dim--) {
                if (++position[dim] < lengths[dim]) {
                    break;
                }
                position[dim] = 0;
            }
        }
        int[] ones = new int[dims];
        Arrays.fill(ones, 1);
        return new ArrayValue(array.elementType(), lengths, ones, values);
    }

    /** {@code left op ANY/ALL (array)}: three-valued over the elements; an empty array gives false/true. */
    static CompiledExpression scalarArrayOp(ExecutorContext context, QueryExpr.ScalarArrayOp op, CompiledExpression left,
                                            CompiledExpression array) {
        FunctionHandle operator = op.operator();
        boolean all = op.all();
        return row -> {
            Object leftValue = left.evaluate(row);
            ArrayValue arrayValue = (ArrayValue) array.evaluate(row);
            if (arrayValue == null) {
                return null;
            }
            if (arrayValue.size() == 0) {
                return all;
            }
            if (leftValue == null && operator.strict()) {
                return null;
            }
            return quantified(context, operator, all, leftValue, arrayValue.elements());
        };
    }

    /**
     * Compares {@code left} with each right value: ANY is true at the first true, ALL false at the
     * first false; otherwise NULL when a comparison was NULL, else false for ANY and true for ALL.
     */
    static Boolean quantified(ExecutorContext context, FunctionHandle operator, boolean all, Object left,
                              Iterable<Object> rights) {
        boolean sawNull = false;
        int compared = 0;
        for (Object right : rights) {
            if ((++compared & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                context.checkForInterrupts();
            }
            Object result = (left == null || right == null) && operator.strict() ? null
                    : operator.invoker().invoke(new Object[] {left, right}, context);
            if (result == null) {
                sawNull = true;
            } else if ((Boolean) result != all) {
                return !all;
            }
        }
        return sawNull ? null : all;
    }
}
