package org.woolly.utils.adt;

/**
 * A built-in data type: the {@code pg_type} columns the engine needs, and its I/O.
 *
 * <p>Java representation of values, by type (fixed; every layer relies on it):
 * <pre>
 *   bool          Boolean          int2     Short       int4, oid   Integer (oid unsigned)
 *   int8          Long             float4   Float       float8      Double
 *   numeric       BigDecimal (NaN and infinities as {@link NumericSpecial})
 *   text, varchar, bpchar, name, char   String   (bpchar keeps its blank padding)
 *   bytea         byte[]
 *   date          Integer: days since 2000-01-01 (PostgreSQL's epoch); Integer.MIN_VALUE/MAX_VALUE = -infinity/infinity
 *   timestamp     Long: microseconds since 2000-01-01 00:00:00; Long.MIN_VALUE/MAX_VALUE = -infinity/infinity
 *   timestamptz   Long: microseconds since 2000-01-01 00:00:00 UTC; same infinities
 *   time          Long: microseconds since midnight
 *   interval      {@link Interval}
 *   point, lseg, path, box, polygon, line, circle   the records of {@link Geometry}
 *   unknown       String (an untyped literal)
 * </pre>
 *
 * @param length {@code typlen}: bytes of a fixed-length type, -1 for variable length, -2 for cstring
 * @param align  {@code typalign}: 'c', 's', 'i' or 'd'
 * @param category {@code typcategory}: 'B' boolean, 'N' numeric, 'S' string, 'D' date/time, 'U' user, 'X' unknown, ...
 * @param preferred {@code typispreferred} within its category
 */
public record PgType(int oid, String name, short length, boolean byValue, char align, char category,
                     boolean preferred, int arrayTypeOid, TypeIO io) {}
