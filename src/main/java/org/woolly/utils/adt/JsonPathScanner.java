package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The lexer of the SQL/JSON path language ({@code src/backend/utils/adt/jsonpath_scan.l}).
 * Besides its value each token keeps the text flex's {@code yytext} holds when the parser
 * rejects it, which PostgreSQL's messages quote: an identifier or keyword ends on the blanks
 * after it (so {@code strict lax $} fails {@code at or near " "}) or on a special character it
 * leaves unread (then the message says {@code at end of jsonpath input}), a quoted string on its
 * closing quote.
 */
final class JsonPathScanner {
    enum Type { END, CHAR, AND, OR, NOT, ANY, LESS, LESS_EQUAL, EQUAL, NOT_EQUAL, GREATER_EQUAL, GREATER,
        VARIABLE, STRING, NUMERIC, INTEGER, IDENTIFIER }

    /**
     * One token; {@code errorText} is what the syntax error names ({@code null}: the end of input).
     */
    record Token(Type type, String value, String errorText) {
        boolean isChar(char c) {
            return type == Type.CHAR && value.charAt(0) == c;
        }

        boolean isKeyword(String keyword) {
            return type == Type.IDENTIFIER && value.equals(keyword);
        }
    }

    private static final String SPECIAL = "?%$.[]{}()|&!=<>@#,*:-+/\\\" \t\n\r\f";

    private final String input;
    private int position;

    private JsonPathScanner(String input) {
        this.input = input;
    }

    static List<Token> scan(String input) {
        JsonPathScanner scanner = new JsonPathScanner(input);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = scanner.next();
            tokens.add(token);
        } while (token.type() != Type.END);
        return tokens;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /** flex's {@code other}: neither special nor blank. */
    private static boolean isOther(char c) {
        return SPECIAL.indexOf(c) < 0;
    }

    private boolean at(int index, char c) {
        return index < input.length() && input.charAt(index) == c;
    }

    private Token next() {
        while (true) {
            while (position < input.length() && isBlank(input.charAt(position))) {
                position++;
            }
            if (input.startsWith("/*", position)) {
                skipComment(position + 2);
                continue;
            }
            break;
        }
        if (position >= input.length()) {
            return new Token(Type.END, "", null);
        }
        char c = input.charAt(position);
        Type twoChar = twoCharOperator();
        if (twoChar != null) {
            String text = input.substring(position, position + 2);
            position += 2;
            return new Token(twoChar, text, text);
        }
        switch (c) {
            case '!' -> {
                position++;
                return new Token(Type.NOT, "!", "!");
            }
            case '<' -> {
                position++;
                return new Token(Type.LESS, "<", "<");
            }
            case '>' -> {
                position++;
                return new Token(Type.GREATER, ">", ">");
            }
            case '$' -> {
                return variable();
            }
            case '"' -> {
                position++;
                String value = quoted();
                return new Token(Type.STRING, value, "\"");
            }
            default -> { }
        }
        if (Character.isDigit(c) || (c == '.' && position + 1 < input.length()
                && Character.isDigit(input.charAt(position + 1)))) {
            Token number = number();
            if (number != null) {
                return number;
            }
        }
        if (c == '\\' || isOther(c)) {
            return identifier();
        }
        position++;
        String text = String.valueOf(c);
        return new Token(Type.CHAR, text, text);
    }

    private Type twoCharOperator() {
        if (position + 1 >= input.length()) {
            return null;
        }
        return switch (input.substring(position, position + 2)) {
            case "&&" -> Type.AND;
            case "||" -> Type.OR;
            case "**" -> Type.ANY;
            case "<=" -> Type.LESS_EQUAL;
            case "==" -> Type.EQUAL;
            case "<>", "!=" -> Type.NOT_EQUAL;
            case ">=" -> Type.GREATER_EQUAL;
            default -> null;
        };
    }

    private void skipComment(int from) {
        int end = input.indexOf("*/", from);
        if (end < 0) {
            throw JsonPathParser.syntaxError("unexpected end of comment", null);
        }
        position = end + 2;
    }

    private Token variable() {
        int start = position;
        position++;
        if (at(position, '"')) {
            position++;
            return new Token(Type.VARIABLE, quoted(), "\"");
        }
        int end = position;
        while (end < input.length() && isOther(input.charAt(end))) {
            end++;
        }
        if (end == position) {
            return new Token(Type.CHAR, "$", "$");
        }
        position = end;
        return new Token(Type.VARIABLE, input.substring(start + 1, end), input.substring(start, end));
    }

