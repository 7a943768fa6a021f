package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The parser's entry points: a query string to raw statements, and the expression and type
 * name parsers used for text stored in the catalog. Counterpart of {@code raw_parser()} in
 * {@code src/backend/parser/parser.c}. Errors are {@link org.woolly.utils.error.SqlException}s
 * with SQLSTATE 42601 (or 0A000 for valid SQL Woolly does not handle yet) and a 1-based
 * position into the whole query string.
 */
public final class Parser {
    private Parser() {
    }

    /**
     * A name as SQL text ({@code quote_identifier} of {@code ruleutils.c}): double-quoted unless a
     * plain lower-case identifier that is no keyword, or an unreserved one.
     */
    public static String quoteIdentifier(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") && !Keywords.needsQuotes(name) ? name
                : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * Splits the query string on top-level semicolons and parses each statement. A string
     * holding no statement (empty, or only comments and semicolons) gives one
     * {@link Statement.Empty}. Each {@link RawStatement} spans its statement's first token to
     * its last, excluding the semicolon.
     */
    public static List<RawStatement> parse(String queryString) {
        try {
            return parseStatements(queryString);
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    /**
     * Recursive descent recurses once per nesting level: absurdly nested input ends as
     * PostgreSQL's {@code check_stack_depth()} error instead of killing the connection's thread.
     */
    private static SqlException tooDeep() {
        return new SqlException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
    }

    private static List<RawStatement> parseStatements(String queryString) {
        Grammar grammar = new Grammar(queryString);
        TokenCursor cursor = grammar.cursor;
        List<RawStatement> statements = new ArrayList<>();
        while (true) {
            if (cursor.accept(Token.Kind.SEMICOLON)) {
                continue;
            }
            if (cursor.at(Token.Kind.EOF)) {
                break;
            }
            int start = cursor.peek().start();
            Statement statement = grammar.statement();
            if (!cursor.at(Token.Kind.SEMICOLON) && !cursor.at(Token.Kind.EOF)) {
                throw cursor.syntaxError();
            }
            int end = cursor.previousEnd();
            statements.add(new RawStatement(statement, start, end - start));
        }
        if (statements.isEmpty()) {
            statements.add(new RawStatement(new Statement.Empty(), 0, queryString.length()));
        }
        return List.copyOf(statements);
    }

    /** One expression, as stored for a column DEFAULT; the whole string must be the expression. */
    public static Expr parseExpression(String expression) {
        try {
            Grammar grammar = new Grammar(expression);
            Expr result = grammar.expressions.expression();
            grammar.cursor.expect(Token.Kind.EOF);
            return result;
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    /** One type name such as {@code character varying(10)} or {@code int[]}, normalized. */
    public static TypeName parseTypeName(String typeName) {
        Grammar grammar = new Grammar(typeName);
        TypeName result = grammar.types.typeName();
        grammar.cursor.expect(Token.Kind.EOF);
        return result;
    }
}
