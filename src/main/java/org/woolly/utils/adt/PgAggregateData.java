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
            aggregate(5099, "max", XID8, "xid8_larger", "-", XID8, null, XID8),
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
            aggregate(5100, "min", XID8, "xid8_smaller", "-", XID8, null, XID8),
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
            aggregate(2236, "bit_and", INT2, "int2and", "-", INT2, null, INT2),
            aggregate(2237, "bit_or", INT2, "int2or", "-", INT2, null, INT2),
            aggregate(2238, "bit_and", INT4, "int4and", "-", INT4, null, INT4),
            aggregate(2239, "bit_or", INT4, "int4or", "-", INT4, null, INT4),
            aggregate(2240, "bit_and", INT8, "int8and", "-", INT8, null, INT8),
            aggregate(2241, "bit_or", INT8, "int8or", "-", INT8, null, INT8),
            aggregate(2242, "bit_and", BIT, "bitand", "-", BIT, null, BIT),
            aggregate(2243, "bit_or", BIT, "bitor", "-", BIT, null, BIT),
            aggregate(6164, "bit_xor", INT2, "int2xor", "-", INT2, null, INT2),
            aggregate(6165, "bit_xor", INT4, "int4xor", "-", INT4, null, INT4),
            aggregate(6166, "bit_xor", INT8, "int8xor", "-", INT8, null, INT8),
            aggregate(6167, "bit_xor", BIT, "bitxor", "-", BIT, null, BIT),
            aggregate(2148, "variance", NUMERIC, "int8_accum", "numeric_var_samp", INTERNAL, null, INT8),
            aggregate(2149, "variance", NUMERIC, "int4_accum", "numeric_poly_var_samp", INTERNAL, null, INT4),
            aggregate(2150, "variance", NUMERIC, "int2_accum", "numeric_poly_var_samp", INTERNAL, null, INT2),
            aggregate(2151, "variance", FLOAT8, "float4_accum", "float8_var_samp", FLOAT8_ARRAY, "{0,0,0}", FLOAT4),
            aggregate(2152, "variance", FLOAT8, "float8_accum", "float8_var_samp", FLOAT8_ARRAY, "{0,0,0}", FLOAT8),
            aggregate(2153, "variance", NUMERIC, "numeric_accum", "numeric_var_samp", INTERNAL, null, NUMERIC),
            aggregate(2154, "stddev", NUMERIC, "int8_accum", "numeric_stddev_samp", INTERNAL, null, INT8),
            aggregate(2155, "stddev", NUMERIC, "int4_accum", "numeric_poly_stddev_samp", INTERNAL, null, INT4),
            aggregate(2156, "stddev", NUMERIC, "int2_accum", "numeric_poly_stddev_samp", INTERNAL, null, INT2),
            aggregate(2157, "stddev", FLOAT8, "float4_accum", "float8_stddev_samp", FLOAT8_ARRAY, "{0,0,0}", FLOAT4),
            aggregate(2158, "stddev", FLOAT8, "float8_accum", "float8_stddev_samp", FLOAT8_ARRAY, "{0,0,0}", FLOAT8),
            aggregate(2159, "stddev", NUMERIC, "numeric_accum", "numeric_stddev_samp", INTERNAL, null, NUMERIC),
            aggregate(2641, "var_samp", NUMERIC, "int8_accum", "numeric_var_samp", INTERNAL, null, INT8),
            aggregate(2642, "var_samp", NUMERIC, "int4_accum", "numeric_poly_var_samp", INTERNAL, null, INT4),
            aggregate(2643, "var_samp", NUMERIC, "int2_accum", "numeric_poly_var_samp", INTERNAL, null, INT2),
            aggregate(2644, "var_samp", FLOAT8, "float4_accum", "float8_var_samp", FLOAT8_ARRAY, "{0,0,0}", FLOAT4),
            aggregate(2645, "var_samp", FLOAT8, "float8_accum", "float8_var_samp", FLOAT8_ARRAY, "{0,0,0}", FLOAT8),
            aggregate(2646, "var_samp", NUMERIC, "numeric_accum", "numeric_var_samp", INTERNAL, null, NUMERIC),
            aggregate(2712, "stddev_samp", NUMERIC, "int8_accum", "numeric_stddev_samp", INTERNAL, null, INT8),
            aggregate(2713, "stddev_samp", NUMERIC, "int4_accum", "numeric_poly_stddev_samp", INTERNAL, null, INT4),
            aggregate(2714, "stddev_samp", NUMERIC, "int2_accum", "numeric_poly_stddev_samp", INTERNAL, null, INT2),
            aggregate(2715, "stddev_samp", FLOAT8, "float4_accum", "float8_stddev_samp", FLOAT8_ARRAY, "{0,0,0}", FLOAT4),
            aggregate(2716, "stddev_samp", FLOAT8, "float8_accum", "float8_stddev_samp", FLOAT8_ARRAY, "{0,0,0}", FLOAT8),
            aggregate(2717, "stddev_samp", NUMERIC, "numeric_accum", "numeric_stddev_samp", INTERNAL, null, NUMERIC),
            aggregate(2718, "var_pop", NUMERIC, "int8_accum", "numeric_var_pop", INTERNAL, null, INT8),
            aggregate(2719, "var_pop", NUMERIC, "int4_accum", "numeric_poly_var_pop", INTERNAL, null, INT4),
            aggregate(2720, "var_pop", NUMERIC, "int2_accum", "numeric_poly_var_pop", INTERNAL, null, INT2),
            aggregate(2721, "var_pop", FLOAT8, "float4_accum", "float8_var_pop", FLOAT8_ARRAY, "{0,0,0}", FLOAT4),
            aggregate(2722, "var_pop", FLOAT8, "float8_accum", "float8_var_pop", FLOAT8_ARRAY, "{0,0,0}", FLOAT8),
            aggregate(2723, "var_pop", NUMERIC, "numeric_accum", "numeric_var_pop", INTERNAL, null, NUMERIC),
            aggregate(2724, "stddev_pop", NUMERIC, "int8_accum", "numeric_stddev_pop", INTERNAL, null, INT8),
            aggregate(2725, "stddev_pop", NUMERIC, "int4_accum", "numeric_poly_stddev_pop", INTERNAL, null, INT4),
            aggregate(2726, "stddev_pop", NUMERIC, "int2_accum", "numeric_poly_stddev_pop", INTERNAL, null, INT2),
            aggregate(2727, "stddev_pop", FLOAT8, "float4_accum", "float8_stddev_pop", FLOAT8_ARRAY, "{0,0,0}", FLOAT4),
            aggregate(2728, "stddev_pop", FLOAT8, "float8_accum", "float8_stddev_pop", FLOAT8_ARRAY, "{0,0,0}", FLOAT8),
            aggregate(2729, "stddev_pop", NUMERIC, "numeric_accum", "numeric_stddev_pop", INTERNAL, null, NUMERIC),
            aggregate(2517, "bool_and", BOOL, "booland_statefunc", "-", BOOL, null, BOOL),
            aggregate(2518, "bool_or", BOOL, "boolor_statefunc", "-", BOOL, null, BOOL),
            aggregate(2519, "every", BOOL, "booland_statefunc", "-", BOOL, null, BOOL),
            aggregate(2050, "max", ANYARRAY, "array_larger", "-", ANYARRAY, null, ANYARRAY),
            aggregate(2051, "min", ANYARRAY, "array_smaller", "-", ANYARRAY, null, ANYARRAY),
            aggregate(2335, "array_agg", ANYARRAY, "array_agg_transfn", "array_agg_finalfn", INTERNAL, null, ANYNONARRAY),
            aggregate(3175, "json_agg", JSON, "json_agg_transfn", "json_agg_finalfn", INTERNAL, null, ANYELEMENT),
            aggregate(3197, "json_object_agg", JSON, "json_object_agg_transfn", "json_object_agg_finalfn", INTERNAL, null,
                    ANY, ANY),
            aggregate(3267, "jsonb_agg", JSONB, "jsonb_agg_transfn", "jsonb_agg_finalfn", INTERNAL, null, ANYELEMENT),
            aggregate(3270, "jsonb_object_agg", JSONB, "jsonb_object_agg_transfn", "jsonb_object_agg_finalfn", INTERNAL,
                    null, ANY, ANY),
            aggregate(4053, "array_agg", ANYARRAY, "array_agg_array_transfn", "array_agg_array_finalfn", INTERNAL, null,
                    ANYARRAY),
            aggregate(2803, "count", INT8, "int8inc", "-", INT8, "0"),
            aggregate(3538, "string_agg", TEXT, "string_agg_transfn", "string_agg_finalfn", INTERNAL, null, TEXT, TEXT),
            aggregate(3545, "string_agg", BYTEA, "bytea_string_agg_transfn", "bytea_string_agg_finalfn", INTERNAL, null, BYTEA, BYTEA),
            aggregate(3972, "percentile_disc", ANYELEMENT, "ordered_set_transition", "percentile_disc_final", INTERNAL,
                    null, FLOAT8, ANYELEMENT),
            aggregate(3974, "percentile_cont", FLOAT8, "ordered_set_transition", "percentile_cont_float8_final",
                    INTERNAL, null, FLOAT8, FLOAT8),
            aggregate(3984, "mode", ANYELEMENT, "ordered_set_transition", "mode_final", INTERNAL, null, ANYELEMENT),
            // range_agg and range_intersect_agg (multirangetypes.c)
            aggregate(4301, "range_agg", ANYMULTIRANGE, "range_agg_transfn", "range_agg_finalfn", INTERNAL, null, ANYRANGE),
            aggregate(6227, "range_agg", ANYMULTIRANGE, "multirange_agg_transfn", "multirange_agg_finalfn", INTERNAL, null,
                    ANYMULTIRANGE),
            aggregate(4450, "range_intersect_agg", ANYRANGE, "range_intersect_agg_transfn", "-", ANYRANGE, null,
                    ANYRANGE),
            aggregate(4389, "range_intersect_agg", ANYMULTIRANGE, "multirange_intersect_agg_transfn", "-",
                    ANYMULTIRANGE, null, ANYMULTIRANGE)
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
