package org.woolly.nodes.query;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A resolved aggregate ({@code pg_aggregate}): initial transition state, transition function,
 * optional final function. A strict transition skips rows with a null argument, and the first
 * non-null input becomes the state when the initial state is null (PostgreSQL's rule).
 * {@code combine} ({@code aggcombinefn}) merges two non-null states of one group; null when the
 * aggregate has none, and then it never runs in a parallel plan.
 */
public record AggregateHandle(String name, int[] argumentTypes, int transitionType, int resultType, boolean strict,
                              Supplier<Object> initialState, Transition transition, Final finalFunction,
                              Combine combine, Moving moving) {

    /** An aggregate without a moving-aggregate implementation. */
    public AggregateHandle(String name, int[] argumentTypes, int transitionType, int resultType, boolean strict,
                           Supplier<Object> initialState, Transition transition, Final finalFunction,
                           Combine combine) {
        this(name, argumentTypes, transitionType, resultType, strict, initialState, transition, finalFunction, combine,
                null);
    }

    /**
     * The moving-aggregate implementation ({@code aggmtransfn}, {@code aggminvtransfn},
     * {@code aggmfinalfn}, {@code aggmtranstype}, {@code aggminitval}) a window whose frame start
     * moves uses: {@code inverse} removes a row's values from the state, and answers null when it
     * cannot (the window then aggregates the frame again from its start).
     */
    public record Moving(int transitionType, boolean strict, Supplier<Object> initialState, Transition transition,
                         Transition inverse, Final finalFunction) {}

    /** An aggregate without a combine function. */
    public AggregateHandle(String name, int[] argumentTypes, int transitionType, int resultType, boolean strict,
                           Supplier<Object> initialState, Transition transition, Final finalFunction) {
        this(name, argumentTypes, transitionType, resultType, strict, initialState, transition, finalFunction, null);
    }

    @FunctionalInterface
    public interface Combine {
        Object combine(Object state, Object other);
    }

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
