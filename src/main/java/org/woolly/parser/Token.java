package org.woolly.parser;

/**
 * One lexical token. {@code text} is the token's value: an identifier already case-folded
 * (unless {@code quoted}), a string literal after unescaping, an operator's symbol. {@code start}
 * and {@code end} are 0-based character offsets into the whole query string, end exclusive.
 * Counterpart of the token values of {@code src/backend/parser/scan.l} ({@code core_YYSTYPE}).
 */
record Token(Kind kind, String text, boolean quoted, int start, int end) {

    enum Kind {
        IDENT, INTEGER, NUMERIC, STRING, BIT_STRING, PARAM, OPERATOR,
        COMMA, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, SEMICOLON, DOT, DOT_DOT, COLON,
        TYPECAST, COLON_EQUALS, EQUALS_GREATER, EOF
    }

    /** True for an unquoted identifier spelled as the given (lower-case) keyword. */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && !quoted && text.equals(keyword);
    }

    boolean isOperator(String symbol) {
        return kind == Kind.OPERATOR && text.equals(symbol);
    }

    boolean is(Kind expected) {
        return kind == expected;
    }
}
