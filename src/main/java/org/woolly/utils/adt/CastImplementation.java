package org.woolly.utils.adt;

/**
 * The function of a cast ({@code pg_cast.castfunc} or an I/O conversion). {@code targetTypmod}
 * is the target's type modifier (-1 when none) for casts that apply it while converting.
 */
@FunctionalInterface
public interface CastImplementation {
    Object apply(Object value, int targetTypmod, FunctionContext context);
}
