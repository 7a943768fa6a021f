package org.woolly.nodes.query;

import org.woolly.utils.adt.FunctionContext;

/**
 * What a function needs from the running statement while it evaluates (settings, who runs it,
 * timestamps, a cancel check): the type system's {@link FunctionContext}, which the executor
 * implements. Counterpart of the fields of {@code ExprContext}/{@code EState} functions read.
 */
public interface EvaluationContext extends FunctionContext {

    /**
     * Evaluates a domain's CHECK expression ({@code ExecEvalConstraintCheck}) whose only column
     * reference, position 0, is the value being checked ({@code VALUE}).
     */
    default Object evaluateOnValue(QueryExpr expression, Object value) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "domain checks are not available here");
    }
}