    /** The rest of a quoted string (or quoted variable name) after its opening quote. */
    private String quoted() {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (position >= input.length()) {
                throw JsonPathParser.syntaxError("unexpected end of quoted string", null);
            }
            char c = input.charAt(position);
            if (c == '"') {
                position++;
                return out.toString();
            }
            if (c == '\\') {
                escape(out);
            } else {
                out.append(c);
                position++;
            }
        }
    }

    /** An unquoted identifier or keyword ({@code xnq}): other characters and escapes. */
    private Token identifier() {
        StringBuilder out = new StringBuilder();
        while (position < input.length()) {
            char c = input.charAt(position);
            if (c == '\\') {
                escape(out);
            } else if (isOther(c)) {
                out.append(c);
                position++;
            } else {
                break;
            }
        }
        String errorText = null;
        if (position < input.length() && isBlank(input.charAt(position))) {
            int start = position;
            while (position < input.length() && isBlank(input.charAt(position))) {
                position++;
            }
            errorText = input.substring(start, position);
        } else if (input.startsWith("/*", position)) {
            // flex's <xnq>"/*" starts the comment without returning the identifier: it is lost
            skipComment(position + 2);
            return next();
        }
        return new Token(Type.IDENTIFIER, out.toString(), errorText);
    }

    /** A backslash escape at {@code position} inside a string or identifier. */
    private void escape(StringBuilder out) {
        if (position + 1 >= input.length()) {
            throw JsonPathParser.syntaxError("unexpected end after backslash", "\\");
        }
        char c = input.charAt(position + 1);
        switch (c) {
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'u' -> {
                unicode(out);
                return;
            }
            case 'x' -> {
                hex(out);
                return;
            }
            default -> out.append(c);
        }
        position += 2;
    }

    private static int hexDigits(String text, int from, int max) {
        int count = 0;
        while (count < max && from + count < text.length() && Character.digit(text.charAt(from + count), 16) >= 0) {
            count++;
        }
        return count;
    }

    /** {@code \xHH}: two hex digits ({@code hex_char}), else "invalid hex character sequence". */
    private void hex(StringBuilder out) {
        int digits = hexDigits(input, position + 2, 2);
        if (digits < 2) {
            throw JsonPathParser.syntaxError("invalid hex character sequence",
                    input.substring(position, position + 2 + digits));
        }
        int code = Integer.parseInt(input.substring(position + 2, position + 4), 16);
        position += 4;
        addCharacter(out, code);
    }

    /** A run of {@code \\uXXXX} / {@code \\u{X...}} escapes, surrogate pairs joined within the run. */
    private void unicode(StringBuilder out) {
        int start = position;
        int highSurrogate = -1;
        while (input.startsWith("\\u", position)) {
            int code;
            if (at(position + 2, '{')) {
                int digits = hexDigits(input, position + 3, 6);
                if (digits == 0 || !at(position + 3 + digits, '}')) {
                    throw JsonPathParser.syntaxError("invalid unicode sequence",
                            input.substring(start, Math.min(input.length(), position + 3 + digits)));
                }
                code = Integer.parseInt(input.substring(position + 3, position + 3 + digits), 16);
                position += 4 + digits;
            } else {
                int digits = hexDigits(input, position + 2, 4);
                if (digits < 4) {
                    throw JsonPathParser.syntaxError("invalid unicode sequence",
                            input.substring(start, position + 2 + digits));
                }
                code = Integer.parseInt(input.substring(position + 2, position + 6), 16);
                position += 6;
            }
            if (code >= 0xD800 && code <= 0xDBFF) {
                if (highSurrogate != -1) {
                    throw surrogateError("Unicode high surrogate must not follow a high surrogate.");
                }
                highSurrogate = code;
                continue;
            }
            if (code >= 0xDC00 && code <= 0xDFFF) {
                if (highSurrogate == -1) {
                    throw surrogateError("Unicode low surrogate must follow a high surrogate.");
                }
                code = Character.toCodePoint((char) highSurrogate, (char) code);
                highSurrogate = -1;
            } else if (highSurrogate != -1) {
                throw surrogateError("Unicode low surrogate must follow a high surrogate.");
            }
            addCharacter(out, code);
        }
        if (highSurrogate != -1) {
            throw surrogateError("Unicode low surrogate must follow a high surrogate.");
        }
    }

    private static SqlException surrogateError(String detail) {
        return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type jsonpath")
                .withDetail(detail);
    }

    private static void addCharacter(StringBuilder out, int code) {
        if (code == 0) {
            throw new SqlException(SqlState.UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence")
                    .withDetail("\\u0000 cannot be converted to text.");
        }
        if (code > Character.MAX_CODE_POINT) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode escape value");
        }
        out.appendCodePoint(code);
    }

    /**
     * A numeric literal by flex's longest match: {@code decinteger}, {@code decimal}, {@code real},
     * the {@code realfail} and {@code *_junk} error rules, or null when an identifier of other
     * characters ({@code {other}+}, as {@code 12ab}) is longer.
     */
    private Token number() {
        int start = position;
        int i = start;
        boolean decimal = false;
        if (input.charAt(i) == '.') {
            decimal = true;
            i++;
            while (i < input.length() && Character.isDigit(input.charAt(i))) {
                i++;
            }
        } else {
            if (input.charAt(i) == '0') {
                i++;
            } else {
                while (i < input.length() && Character.isDigit(input.charAt(i))) {
                    i++;
                }
            }
            if (at(i, '.')) {
                decimal = true;
                i++;
                while (i < input.length() && Character.isDigit(input.charAt(i))) {
                    i++;
                }
            }
        }
        int end = i;
        boolean real = false;
        String error = null;
        if (at(i, 'e') || at(i, 'E')) {
            int j = i + 1;
            boolean sign = at(j, '+') || at(j, '-');
            if (sign) {
                j++;
            }
            int digitsStart = j;
            while (j < input.length() && Character.isDigit(input.charAt(j))) {
                j++;
            }
            if (j > digitsStart) {
                real = true;
                end = j;
            } else if (sign) {
                end = j;
                error = "invalid numeric literal";
            }
        }
        if (error == null && end < input.length() && isOther(input.charAt(end))) {
            end++;
            error = "trailing junk after numeric literal";
        }
        int otherEnd = start;
        while (otherEnd < input.length() && isOther(input.charAt(otherEnd))) {
            otherEnd++;
        }
        if (otherEnd > end) {
            return null;
        }
        String text = input.substring(start, end);
        if (error != null) {
            throw JsonPathParser.syntaxError(error, text);
        }
        position = end;
        return new Token(real || decimal ? Type.NUMERIC : Type.INTEGER, text, text);
    }
}
