package org.woolly.executor;

import org.woolly.nodes.query.AggregateHandle;

/**
 * One aggregate's state in moving-aggregate mode over a window frame whose start moves
 * ({@code advance_windowaggregate} and {@code advance_windowaggregate_base} of
 * {@code nodeWindowAgg.c}): rows enter through the forward transition and leave through the
 * inverse one. It counts the rows it holds so that removing the last one re-initializes the
 * state instead of calling the inverse (whose result could not be the initial, possibly null,
 * state), and reports an inverse that answers null, after which the caller aggregates the frame
 * again from its start.
 */
final class MovingAggregate {
    private final ExecutorContext context;
    private final AggregateHandle.Moving moving;
    private Object state;
    private long count;

    MovingAggregate(ExecutorContext context, AggregateHandle.Moving moving) {
        this.context = context;
        this.moving = moving;
        reset();
    }

    void reset() {
        state = moving.initialState().get();
        count = 0;
    }

    void add(Object[] args) {
        if (moving.strict()) {
            if (hasNull(args)) {
                return;
            }
            if (count == 0 && state == null) {
                // a strict transition without an initial value starts from the first input
                state = args[0];
                count++;
                return;
            }
        }
        state = moving.transition().next(state, args, context);
        count++;
    }

    /** Removes one row's values; false when the inverse transition cannot (it answered null). */
    boolean remove(Object[] args) {
        if (moving.strict() && hasNull(args)) {
            return true;
        }
        if (count == 1) {
            reset();
            return true;
        }
        Object next = moving.inverse().next(state, args, context);
        if (next == null) {
            return false;
        }
        state = next;
        count--;
        return true;
    }

    Object result() {
        return moving.finalFunction() == null ? state : moving.finalFunction().result(state, context);
    }

    private static boolean hasNull(Object[] args) {
        for (Object arg : args) {
            if (arg == null) {
                return true;
            }
        }
        return false;
    }
}
