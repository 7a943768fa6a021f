package org.woolly.utils.adt;

/**
 * A built-in operator ({@code pg_operator}): its name, operand types (left 0 for a prefix
 * operator), result type and the function that computes it. Comparison operators name their
 * commutator and negator (null when none), as the optimizer uses them.
 */
public record OperatorDescriptor(int oid, String name, int leftType, int rightType, int resultType,
                                 FunctionDescriptor function, String commutator, String negator) {

    public boolean isPrefix() {
        return leftType == 0;
    }
}
