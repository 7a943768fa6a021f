package org.woolly.tcop.engine;

import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.RawStatement;

/** The parser as the session uses it: statements of a query string, and single expressions. */
public interface QueryParser {
    List<RawStatement> parse(String queryString);

    Expr parseExpression(String text);
}
