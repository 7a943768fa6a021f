package org.woolly.analyzer;

import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;

/** Small tree questions the analyzer asks. */
final class ExpressionWalkerSupport {

    private ExpressionWalkerSupport() {}

    static boolean hasVariables(QueryExpr expr) {
        return ExpressionWalker.contains(expr, node -> node instanceof QueryExpr.Var);
    }
}
