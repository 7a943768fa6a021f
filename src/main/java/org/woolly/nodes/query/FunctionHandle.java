package org.woolly.nodes.query;

import java.util.Arrays;

/**
 * A resolved function or operator implementation ({@code pg_proc} row plus its code). Equality is
 * by OID and name, so two analyses of the same call compare equal (GROUP BY matching needs it).
 * {@code returnsSet} ({@code proretset}): the invoker answers an {@link java.util.Iterator} of the
 * values, read by the FunctionScan and ProjectSet nodes only.
 */
public record FunctionHandle(int oid, String name, int[] argumentTypes, int resultType, boolean strict,
                             boolean isVolatile, Invoker invoker, boolean returnsSet) {

    /** A function returning one value per call. */
    public FunctionHandle(int oid, String name, int[] argumentTypes, int resultType, boolean strict,
                          boolean isVolatile, Invoker invoker) {
        this(oid, name, argumentTypes, resultType, strict, isVolatile, invoker, false);
    }

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
