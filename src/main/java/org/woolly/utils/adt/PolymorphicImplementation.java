package org.woolly.utils.adt;

/**
 * The body of a function declared over {@code anyelement}/{@code anyarray}/{@code anycompatible}
 * families ({@code get_fn_expr_argtype} in PostgreSQL): the resolver binds it to the element
 * type a call resolved to, which the body needs when an array argument is NULL or when it builds
 * a new array.
 */
@FunctionalInterface
public interface PolymorphicImplementation extends FunctionImplementation {

    /** The body for calls whose polymorphic element type is {@code elementType}. */
    FunctionImplementation bind(int elementType);

    @Override
    default Object invoke(Object[] args, FunctionContext context) {
        throw new IllegalStateException("polymorphic function called before its types were resolved");
    }
}
