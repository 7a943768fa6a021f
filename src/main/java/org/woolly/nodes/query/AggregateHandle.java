package org.woolly.nodes.query;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A resolved aggregate ({@code pg_aggregate}): initial transition state, transition function,
 * optional final function. A strict transition skips rows with a null argument, and the first
 * non-null input becomes the state when the initial state is null (PostgreSQL's rule).
 */
public record AggregateHandle(String name, int[] argumentTypes, int transitionType, int resultType, boolean strict,
                              Supplier<Object> initialState, Transition transition, Final finalFunction) {

    @FunctionalInterface
    public interface Transition {
        Object next(Object state, Object[] args, EvaluationContext context);
    }

    @FunctionalInterface
    public interface Final {
        Object result(Object state, EvaluationContext context);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AggregateHandle handle && handle.name.equals(name)
                && Arrays.equals(handle.argumentTypes, argumentTypes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(argumentTypes);
    }
}
