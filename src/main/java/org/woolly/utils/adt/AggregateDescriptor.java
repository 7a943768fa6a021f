package org.woolly.utils.adt;

import java.util.function.Supplier;

/**
 * A built-in aggregate ({@code pg_aggregate} with its transition and final functions).
 *
 * <p>How the executor runs it, per group: {@code state = initialState.get()}; for each input
 * row, if {@code strictTransition} and any argument is NULL the row is skipped, otherwise
 * {@code state = transition.apply(state, args)}; at the end {@code finalFunction.apply(state)}
 * gives the result (it may be NULL, e.g. {@code sum} of no rows). The state may be a mutable
 * object private to one group; a supplier hands out a fresh one each time. {@code count(*)}
 * is the entry with no argument types: its transition gets an empty argument array.
 *
 * <p>{@code combine} ({@code aggcombinefn}, null when there is none) merges the states of two
 * groups of rows into one, so parallel workers can each aggregate their rows and the leader
 * combine their states (Partial and Finalize Aggregate). It is strict, as PostgreSQL's built-in
 * combine functions: it is called with two non-null states and may return the first changed.
 * States pass between threads of one process, so no serialization functions are needed.
 */
public record AggregateDescriptor(String name, int[] argumentTypes, int transitionType, int resultType,
                                  Supplier<Object> initialState, Transition transition, Final finalFunction,
                                  boolean strictTransition, Combine combine) {

    /** An aggregate without a combine function (it never runs in parallel). */
    public AggregateDescriptor(String name, int[] argumentTypes, int transitionType, int resultType,
                               Supplier<Object> initialState, Transition transition, Final finalFunction,
                               boolean strictTransition) {
        this(name, argumentTypes, transitionType, resultType, initialState, transition, finalFunction,
                strictTransition, null);
    }

    /** The same aggregate with {@code combineFunction} as its combine function. */
    public AggregateDescriptor withCombine(Combine combineFunction) {
        return new AggregateDescriptor(name, argumentTypes, transitionType, resultType, initialState, transition,
                finalFunction, strictTransition, combineFunction);
    }

    /**
     * The same aggregate combined by its own transition ({@code int4smaller} for min,
     * {@code float8pl} for sum(float8)): possible where the state has the argument's type.
     */
    AggregateDescriptor combinedByTransition() {
        return withCombine((state, other) -> transition.apply(state, new Object[] {other}));
    }

    @FunctionalInterface
    public interface Combine {
        Object apply(Object state, Object other);
    }

    @FunctionalInterface
    public interface Transition {
        Object apply(Object state, Object[] args);
    }

    @FunctionalInterface
    public interface Final {
        Object apply(Object state);
    }
}
