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
            tokens.add(next());
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }

    static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= '\u0080';
    }

    private static boolean isIdentifierPart(char c) {
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
    private SqlException error(String message, int start, int end) {
        String near = input.substring(start, Math.min(end, input.length()));
        String text = near.isEmpty() ? message + " at end of input" : message + " at or near \"" + near + "\"";
        return new SqlException(SqlState.SYNTAX_ERROR, text).withPosition(start + 1);
    }

    private Token next() {
        char c = input.charAt(position);
        char following = charAt(position + 1);
        if ((c == 'e' || c == 'E') && following == '\'') {
            return string(position, position + 1, true);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && following == '\'') {
            return bitString(Character.toLowerCase(c));
        }
        if ((c == 'n' || c == 'N') && following == '\'') {
            // N'...' is a national character literal: treated as a plain string, as PostgreSQL
            // does once it has turned the N into a char type cast.
            return string(position, position + 1, false);
        }
        if (c == '\'') {
            return string(position, position, false);
        }
        if (c == '"') {
            return quotedIdentifier();
        }
        if (c == '$') {
            if (isDigit(following)) {
                return parameter();
            }
            Token dollar = dollarQuoted();
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

    private Token quotedIdentifier() {
        int start = position;
        StringBuilder value = new StringBuilder();
        position++;
        while (true) {
            if (position >= input.length()) {
                throw error("unterminated quoted identifier", start, input.length());
            }
            char c = input.charAt(position);
            if (c == '"') {
                if (charAt(position + 1) == '"') {
                    value.append('"');
                    position += 2;
                    continue;
                }
                position++;
                break;
            }
            value.append(c);
            position++;
        }
        if (value.isEmpty()) {
            throw error("zero-length delimited identifier", start, position);
        }
        return new Token(Token.Kind.IDENT, truncate(value.toString()), true, start, position);
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

    /**
     * A quoted string starting at {@code quote} (the token itself starts at {@code start}, before
     * any E prefix). Adjacent string literals separated by whitespace holding a newline are
     * concatenated, as the SQL standard requires.
     */
    private Token string(int start, int quote, boolean escapes) {
        StringBuilder value = new StringBuilder();
        position = quote;
        while (true) {
            readQuotedBody(start, value, escapes);
            int afterSegment = position;
            if (!skipToContinuation()) {
                position = afterSegment;
                break;
            }
        }
        return new Token(Token.Kind.STRING, value.toString(), false, start, position);
    }

    /** After a string: true (positioned on the next quote) when whitespace with a newline leads to another. */
    private boolean skipToContinuation() {
        int scan = position;
        boolean newline = false;
        while (scan < input.length()) {
            char c = input.charAt(scan);
            if (c == '\n' || c == '\r') {
                newline = true;
            } else if (c == '-' && charAt(scan + 1) == '-') {
                while (scan < input.length() && input.charAt(scan) != '\n' && input.charAt(scan) != '\r') {
                    scan++;
                }
                continue;
            } else if (!isSpace(c)) {
                break;
            }
            scan++;
        }
        if (newline && scan < input.length() && input.charAt(scan) == '\'') {
            position = scan;
            return true;
        }
        return false;
    }

    private void readQuotedBody(int start, StringBuilder value, boolean escapes) {
        position++;
        while (true) {
            if (position >= input.length()) {
                throw error("unterminated quoted string", start, input.length());
            }
            char c = input.charAt(position);
            if (c == '\'') {
                if (charAt(position + 1) == '\'') {
                    value.append('\'');
                    position += 2;
                    continue;
                }
                position++;
                return;
            }
            if (c == '\\' && escapes) {
                position++;
                if (position >= input.length()) {
                    throw error("unterminated quoted string", start, input.length());
                }
                readEscape(start, value);
                continue;
            }
            value.append(c);
            position++;
        }
    }

    private void readEscape(int start, StringBuilder value) {
        char c = input.charAt(position);
        switch (c) {
            case 'b' -> appendAndAdvance(value, '\b');
            case 'f' -> appendAndAdvance(value, '\f');
            case 'n' -> appendAndAdvance(value, '\n');
            case 'r' -> appendAndAdvance(value, '\r');
            case 't' -> appendAndAdvance(value, '\t');
            case 'v' -> appendAndAdvance(value, '\u000b');
            case 'x' -> {
                int digitsStart = position + 1;
                int end = digitsStart;
                while (end < digitsStart + 2 && Character.digit(charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == digitsStart) {
                    appendAndAdvance(value, 'x');
                } else {
                    value.append((char) Integer.parseInt(input.substring(digitsStart, end), 16));
                    position = end;
                }
            }
            case 'u', 'U' -> {
                int digits = c == 'u' ? 4 : 8;
                int digitsStart = position + 1;
                for (int i = 0; i < digits; i++) {
                    if (Character.digit(charAt(digitsStart + i), 16) < 0) {
                        throw error("invalid Unicode escape", position - 1, position + 1)
                                .withHint("Unicode escapes must be \\uXXXX or \\UXXXXXXXX.");
                    }
                }
                int codePoint = (int) Long.parseLong(input.substring(digitsStart, digitsStart + digits), 16);
                if (!Character.isValidCodePoint(codePoint) || codePoint == 0) {
                    throw error("invalid Unicode escape value", position - 1, digitsStart + digits);
                }
                value.appendCodePoint(codePoint);
                position = digitsStart + digits;
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = position;
                    while (end < position + 3 && charAt(end) >= '0' && charAt(end) <= '7') {
                        end++;
                    }
                    value.append((char) (Integer.parseInt(input.substring(position, end), 8) & 0xFF));
                    position = end;
                } else {
                    appendAndAdvance(value, c);
                }
            }
        }
        if (value.indexOf("\0") >= 0) {
            throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": 0x00")
                    .withPosition(start + 1);
        }
    }

    private void appendAndAdvance(StringBuilder value, char c) {
        value.append(c);
        position++;
    }

    private Token bitString(char prefix) {
        int start = position;
        StringBuilder value = new StringBuilder().append(prefix);
        position++;
        while (true) {
            readQuotedBody(start, value, false);
            int afterSegment = position;
            if (!skipToContinuation()) {
                position = afterSegment;
                break;
            }
        }
        return new Token(Token.Kind.BIT_STRING, value.toString(), false, start, position);
    }

    /** {@code $tag$...$tag$}; null when the dollar sign does not start a valid delimiter. */
    private Token dollarQuoted() {
        int start = position;
        int scan = position + 1;
        if (charAt(scan) != '$') {
            if (!isIdentifierStart(charAt(scan))) {
                return null;
            }
            while (scan < input.length() && isIdentifierPart(input.charAt(scan)) && input.charAt(scan) != '$') {
                scan++;
            }
            if (charAt(scan) != '$') {
                return null;
            }
        }
        String delimiter = input.substring(start, scan + 1);
        int bodyStart = scan + 1;
        int close = input.indexOf(delimiter, bodyStart);
        if (close < 0) {
            throw error("unterminated dollar-quoted string", start, input.length());
        }
        position = close + delimiter.length();
        return new Token(Token.Kind.STRING, input.substring(bodyStart, close), false, start, position);
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
