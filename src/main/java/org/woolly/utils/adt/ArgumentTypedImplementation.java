package org.woolly.utils.adt;

/**
 * The body of a function whose arguments are declared {@code "any"} or {@code anyelement} and that
 * needs the type of each one as the call has it ({@code get_fn_expr_argtype} in PostgreSQL):
 * {@code to_json}, {@code json_build_object}. Unlike {@link PolymorphicImplementation} the
 * arguments need not share one type. The resolver binds the body to the call's argument types
 * (unknown literals as text) and passes the values unconverted.
 */
@FunctionalInterface
public interface ArgumentTypedImplementation extends FunctionImplementation {

    /** The body for calls whose arguments have these types. */
    FunctionImplementation bind(int[] argumentTypes);

    @Override
    default Object invoke(Object[] args, FunctionContext context) {
        throw new IllegalStateException("function over \"any\" called before its argument types were resolved");
    }

    /** The same for an aggregate's transition ({@code json_agg}, {@code json_object_agg}). */
    @FunctionalInterface
    interface Transition extends AggregateDescriptor.Transition {
        AggregateDescriptor.Transition bind(int[] argumentTypes);

        @Override
        default Object apply(Object state, Object[] args) {
            throw new IllegalStateException("aggregate over \"any\" called before its argument types were resolved");
        }
    }
}
