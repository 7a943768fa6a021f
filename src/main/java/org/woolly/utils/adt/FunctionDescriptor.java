package org.woolly.utils.adt;

/**
 * A built-in function: the {@code pg_proc} columns the analyzer and executor need.
 *
 * @param argumentTypes declared argument type OIDs; pseudo-types {@link BuiltinTypes#ANY} and
 *                      {@link BuiltinTypes#ANYNONARRAY} accept any type
 * @param strict     {@code proisstrict}: the caller returns NULL without calling when an argument is NULL
 * @param variadic   the last argument type repeats zero or more times
 * @param volatility {@code provolatile}: 'i' immutable, 's' stable, 'v' volatile
 */
public record FunctionDescriptor(int oid, String name, int[] argumentTypes, int returnType, boolean strict,
                                 boolean variadic, char volatility, FunctionImplementation implementation) {

    public Object invoke(Object[] args, FunctionContext context) {
        return implementation.invoke(args, context);
    }
}
