package org.woolly.utils.adt;

/**
 * The body of a function over {@code "any"} that reads its arguments as they are and needs
 * their types ({@code get_fn_expr_argtype} in PostgreSQL), unlike {@code concat}, whose
 * {@code "any"} arguments arrive as text: the resolver binds it to the call's argument types.
 */
@FunctionalInterface
public interface ArgumentTypesImplementation extends FunctionImplementation {

    /** The body for calls whose arguments have these types (one per actual argument). */
    FunctionImplementation bind(int[] argumentTypes);

    @Override
    default Object invoke(Object[] args, FunctionContext context) {
        throw new IllegalStateException("function called before its argument types were resolved");
    }
}
