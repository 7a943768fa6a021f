package org.woolly.nodes.query;

import java.util.Arrays;

/**
 * A resolved function or operator implementation ({@code pg_proc} row plus its code). Equality is
 * by OID and name, so two analyses of the same call compare equal (GROUP BY matching needs it).
 */
public record FunctionHandle(int oid, String name, int[] argumentTypes, int resultType, boolean strict,
                             boolean isVolatile, Invoker invoker) {

    /** Calls the implementation; {@code args} are already coerced to {@link #argumentTypes}. */
    @FunctionalInterface
    public interface Invoker {
        Object invoke(Object[] args, EvaluationContext context);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FunctionHandle handle && handle.oid == oid && handle.name.equals(name)
                && Arrays.equals(handle.argumentTypes, argumentTypes);
    }

    @Override
    public int hashCode() {
        return oid * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
