package org.woolly.nodes.parse;

/**
 * A constraint's {@code [NOT] DEFERRABLE} and {@code INITIALLY {DEFERRED | IMMEDIATE}} attributes
 * ({@code pg_constraint.condeferrable} and {@code condeferred}); {@link #IMMEDIATE} when none
 * were written.
 */
public record ConstraintTiming(boolean deferrable, boolean initiallyDeferred) {
    public static final ConstraintTiming IMMEDIATE = new ConstraintTiming(false, false);
}
