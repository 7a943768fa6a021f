package org.woolly.utils.adt;

import java.util.List;

import static org.woolly.utils.adt.TypeOids.*;

/**
 * The built-in window functions ({@code prokind 'w'} rows of {@code pg_proc.dat}, implemented
 * in {@code windowfuncs.c}): PostgreSQL 15's OID, name, result type, strictness and argument
 * types. All are immutable and parallel safe. The executor's WindowAgg node computes them; the
 * analyzer resolves calls by name.
 */
public final class PgWindowData {
    /** {@code anycompatible}, the polymorphic type of lag/lead with a default. */
    private static final int ANYCOMPATIBLE = 5077;

    /** One window function's pg_proc row. */
    public record WindowFunction(int oid, String name, int resultType, boolean strict, int[] argumentTypes) {}

    private static final List<WindowFunction> ALL = List.of(
            new WindowFunction(3100, "row_number", INT8, false, new int[0]),
            new WindowFunction(3101, "rank", INT8, false, new int[0]),
            new WindowFunction(3102, "dense_rank", INT8, false, new int[0]),
            new WindowFunction(3103, "percent_rank", FLOAT8, false, new int[0]),
            new WindowFunction(3104, "cume_dist", FLOAT8, false, new int[0]),
            new WindowFunction(3105, "ntile", INT4, true, new int[] {INT4}),
            new WindowFunction(3106, "lag", ANYELEMENT, true, new int[] {ANYELEMENT}),
            new WindowFunction(3107, "lag", ANYELEMENT, true, new int[] {ANYELEMENT, INT4}),
            new WindowFunction(3108, "lag", ANYCOMPATIBLE, true, new int[] {ANYCOMPATIBLE, INT4, ANYCOMPATIBLE}),
            new WindowFunction(3109, "lead", ANYELEMENT, true, new int[] {ANYELEMENT}),
            new WindowFunction(3110, "lead", ANYELEMENT, true, new int[] {ANYELEMENT, INT4}),
            new WindowFunction(3111, "lead", ANYCOMPATIBLE, true, new int[] {ANYCOMPATIBLE, INT4, ANYCOMPATIBLE}),
            new WindowFunction(3112, "first_value", ANYELEMENT, true, new int[] {ANYELEMENT}),
            new WindowFunction(3113, "last_value", ANYELEMENT, true, new int[] {ANYELEMENT}),
            new WindowFunction(3114, "nth_value", ANYELEMENT, true, new int[] {ANYELEMENT, INT4}));

    private PgWindowData() {}

    public static List<WindowFunction> all() {
        return ALL;
    }
}
