package org.woolly.utils.adt;

import java.util.Comparator;

/**
 * The six comparison operators for every ordered built-in type, and the cross-type ones
 * PostgreSQL has (integer widths, float widths, date/timestamp/timestamptz): the btree
 * operator families of {@code pg_amop.dat}. Each compares through {@link BuiltinTypes#comparator}.
 */
final class ComparisonOperators {
    private static final String[] NAMES = {"=", "<>", "<", ">", "<=", ">="};

    /** Comparison of two values already brought to a common representation. */
    @FunctionalInterface
    interface Comparison {
        int compare(Object left, Object right, FunctionContext context);
    }

    private ComparisonOperators() {}

    static void register(BuiltinFunctions.Registry registry) {
        int[] sameType = {TypeOids.BOOL, TypeOids.OID, TypeOids.NUMERIC, TypeOids.TEXT, TypeOids.BPCHAR,
            TypeOids.NAME, TypeOids.CHAR, TypeOids.BYTEA, TypeOids.DATE, TypeOids.TIME, TypeOids.TIMESTAMP,
            TypeOids.TIMESTAMPTZ, TypeOids.INTERVAL, TypeOids.BIT, TypeOids.VARBIT, TypeOids.UUID,
            TypeOids.JSONB};
        for (int type : sameType) {
            Comparator<Object> comparator = BuiltinTypes.comparator(type);
            register(registry, type, type, (left, right, context) -> comparator.compare(left, right));
        }
        // xid8 is unsigned (xid8cmp): '-1' reads as 2^64 - 1, the largest
        register(registry, TypeOids.XID8, TypeOids.XID8, (left, right, context) -> ValueOrdering.compareXid8(left, right));
        int[] integers = {TypeOids.INT2, TypeOids.INT4, TypeOids.INT8};
        for (int left : integers) {
            for (int right : integers) {
                register(registry, left, right, (a, b, context) -> Long.compare(((Number) a).longValue(),
                        ((Number) b).longValue()));
            }
        }
        int[] floats = {TypeOids.FLOAT4, TypeOids.FLOAT8};
        for (int left : floats) {
            for (int right : floats) {
                register(registry, left, right, (a, b, context) -> ValueOrdering.compareFloat(
                        ((Number) a).doubleValue(), ((Number) b).doubleValue()));
            }
        }
        register(registry, TypeOids.DATE, TypeOids.TIMESTAMP, (a, b, context) -> Long.compare(
                DateTimeFunctions.dateToTimestamp((Integer) a), (Long) b));
        register(registry, TypeOids.TIMESTAMP, TypeOids.DATE, (a, b, context) -> Long.compare((Long) a,
                DateTimeFunctions.dateToTimestamp((Integer) b)));
        register(registry, TypeOids.DATE, TypeOids.TIMESTAMPTZ, (a, b, context) -> Long.compare(
                DateTimeFunctions.dateToTimestamptz((Integer) a, context), (Long) b));
        register(registry, TypeOids.TIMESTAMPTZ, TypeOids.DATE, (a, b, context) -> Long.compare((Long) a,
                DateTimeFunctions.dateToTimestamptz((Integer) b, context)));
        register(registry, TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, (a, b, context) -> Long.compare(
                DateTimeFunctions.timestampToTimestamptz((Long) a, context), (Long) b));
        register(registry, TypeOids.TIMESTAMPTZ, TypeOids.TIMESTAMP, (a, b, context) -> Long.compare((Long) a,
                DateTimeFunctions.timestampToTimestamptz((Long) b, context)));
    }

    private static void register(BuiltinFunctions.Registry registry, int left, int right, Comparison comparison) {
        for (int i = 0; i < NAMES.length; i++) {
            int kind = i;
            registry.operator(NAMES[i], left, right, TypeOids.BOOL,
                    (args, context) -> test(kind, comparison.compare(args[0], args[1], context)));
        }
    }

    private static Boolean test(int kind, int order) {
        return switch (kind) {
            case 0 -> order == 0;
            case 1 -> order != 0;
            case 2 -> order < 0;
            case 3 -> order > 0;
            case 4 -> order <= 0;
            default -> order >= 0;
        };
    }
}
