package org.woolly.parser;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The quoted lexical forms: {@code "identifiers"}, {@code 'strings'} with their continuation
 * across newlines, {@code E'...'} backslash escapes, {@code U&'...'}, {@code B'...'}/{@code X'...'}
 * and {@code $tag$...$tag$}. Counterpart of the {@code xq}, {@code xe}, {@code xus}, {@code xb},
 * {@code xh}, {@code xd} and {@code xdolq} states of {@code src/backend/parser/scan.l}. Each
 * reader starts at one position of the input and returns a token ending where it stopped.
 */
final class QuotedLiteralLexer {
    private final String input;
    private int position;

    QuotedLiteralLexer(String input, int position) {
        this.input = input;
        this.position = position;
    }

    private char charAt(int index) {
        return index < input.length() ? input.charAt(index) : '\0';
    }

    Token quotedIdentifier() {
        int start = position;
        StringBuilder value = new StringBuilder();
        position++;
        while (true) {
            if (position >= input.length()) {
                throw Lexer.error(input, "unterminated quoted identifier", start, input.length());
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
            throw Lexer.error(input, "zero-length delimited identifier", start, position);
        }
        return new Token(Token.Kind.IDENT, Lexer.truncate(value.toString()), true, start, position);
    }

    /**
     * A quoted string starting at {@code quote} (the token itself starts at {@code start}, before
     * any E prefix). Adjacent string literals separated by whitespace holding a newline are
     * concatenated, as the SQL standard requires.
     */
    Token string(int start, int quote, boolean escapes) {
        StringBuilder value = new StringBuilder();
        position = quote;
        readContinuedLiteral(start, value, escapes);
        return new Token(Token.Kind.STRING, value.toString(), false, start, position);
    }

    /** Reads the quoted literal at the cursor and any literals continuing it on later lines. */
    private void readContinuedLiteral(int start, StringBuilder value, boolean escapes) {
        while (true) {
            readQuotedBody(start, value, escapes);
            int afterSegment = position;
            if (!skipToContinuation()) {
                position = afterSegment;
                return;
            }
        }
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
            } else if (!Lexer.isSpace(c)) {
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
                throw Lexer.error(input, "unterminated quoted string", start, input.length());
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
                    throw Lexer.error(input, "unterminated quoted string", start, input.length());
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
                        throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid Unicode escape")
                                .withHint("Unicode escapes must be \\uXXXX or \\UXXXXXXXX.").withPosition(position);
                    }
                }
                int codePoint = (int) Long.parseLong(input.substring(digitsStart, digitsStart + digits), 16);
                if (!Character.isValidCodePoint(codePoint) || codePoint == 0) {
                    throw Lexer.error(input, "invalid Unicode escape value", position - 1, digitsStart + digits);
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

    /**
     * {@code U&'...'} strings and {@code U&"..."} identifiers: {@code \\XXXX} and
     * {@code \\+XXXXXX} are Unicode code points, {@code \\\\} a backslash (the default escape
     * character; UESCAPE is not supported).
     */
    Token unicodeEscaped() {
        int start = position;
        boolean identifier = input.charAt(position + 2) == '"';
        Token raw;
        position += 2;
        if (identifier) {
            raw = quotedIdentifier();
        } else {
            StringBuilder body = new StringBuilder();
            readQuotedBody(start, body, false);
            raw = new Token(Token.Kind.STRING, body.toString(), false, start, position);
        }
        String text = raw.text();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                value.append('\\');
                i++;
                continue;
            }
            int digits = i + 1 < text.length() && text.charAt(i + 1) == '+' ? 6 : 4;
            int from = i + 1 + (digits == 6 ? 1 : 0);
            // The cursor points at the backslash (exact unless '' doubling came before it).
            int backslash = start + 3 + i;
            if (from + digits > text.length() || !isHex(text.substring(from, from + digits))) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode escape")
                        .withHint("Unicode escapes must be \\XXXX or \\+XXXXXX.").withPosition(backslash + 1);
            }
            int codePoint = Integer.parseInt(text.substring(from, from + digits), 16);
            if (!Character.isValidCodePoint(codePoint) || codePoint == 0) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode escape value").withPosition(backslash + 1);
            }
            value.appendCodePoint(codePoint);
            i = from + digits - 1;
        }
        String result = identifier ? Lexer.truncate(value.toString()) : value.toString();
        return new Token(raw.kind(), result, identifier, start, position);
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code B'0101'} or {@code X'1F'}: the token's text is the binary digits either way
     * ({@code X'1F'} is "00011111"), so a bit-string constant has one spelling.
     */
    Token bitString(char prefix) {
        int start = position;
        StringBuilder value = new StringBuilder();
        position++;
        readContinuedLiteral(start, value, false);
        String digits = value.toString();
        if (prefix == 'x') {
            StringBuilder bits = new StringBuilder(digits.length() * 4);
            for (int i = 0; i < digits.length(); i++) {
                int nibble = Character.digit(digits.charAt(i), 16);
                if (nibble < 0) {
                    throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                            "\"" + digits.charAt(i) + "\" is not a valid hexadecimal digit").withPosition(start + 1);
                }
                for (int bit = 3; bit >= 0; bit--) {
                    bits.append((nibble >> bit & 1) == 1 ? '1' : '0');
                }
            }
            digits = bits.toString();
        } else {
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c != '0' && c != '1') {
                    throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                            "\"" + c + "\" is not a valid binary digit").withPosition(start + 1);
                }
            }
        }
        return new Token(Token.Kind.BIT_STRING, digits, false, start, position);
    }

    /** {@code $tag$...$tag$}; null when the dollar sign does not start a valid delimiter. */
    Token dollarQuoted() {
        int start = position;
        int scan = position + 1;
        if (charAt(scan) != '$') {
            if (!Lexer.isIdentifierStart(charAt(scan))) {
                return null;
            }
            while (scan < input.length() && Lexer.isIdentifierPart(input.charAt(scan)) && input.charAt(scan) != '$') {
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
            throw Lexer.error(input, "unterminated dollar-quoted string", start, input.length());
        }
        position = close + delimiter.length();
        return new Token(Token.Kind.STRING, input.substring(bodyStart, close), false, start, position);
    }
}
