package org.woolly.utils.adt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.woolly.utils.adt.TypeOids.*;

/**
 * The built-in aggregates Woolly implements, one line each with PostgreSQL 15's {@code pg_proc}
 * OID and name ({@code aggfnoid}), result type, and the {@code pg_aggregate} columns clients read
 * (transition and final function names, transition type, initial value), then the argument types:
 * the role of {@code src/include/catalog/pg_aggregate.dat}. Woolly's own transition state
 * ({@link AggregateDescriptor}) is an implementation detail; these columns describe PostgreSQL's.
 * {@code count()} with no argument is {@code count(*)}.
 */
public final class PgAggregateData {
    static final int INTERNAL = 2281;
    private static final int INT8_ARRAY = 1016;
    private static final int FLOAT8_ARRAY = 1022;
    private static final int INTERVAL_ARRAY = 1187;

    /** One aggregate: its pg_proc row (prokind 'a', immutable, not strict) and its pg_aggregate row. */
    public record Aggregate(int oid, String name, int resultType, String transitionFunction, String finalFunction,
                            int transitionType, String initialValue, int[] argumentTypes) {}

    private static final List<Aggregate> ALL = List.of(
            aggregate(2100, "avg", NUMERIC, "int8_avg_accum", "numeric_poly_avg", INTERNAL, null, INT8),
            aggregate(2101, "avg", NUMERIC, "int4_avg_accum", "int8_avg", INT8_ARRAY, "{0,0}", INT4),
            aggregate(2102, "avg", NUMERIC, "int2_avg_accum", "int8_avg", INT8_ARRAY, "{0,0}", INT2),
            aggregate(2103, "avg", NUMERIC, "numeric_avg_accum", "numeric_avg", INTERNAL, null, NUMERIC),
            aggregate(2104, "avg", FLOAT8, "float4_accum", "float8_avg", FLOAT8_ARRAY, "{0,0,0}", FLOAT4),
            aggregate(2105, "avg", FLOAT8, "float8_accum", "float8_avg", FLOAT8_ARRAY, "{0,0,0}", FLOAT8),
            aggregate(2106, "avg", INTERVAL, "interval_accum", "interval_avg", INTERVAL_ARRAY, "{0 second,0 second}", INTERVAL),
            aggregate(2107, "sum", NUMERIC, "int8_avg_accum", "numeric_poly_sum", INTERNAL, null, INT8),
            aggregate(2108, "sum", INT8, "int4_sum", "-", INT8, null, INT4),
            aggregate(2109, "sum", INT8, "int2_sum", "-", INT8, null, INT2),
            aggregate(2110, "sum", FLOAT4, "float4pl", "-", FLOAT4, null, FLOAT4),
            aggregate(2111, "sum", FLOAT8, "float8pl", "-", FLOAT8, null, FLOAT8),
            aggregate(2113, "sum", INTERVAL, "interval_pl", "-", INTERVAL, null, INTERVAL),
            aggregate(2114, "sum", NUMERIC, "numeric_avg_accum", "numeric_sum", INTERNAL, null, NUMERIC),
            aggregate(2115, "max", INT8, "int8larger", "-", INT8, null, INT8),
            aggregate(2116, "max", INT4, "int4larger", "-", INT4, null, INT4),
            aggregate(2117, "max", INT2, "int2larger", "-", INT2, null, INT2),
            aggregate(2118, "max", OID, "oidlarger", "-", OID, null, OID),
            aggregate(2119, "max", FLOAT4, "float4larger", "-", FLOAT4, null, FLOAT4),
            aggregate(2120, "max", FLOAT8, "float8larger", "-", FLOAT8, null, FLOAT8),
            aggregate(2122, "max", DATE, "date_larger", "-", DATE, null, DATE),
            aggregate(2123, "max", TIME, "time_larger", "-", TIME, null, TIME),
            aggregate(2126, "max", TIMESTAMP, "timestamp_larger", "-", TIMESTAMP, null, TIMESTAMP),
            aggregate(2127, "max", TIMESTAMPTZ, "timestamptz_larger", "-", TIMESTAMPTZ, null, TIMESTAMPTZ),
            aggregate(2128, "max", INTERVAL, "interval_larger", "-", INTERVAL, null, INTERVAL),
            aggregate(2129, "max", TEXT, "text_larger", "-", TEXT, null, TEXT),
            aggregate(2130, "max", NUMERIC, "numeric_larger", "-", NUMERIC, null, NUMERIC),
            aggregate(2131, "min", INT8, "int8smaller", "-", INT8, null, INT8),
            aggregate(2132, "min", INT4, "int4smaller", "-", INT4, null, INT4),
            aggregate(2133, "min", INT2, "int2smaller", "-", INT2, null, INT2),
            aggregate(2134, "min", OID, "oidsmaller", "-", OID, null, OID),
            aggregate(2135, "min", FLOAT4, "float4smaller", "-", FLOAT4, null, FLOAT4),
            aggregate(2136, "min", FLOAT8, "float8smaller", "-", FLOAT8, null, FLOAT8),
            aggregate(2138, "min", DATE, "date_smaller", "-", DATE, null, DATE),
            aggregate(2139, "min", TIME, "time_smaller", "-", TIME, null, TIME),
            aggregate(2142, "min", TIMESTAMP, "timestamp_smaller", "-", TIMESTAMP, null, TIMESTAMP),
            aggregate(2143, "min", TIMESTAMPTZ, "timestamptz_smaller", "-", TIMESTAMPTZ, null, TIMESTAMPTZ),
            aggregate(2144, "min", INTERVAL, "interval_smaller", "-", INTERVAL, null, INTERVAL),
            aggregate(2145, "min", TEXT, "text_smaller", "-", TEXT, null, TEXT),
            aggregate(2146, "min", NUMERIC, "numeric_smaller", "-", NUMERIC, null, NUMERIC),
            aggregate(2147, "count", INT8, "int8inc_any", "-", INT8, "0", ANY),
            aggregate(2244, "max", BPCHAR, "bpchar_larger", "-", BPCHAR, null, BPCHAR),
            aggregate(2245, "min", BPCHAR, "bpchar_smaller", "-", BPCHAR, null, BPCHAR),
            aggregate(2517, "bool_and", BOOL, "booland_statefunc", "-", BOOL, null, BOOL),
            aggregate(2518, "bool_or", BOOL, "boolor_statefunc", "-", BOOL, null, BOOL),
            aggregate(2519, "every", BOOL, "booland_statefunc", "-", BOOL, null, BOOL),
            aggregate(2050, "max", ANYARRAY, "array_larger", "-", ANYARRAY, null, ANYARRAY),
            aggregate(2051, "min", ANYARRAY, "array_smaller", "-", ANYARRAY, null, ANYARRAY),
            aggregate(2335, "array_agg", ANYARRAY, "array_agg_transfn", "array_agg_finalfn", INTERNAL, null, ANYNONARRAY),
            aggregate(4053, "array_agg", ANYARRAY, "array_agg_array_transfn", "array_agg_array_finalfn", INTERNAL, null,
                    ANYARRAY),
            aggregate(2803, "count", INT8, "int8inc", "-", INT8, "0"),
            aggregate(3538, "string_agg", TEXT, "string_agg_transfn", "string_agg_finalfn", INTERNAL, null, TEXT, TEXT),
            aggregate(3545, "string_agg", BYTEA, "bytea_string_agg_transfn", "bytea_string_agg_finalfn", INTERNAL, null, BYTEA, BYTEA),
            aggregate(3972, "percentile_disc", ANYELEMENT, "ordered_set_transition", "percentile_disc_final", INTERNAL,
                    null, FLOAT8, ANYELEMENT),
            aggregate(3974, "percentile_cont", FLOAT8, "ordered_set_transition", "percentile_cont_float8_final",
                    INTERNAL, null, FLOAT8, FLOAT8),
            aggregate(3984, "mode", ANYELEMENT, "ordered_set_transition", "mode_final", INTERNAL, null, ANYELEMENT)
    );

    private static final Map<String, Aggregate> BY_SIGNATURE = new HashMap<>();

    static {
        for (Aggregate aggregate : ALL) {
            if (BY_SIGNATURE.put(PgProcData.signature(aggregate.name(), aggregate.argumentTypes()), aggregate)
                    != null) {
                throw new IllegalStateException("pg_aggregate lists " + aggregate.name() + " twice");
            }
        }
    }

    private PgAggregateData() {}

    private static Aggregate aggregate(int oid, String name, int resultType, String transitionFunction,
                                       String finalFunction, int transitionType, String initialValue,
                                       int... argumentTypes) {
        return new Aggregate(oid, name, resultType, transitionFunction, finalFunction, transitionType, initialValue,
                argumentTypes);
    }

    public static List<Aggregate> all() {
        return ALL;
    }

    /** The aggregate with this name and argument types, or null. */
    public static Aggregate find(String name, int[] argumentTypes) {
        return BY_SIGNATURE.get(PgProcData.signature(name, argumentTypes));
    }
}
