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
 */
public record AggregateDescriptor(String name, int[] argumentTypes, int transitionType, int resultType,
                                  Supplier<Object> initialState, Transition transition, Final finalFunction,
                                  boolean strictTransition) {

    @FunctionalInterface
    public interface Transition {
        Object apply(Object state, Object[] args);
    }

    @FunctionalInterface
    public interface Final {
        Object apply(Object state);
    }
}
