package org.woolly.utils.adt;

/**
 * Arithmetic on int2, int4 and int8 with PostgreSQL's overflow and division checks
 * ({@code int4pl}, {@code int48mi}, {@code int8div}, ... in {@code src/backend/utils/adt/int.c}
 * and {@code int8.c}), including the cross-type variants.
 */
final class IntegerOperators {
    private static final int[] TYPES = {TypeOids.INT2, TypeOids.INT4, TypeOids.INT8};

    private IntegerOperators() {}

    static void register(BuiltinFunctions.Registry registry) {
        for (int left : TYPES) {
            for (int right : TYPES) {
                int result = wider(left, right);
                registry.operator("+", left, right, result, (args, context) -> narrow(result,
                        add(longOf(args[0]), longOf(args[1]), result)));
                registry.operator("-", left, right, result, (args, context) -> narrow(result,
                        subtract(longOf(args[0]), longOf(args[1]), result)));
                registry.operator("*", left, right, result, (args, context) -> narrow(result,
                        multiply(longOf(args[0]), longOf(args[1]), result)));
                registry.operator("/", left, right, result, (args, context) -> narrow(result,
                        divide(longOf(args[0]), longOf(args[1]), result)));
                if (left == right) {
                    registry.operator("%", left, right, result, (args, context) -> narrow(result,
                            modulo(longOf(args[0]), longOf(args[1]))));
                }
            }
            registry.operator("-", 0, left, left, (args, context) -> narrow(left, checkRange(-longOf(args[0]), left)));
            registry.operator("+", 0, left, left, (args, context) -> args[0]);
            registry.operator("@", 0, left, left, (args, context) -> narrow(left,
                    checkRange(Math.abs(longOf(args[0])), left)));
        }
        for (String name : new String[] {"&", "|", "#"}) {
            for (int type : TYPES) {
                registry.operator(name, type, type, type, (args, context) -> {
                    long a = longOf(args[0]);
                    long b = longOf(args[1]);
                    return narrow(type, name.equals("&") ? a & b : name.equals("|") ? a | b : a ^ b);
                });
            }
        }
        for (int type : TYPES) {
            registry.operator("~", 0, type, type, (args, context) -> narrow(type, ~longOf(args[0])));
            // as int.c's int4shl in C on x86: the count is taken modulo the width of int (int8: long)
            registry.operator("<<", type, TypeOids.INT4, type, (args, context) -> type == TypeOids.INT8
                    ? (Object) ((Long) args[0] << (Integer) args[1])
                    : narrow(type, ((Number) args[0]).intValue() << (Integer) args[1]));
            registry.operator(">>", type, TypeOids.INT4, type, (args, context) -> type == TypeOids.INT8
                    ? (Object) ((Long) args[0] >> (Integer) args[1])
                    : narrow(type, ((Number) args[0]).intValue() >> (Integer) args[1]));
        }
    }

    static int wider(int left, int right) {
        if (left == TypeOids.INT8 || right == TypeOids.INT8) {
            return TypeOids.INT8;
        }
        if (left == TypeOids.INT4 || right == TypeOids.INT4) {
            return TypeOids.INT4;
        }
        return TypeOids.INT2;
    }

    static long longOf(Object value) {
        return ((Number) value).longValue();
    }

    static Object narrow(int type, long value) {
        return switch (type) {
            case TypeOids.INT2 -> (short) value;
            case TypeOids.INT4 -> (int) value;
            default -> value;
        };
    }

    static long checkRange(long value, int type) {
        switch (type) {
            case TypeOids.INT2 -> {
                if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
                    throw TypeErrors.smallintOutOfRange();
                }
            }
            case TypeOids.INT4 -> {
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw TypeErrors.integerOutOfRange();
                }
            }
            default -> {
                // int8 overflow is detected by the exact operations themselves
            }
        }
        return value;
    }

    private static RuntimeException overflow(int type) {
        return switch (type) {
            case TypeOids.INT2 -> TypeErrors.smallintOutOfRange();
            case TypeOids.INT4 -> TypeErrors.integerOutOfRange();
            default -> TypeErrors.bigintOutOfRange();
        };
    }

    static long add(long a, long b, int type) {
        try {
            return checkRange(Math.addExact(a, b), type);
        } catch (ArithmeticException e) {
            throw overflow(type);
        }
    }

    static long subtract(long a, long b, int type) {
        try {
            return checkRange(Math.subtractExact(a, b), type);
        } catch (ArithmeticException e) {
            throw overflow(type);
        }
    }

    static long multiply(long a, long b, int type) {
        try {
            return checkRange(Math.multiplyExact(a, b), type);
        } catch (ArithmeticException e) {
            throw overflow(type);
        }
    }

    static long divide(long a, long b, int type) {
        if (b == 0) {
            throw TypeErrors.divisionByZero();
        }
        if (b == -1) {
            if (a == Long.MIN_VALUE) {
                throw overflow(type);
            }
            return checkRange(-a, type);
        }
        return a / b;
    }

    static long modulo(long a, long b) {
        if (b == 0) {
            throw TypeErrors.divisionByZero();
        }
        return b == -1 ? 0 : a % b;
    }
}
