package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Arithmetic on float4 and float8 ({@code float8pl}, {@code float48mul}, ... in
 * {@code src/backend/utils/adt/float.c}) with its overflow/underflow checks
 * ({@code float_overflow_error}, {@code float_underflow_error}).
 */
final class FloatOperators {
    private FloatOperators() {}

    static void register(BuiltinFunctions.Registry registry) {
        int[] types = {TypeOids.FLOAT4, TypeOids.FLOAT8};
        for (int left : types) {
            for (int right : types) {
                int result = left == TypeOids.FLOAT4 && right == TypeOids.FLOAT4 ? TypeOids.FLOAT4 : TypeOids.FLOAT8;
                registry.operator("+", left, right, result, (args, context) -> box(result, add(d(args[0]), d(args[1]))));
                registry.operator("-", left, right, result, (args, context) -> box(result,
                        add(d(args[0]), -d(args[1]))));
                registry.operator("*", left, right, result, (args, context) -> box(result,
                        multiply(d(args[0]), d(args[1]))));
                registry.operator("/", left, right, result, (args, context) -> box(result,
                        divide(d(args[0]), d(args[1]))));
            }
            registry.operator("-", 0, left, left, (args, context) -> box(left, -d(args[0])));
            registry.operator("+", 0, left, left, (args, context) -> args[0]);
            registry.operator("@", 0, left, left, (args, context) -> box(left, Math.abs(d(args[0]))));
        }
        registry.operator("^", TypeOids.FLOAT8, TypeOids.FLOAT8, TypeOids.FLOAT8,
                (args, context) -> MathFunctions.power(d(args[0]), d(args[1])));
    }

    static double d(Object value) {
        return ((Number) value).doubleValue();
    }

    static Object box(int type, double value) {
        if (type == TypeOids.FLOAT4) {
            float narrowed = (float) value;
            if (Float.isInfinite(narrowed) && !Double.isInfinite(value)) {
                throw overflow();
            }
            if (narrowed == 0 && value != 0) {
                throw underflow();
            }
            return narrowed;
        }
        return value;
    }

    static SqlException overflow() {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }

    static SqlException underflow() {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
    }

    static double add(double a, double b) {
        double result = a + b;
        if (Double.isInfinite(result) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw overflow();
        }
        return result;
    }

    static double multiply(double a, double b) {
        double result = a * b;
        if (Double.isInfinite(result) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw overflow();
        }
        if (result == 0 && a != 0 && b != 0) {
            throw underflow();
        }
        return result;
    }

    static double divide(double a, double b) {
        if (b == 0 && !Double.isNaN(a)) {
            throw TypeErrors.divisionByZero();
        }
        double result = a / b;
        if (Double.isInfinite(result) && !Double.isInfinite(a)) {
            throw overflow();
        }
        if (result == 0 && a != 0 && !Double.isInfinite(b)) {
            throw underflow();
        }
        return result;
    }
}
