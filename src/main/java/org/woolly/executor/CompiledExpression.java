package org.woolly.executor;

/** An expression compiled for one plan: evaluates against the row of the node it belongs to. */
@FunctionalInterface
public interface CompiledExpression {
    Object evaluate(Object[] row);
}
