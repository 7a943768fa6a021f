package org.woolly.testfakes;

import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.tcop.engine.QueryParser;

import java.util.List;

import static org.woolly.testfakes.Raw.i;

/**
 * The parser seam for session tests that build their statements with {@link Raw}: query
 * strings are never parsed, and the only expression text a session parses on its own — a
 * column DEFAULT — is an integer literal in these tests.
 */
public final class HandBuiltTrees implements QueryParser {
    public static final HandBuiltTrees PARSER = new HandBuiltTrees();

    private HandBuiltTrees() {}

    @Override
    public List<RawStatement> parse(String queryString) {
        throw new IllegalStateException("tests build parse trees by hand");
    }

    @Override
    public Expr parseExpression(String text) {
        return i(Long.parseLong(text));
    }
}
