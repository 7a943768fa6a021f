package org.woolly.parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Splits a query string into tokens with PostgreSQL 15's lexical rules, with
 * {@code standard_conforming_strings = on}. Counterpart of {@code src/backend/parser/scan.l}.
 * Positions are 0-based character offsets in the whole query string.
 */
final class Lexer {
    /** NAMEDATALEN - 1: identifiers longer than this many bytes are truncated. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";
    /** A trailing + or - stays part of a multi-character operator only if one of these occurs in it. */
    private static final String NON_MATH_OPERATOR_CHARS = "~!@#^&|`?";

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int position;

    private Lexer(String input) {
        this.input = input;
    }

    /** Returns every token of the input followed by one EOF token at the input's end. */
    static List<Token> tokenize(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipWhitespaceAndComments();
            if (position >= input.length()) {
                tokens.add(new Token(Token.Kind.EOF, "", false, input.length(), input.length()));
                return;
            }
            Token token = next();
            position = token.end();
            tokens.add(token);
        }
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }

    static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= '\u0080';
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9' || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char charAt(int index) {
        return index < input.length() ? input.charAt(index) : '\0';
    }

    private void skipWhitespaceAndComments() {
        while (position < input.length()) {
            char c = input.charAt(position);
            if (isSpace(c)) {
                position++;
            } else if (c == '-' && charAt(position + 1) == '-') {
                while (position < input.length() && input.charAt(position) != '\n' && input.charAt(position) != '\r') {
                    position++;
                }
            } else if (c == '/' && charAt(position + 1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int start = position;
        int depth = 0;
        while (position < input.length()) {
            if (input.startsWith("/*", position)) {
                depth++;
                position += 2;
            } else if (input.startsWith("*/", position)) {
                depth--;
                position += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                position++;
            }
        }
        throw error("unterminated /* comment", start, input.length());
    }

    /** A lexical error: the "at or near" text runs from the token's start to {@code end}. */
    static SqlException error(String input, String message, int start, int end) {
        String near = input.substring(start, Math.min(end, input.length()));
        String text = near.isEmpty() ? message + " at end of input" : message + " at or near \"" + near + "\"";
        return new SqlException(SqlState.SYNTAX_ERROR, text).withPosition(start + 1);
    }

    private SqlException error(String message, int start, int end) {
        String near = input.substring(start, Math.min(end, input.length()));
        String text = near.isEmpty() ? message + " at end of input" : message + " at or near \"" + near + "\"";
        return new SqlException(SqlState.SYNTAX_ERROR, text).withPosition(start + 1);
    }

    private Token next() {
        char c = input.charAt(position);
        char following = charAt(position + 1);
        if ((c == 'e' || c == 'E') && following == '\'') {
            return literal().string(position, position + 1, true);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && following == '\'') {
            return literal().bitString(Character.toLowerCase(c));
        }
        if ((c == 'n' || c == 'N') && following == '\'') {
            // N'...' is a national character literal: treated as a plain string, as PostgreSQL
            // does once it has turned the N into a char type cast.
            return literal().string(position, position + 1, false);
        }
        if ((c == 'u' || c == 'U') && following == '&' && (charAt(position + 2) == '\'' || charAt(position + 2) == '"')) {
            return literal().unicodeEscaped();
        }
        if (c == '\'') {
            return literal().string(position, position, false);
        }
        if (c == '"') {
            return literal().quotedIdentifier();
        }
        if (c == '$') {
            if (isDigit(following)) {
                return parameter();
            }
            Token dollar = literal().dollarQuoted();
            if (dollar != null) {
                return dollar;
            }
        }
        if (isIdentifierStart(c)) {
            return identifier();
        }
        if (isDigit(c) || c == '.' && isDigit(following)) {
            return number();
        }
        return punctuationOrOperator();
    }

    /** A reader of the quoted forms positioned at the cursor; the run loop moves the cursor to the token's end. */
    private QuotedLiteralLexer literal() {
        return new QuotedLiteralLexer(input, position);
    }

    private Token identifier() {
        int start = position;
        while (position < input.length() && isIdentifierPart(input.charAt(position))) {
            position++;
        }
        String word = downcase(input.substring(start, position));
        return new Token(Token.Kind.IDENT, truncate(word), false, start, position);
    }

    /** Lower-cases ASCII letters only, as PostgreSQL does for multibyte encodings. */
    private static String downcase(String word) {
        StringBuilder builder = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            builder.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return builder.toString();
    }

    static String truncate(String name) {
        if (name.length() * 3 <= MAX_IDENTIFIER_BYTES
                || name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES) {
            return name;
        }
        int bytes = 0;
        int index = 0;
        while (index < name.length()) {
            int codePoint = name.codePointAt(index);
            int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > MAX_IDENTIFIER_BYTES) {
                break;
            }
            bytes += length;
            index += Character.charCount(codePoint);
        }
        return name.substring(0, index);
    }

    private Token parameter() {
        int start = position;
        position++;
        while (isDigit(charAt(position))) {
            position++;
        }
        if (isIdentifierStart(charAt(position))) {
            throw error("trailing junk after parameter", start, junkEnd(position));
        }
        String digits = input.substring(start + 1, position);
        long number = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (number > Integer.MAX_VALUE) {
            throw error("parameter number too large", start, position);
        }
        return new Token(Token.Kind.PARAM, digits, false, start, position);
    }

    private Token number() {
        int start = position;
        boolean decimal = false;
        while (isDigit(charAt(position))) {
            position++;
        }
        if (charAt(position) == '.' && charAt(position + 1) != '.') {
            decimal = true;
            position++;
            while (isDigit(charAt(position))) {
                position++;
            }
        }
        boolean real = false;
        char exponent = charAt(position);
        if (exponent == 'e' || exponent == 'E') {
            int afterE = position + 1;
            if (charAt(afterE) == '+' || charAt(afterE) == '-') {
                afterE++;
            }
            if (isDigit(charAt(afterE))) {
                real = true;
                position = afterE;
                while (isDigit(charAt(position))) {
                    position++;
                }
            } else {
                // "1e" is junk after the number in PostgreSQL 15.
                throw error("trailing junk after numeric literal", start, junkEnd(position));
            }
        }
        if (isIdentifierStart(charAt(position))) {
            throw error("trailing junk after numeric literal", start, junkEnd(position));
        }
        String text = input.substring(start, position);
        if (!decimal && !real && fitsInt8(text)) {
            return new Token(Token.Kind.INTEGER, text, false, start, position);
        }
        return new Token(Token.Kind.NUMERIC, text, false, start, position);
    }

    /** The end of the identifier characters glued to a number or parameter, shown in the error. */
    private int junkEnd(int from) {
        int end = from;
        while (end < input.length() && isIdentifierPart(input.charAt(end))) {
            end++;
        }
        return end;
    }

    static boolean fitsInt8(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Token punctuationOrOperator() {
        int start = position;
        char c = input.charAt(position);
        char following = charAt(position + 1);
        if (c == ':' && following == ':') {
            return fixed(Token.Kind.TYPECAST, "::", 2);
        }
        if (c == ':' && following == '=') {
            return fixed(Token.Kind.COLON_EQUALS, ":=", 2);
        }
        if (c == '.' && following == '.') {
            return fixed(Token.Kind.DOT_DOT, "..", 2);
        }
        if (OPERATOR_CHARS.indexOf(c) < 0) {
            Token.Kind kind = switch (c) {
                case ',' -> Token.Kind.COMMA;
                case '(' -> Token.Kind.LEFT_PAREN;
                case ')' -> Token.Kind.RIGHT_PAREN;
                case '[' -> Token.Kind.LEFT_BRACKET;
                case ']' -> Token.Kind.RIGHT_BRACKET;
                case ';' -> Token.Kind.SEMICOLON;
                case '.' -> Token.Kind.DOT;
                case ':' -> Token.Kind.COLON;
                default -> throw error("syntax error", start, start + 1);
            };
            return fixed(kind, String.valueOf(c), 1);
        }
        int end = position;
        while (end < input.length() && OPERATOR_CHARS.indexOf(input.charAt(end)) >= 0) {
            end++;
        }
        String operator = input.substring(start, end);
        // A comment start inside an operator ends it.
        int comment = indexOfCommentStart(operator);
        if (comment > 0) {
            operator = operator.substring(0, comment);
        }
        if (operator.length() > 1 && (operator.endsWith("+") || operator.endsWith("-"))
                && !containsAny(operator, NON_MATH_OPERATOR_CHARS)) {
            while (operator.length() > 1 && (operator.endsWith("+") || operator.endsWith("-"))) {
                operator = operator.substring(0, operator.length() - 1);
            }
        }
        position = start + operator.length();
        if (operator.equals("=>")) {
            return new Token(Token.Kind.EQUALS_GREATER, operator, false, start, position);
        }
        if (operator.equals("!=")) {
            return new Token(Token.Kind.OPERATOR, "<>", false, start, position);
        }
        if (operator.length() >= 64) {
            throw error("operator too long", start, position);
        }
        return new Token(Token.Kind.OPERATOR, operator, false, start, position);
    }

    private static int indexOfCommentStart(String operator) {
        int slashStar = operator.indexOf("/*");
        int dashDash = operator.indexOf("--");
        if (slashStar < 0) {
            return dashDash;
        }
        return dashDash < 0 ? slashStar : Math.min(slashStar, dashDash);
    }

    private static boolean containsAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private Token fixed(Token.Kind kind, String text, int length) {
        int start = position;
        position += length;
        return new Token(kind, text, false, start, position);
    }
}
