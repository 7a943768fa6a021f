package org.woolly.utils.adt;

/**
 * The body of a built-in function (a {@code PGFunction} in {@code src/include/fmgr.h}).
 * Arguments arrive already coerced to the declared argument types, in their Java
 * representation (see {@link PgType}); for a strict function the caller has already
 * returned NULL when any argument is NULL.
 */
@FunctionalInterface
public interface FunctionImplementation {
    Object invoke(Object[] args, FunctionContext context);
}
