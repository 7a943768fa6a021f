package org.woolly.analyzer.resolve;

import org.woolly.utils.adt.OperatorDescriptor;

/**
 * The operator chosen for an expression and the types its operands must be coerced to first
 * ({@code leftTarget} is 0 for a prefix operator). An operand whose type already equals its
 * target needs no coercion; an unknown literal is converted with its target's input function.
 */
public record ResolvedOperator(OperatorDescriptor op, int leftTarget, int rightTarget) {}
