package org.woolly.parser;

import java.util.List;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The token stream the recursive-descent parsers read, with one-token (or more) lookahead,
 * backtracking marks, and PostgreSQL's syntax error reports. Counterpart of the error
 * reporting of {@code src/backend/parser/scan.l} ({@code scanner_yyerror}).
 */
final class TokenCursor {
    private final String input;
    private final List<Token> tokens;
    private int index;

    TokenCursor(String input) {
        this.input = input;
        this.tokens = Lexer.tokenize(input);
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token advance() {
        Token token = tokens.get(index);
        if (token.kind() != Token.Kind.EOF) {
            index++;
        }
        return token;
    }

    /** The end offset of the last consumed token (0 before any). */
    int previousEnd() {
        return index == 0 ? 0 : tokens.get(index - 1).end();
    }

    /** The query text between two offsets, as written (a DEFAULT expression or a routine body). */
    String text(int start, int end) {
        return input.substring(start, end);
    }

    int mark() {
        return index;
    }

    void reset(int mark) {
        index = mark;
    }

    boolean atKeyword(String keyword) {
        return peek().isKeyword(keyword);
    }

    boolean at(Token.Kind kind) {
        return peek().kind() == kind;
    }

    boolean atOperator(String symbol) {
        return peek().isOperator(symbol);
    }

    /** Consumes the keyword when it is next. */
    boolean acceptKeyword(String keyword) {
        if (atKeyword(keyword)) {
            index++;
            return true;
        }
        return false;
    }

    /** Consumes the keywords when they are all next, in order. */
    boolean acceptKeywords(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            if (!peek(i).isKeyword(keywords[i])) {
                return false;
            }
        }
        index += keywords.length;
        return true;
    }

    boolean accept(Token.Kind kind) {
        if (at(kind)) {
            index++;
            return true;
        }
        return false;
    }

    boolean acceptOperator(String symbol) {
        if (atOperator(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    Token expectKeyword(String keyword) {
        if (!atKeyword(keyword)) {
            throw syntaxError();
        }
        return advance();
    }

    Token expect(Token.Kind kind) {
        if (!at(kind)) {
            throw syntaxError();
        }
        return advance();
    }

    Token expectOperator(String symbol) {
        if (!atOperator(symbol)) {
            throw syntaxError();
        }
        return advance();
    }

    /** {@code syntax error at or near "<next token>"}, or {@code at end of input}. */
    SqlException syntaxError() {
        return syntaxErrorAt(peek());
    }

    SqlException syntaxErrorAt(Token token) {
        if (token.kind() == Token.Kind.EOF) {
            return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input").withPosition(token.start() + 1);
        }
        return new SqlException(SqlState.SYNTAX_ERROR,
                "syntax error at or near \"" + input.substring(token.start(), token.end()) + "\"")
                .withPosition(token.start() + 1);
    }

    /** An error with its cursor at the given token. */
    static SqlException errorAt(SqlState state, String message, Token token) {
        return new SqlException(state, message).withPosition(token.start() + 1);
    }

    /** 0A000 for a valid statement or clause Woolly does not handle yet, naming it in upper case. */
    static SqlException notSupported(String what, Token token) {
        return errorAt(SqlState.FEATURE_NOT_SUPPORTED,
                "\"" + what.toUpperCase(Locale.ROOT) + "\" is not supported yet", token);
    }

    static SqlException notSupportedClause(String message, Token token) {
        return errorAt(SqlState.FEATURE_NOT_SUPPORTED, message, token);
    }
}
