/**
 * Built-in data types and their functions: the counterpart of {@code src/backend/utils/adt}
 * plus the built-in rows of {@code pg_type}, {@code pg_proc}, {@code pg_operator},
 * {@code pg_aggregate} and {@code pg_cast}.
 *
 * <p>Entry points: {@link org.woolly.utils.adt.BuiltinTypes} (types by OID or name, their
 * {@link org.woolly.utils.adt.TypeIO}, btree comparators, grouping keys),
 * {@link org.woolly.utils.adt.TypeModifiers} (typmod encoding and length coercion),
 * {@link org.woolly.utils.adt.BuiltinFunctions} (functions, operators, aggregates, casts).
 * Functions see the session through {@link org.woolly.utils.adt.FunctionContext}, which the
 * executor implements. Values use the Java representation fixed in {@link org.woolly.utils.adt.PgType}.
 */
package org.woolly.utils.adt;
