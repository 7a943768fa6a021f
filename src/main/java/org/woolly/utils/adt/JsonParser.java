package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The JSON lexer and recursive-descent parser of {@code src/common/jsonapi.c} ({@code json_lex},
 * {@code json_lex_string}, {@code json_lex_number}, {@code parse_object}, {@code parse_array})
 * with the errors {@code json_errdetail} and {@code report_json_context} raise: 22P02
 * {@code invalid input syntax for type json}, a DETAIL naming the offending token and a CONTEXT
 * {@code JSON data, line N: ...} ending at it.
 *
 * <p>With {@code decodeStrings} (jsonb input and every json processing function, PostgreSQL's
 * {@code need_escapes}) string escapes are decoded and {@code \u0000} and unpaired surrogates
 * are errors; without it (json input) only the syntax is checked, so json keeps such text. The
 * tree keeps each node's span in the source, which json's functions return verbatim.
 */
final class JsonParser {
    /** A parsed JSON value with its source span {@code [start, end)}. */
    sealed interface Node permits Scalar, ArrayNode, ObjectNode {
        int start();

        int end();
    }

    /** The kinds of scalar token. */
    enum ScalarKind { STRING, NUMBER, TRUE, FALSE, NULL }

    /** A scalar: {@code text} is the decoded string (STRING) or the token (NUMBER). */
    record Scalar(ScalarKind kind, String text, int start, int end) implements Node {}

    record ArrayNode(List<Node> elements, int start, int end) implements Node {}

    /** An object's fields in source order, duplicates kept. */
    record ObjectNode(List<String> keys, List<Node> values, int start, int end) implements Node {}

    private enum Token { OBJECT_START, OBJECT_END, ARRAY_START, ARRAY_END, COMMA, COLON, STRING, NUMBER, TRUE,
        FALSE, NULL, END }

    private final String input;
    private final boolean decodeStrings;
    private int position;
    private int lineNumber = 1;
    private int lineStart;
    private Token token;
    private int tokenStart;
    private int tokenEnd;
    private String stringValue;

    private JsonParser(String input, boolean decodeStrings) {
        this.input = input;
        this.decodeStrings = decodeStrings;
    }

    /** Parses a whole JSON text ({@code pg_parse_json}). */
    static Node parse(String text, boolean decodeStrings) {
        JsonParser parser = new JsonParser(text, decodeStrings);
        parser.lex();
        Node root = parser.value(Expectation.VALUE);
        parser.expect(Token.END, Expectation.END);
        return root;
    }

    /** Checks the syntax of json input ({@code json_in}, which keeps the text as it is). */
    static void validate(String text) {
        parse(text, false);
    }

    /** What the parser wanted where it failed: chooses {@code json_errdetail}'s message. */
    private enum Expectation {
        VALUE("Expected JSON value, but found \"%s\"."),
        STRING("Expected string, but found \"%s\"."),
        OBJECT_FIRST("Expected string or \"}\", but found \"%s\"."),
        OBJECT_NEXT("Expected \",\" or \"}\", but found \"%s\"."),
        ARRAY_NEXT("Expected \",\" or \"]\", but found \"%s\"."),
        COLON("Expected \":\", but found \"%s\"."),
        END("Expected end of input, but found \"%s\".");

        final String detail;

        Expectation(String detail) {
            this.detail = detail;
        }
    }

    private Node value(Expectation expectation) {
        return switch (token) {
            case OBJECT_START -> object();
            case ARRAY_START -> array();
            case STRING, NUMBER, TRUE, FALSE, NULL -> {
                ScalarKind kind = switch (token) {
                    case STRING -> ScalarKind.STRING;
                    case NUMBER -> ScalarKind.NUMBER;
                    case TRUE -> ScalarKind.TRUE;
                    case FALSE -> ScalarKind.FALSE;
                    default -> ScalarKind.NULL;
                };
                String text = token == Token.STRING ? stringValue : input.substring(tokenStart, tokenEnd);
                Scalar scalar = new Scalar(kind, text, tokenStart, tokenEnd);
                lex();
                yield scalar;
            }
            default -> throw parseError(expectation);
        };
    }

    private Node object() {
        int start = tokenStart;
        lex();
        List<String> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        if (token == Token.OBJECT_END) {
            int end = tokenEnd;
            lex();
            return new ObjectNode(keys, values, start, end);
        }
        if (token != Token.STRING) {
            throw parseError(Expectation.OBJECT_FIRST);
        }
        while (true) {
            if (token != Token.STRING) {
                throw parseError(Expectation.STRING);
            }
            keys.add(stringValue);
            lex();
            expect(Token.COLON, Expectation.COLON);
            values.add(value(Expectation.VALUE));
            if (token == Token.COMMA) {
                lex();
            } else if (token == Token.OBJECT_END) {
                int end = tokenEnd;
                lex();
                return new ObjectNode(keys, values, start, end);
            } else {
                throw parseError(Expectation.OBJECT_NEXT);
            }
        }
    }

    private Node array() {
        int start = tokenStart;
        lex();
        List<Node> elements = new ArrayList<>();
        if (token != Token.ARRAY_END) {
            while (true) {
                elements.add(value(Expectation.VALUE));
                if (token != Token.COMMA) {
                    break;
                }
                lex();
            }
        }
        if (token != Token.ARRAY_END) {
            throw parseError(Expectation.ARRAY_NEXT);
        }
        int end = tokenEnd;
        lex();
        return new ArrayNode(elements, start, end);
    }

    private void expect(Token expected, Expectation expectation) {
        if (token != expected) {
            throw parseError(expectation);
        }
        if (expected != Token.END) {
            lex();
        }
    }

    private SqlException parseError(Expectation expectation) {
        if (token == Token.END) {
            return error("The input string ended unexpectedly.");
        }
        return error(String.format(expectation.detail, input.substring(tokenStart, tokenEnd)));
    }

    /** {@code json_lex}: the next token, skipping white space. */
    private void lex() {
        while (position < input.length()) {
            char c = input.charAt(position);
            if (c == '\n') {
                lineNumber++;
                lineStart = position + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            position++;
        }
        tokenStart = position;
        if (position >= input.length()) {
            token = Token.END;
            tokenEnd = position;
            return;
        }
        char c = input.charAt(position);
        Token single = switch (c) {
            case '{' -> Token.OBJECT_START;
            case '}' -> Token.OBJECT_END;
            case '[' -> Token.ARRAY_START;
            case ']' -> Token.ARRAY_END;
            case ',' -> Token.COMMA;
            case ':' -> Token.COLON;
            default -> null;
        };
        if (single != null) {
            token = single;
            position++;
            tokenEnd = position;
        } else if (c == '"') {
            lexString();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            lexNumber();
        } else {
            int end = position;
            while (end < input.length() && isAlphanumeric(input.charAt(end))) {
                end++;
            }
            if (end == position) {
                end = position + Character.charCount(input.codePointAt(position));
            }
            tokenEnd = end;
            String word = input.substring(position, end);
            token = switch (word) {
                case "true" -> Token.TRUE;
                case "false" -> Token.FALSE;
                case "null" -> Token.NULL;
                default -> throw invalidToken();
            };
            position = end;
        }
    }

    /** {@code JSON_ALPHANUMERIC_CHAR}: what json_lex reads as one word for error reports. */
    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
    }

    private SqlException invalidToken() {
        return error("Token \"" + input.substring(tokenStart, tokenEnd) + "\" is invalid.");
    }

    /** {@code json_lex_number}: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, trailing word characters invalid. */
    private void lexNumber() {
        int at = position;
        boolean valid = true;
        if (input.charAt(at) == '-') {
            at++;
        }
        if (at < input.length() && input.charAt(at) == '0') {
            at++;
        } else if (at < input.length() && isDigit(input.charAt(at))) {
            at = digits(at);
        } else {
            valid = false;
        }
        if (valid && at < input.length() && input.charAt(at) == '.') {
            int fraction = digits(at + 1);
            valid = fraction > at + 1;
            at = fraction;
        }
        if (valid && at < input.length() && (input.charAt(at) == 'e' || input.charAt(at) == 'E')) {
            at++;
            if (at < input.length() && (input.charAt(at) == '+' || input.charAt(at) == '-')) {
                at++;
            }
            int exponent = digits(at);
            valid = exponent > at;
            at = exponent;
        }
        int end = at;
        while (end < input.length() && isAlphanumeric(input.charAt(end))) {
            end++;
        }
        tokenEnd = end;
        if (!valid || end != at) {
            throw invalidToken();
        }
        token = Token.NUMBER;
        position = end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int digits(int from) {
        int at = from;
        while (at < input.length() && isDigit(input.charAt(at))) {
            at++;
        }
        return at;
    }

    /** {@code json_lex_string}, decoding escapes when asked. */
    private void lexString() {
        StringBuilder value = decodeStrings ? new StringBuilder() : null;
        int highSurrogate = -1;
        int at = position + 1;
        while (true) {
            if (at >= input.length()) {
                tokenEnd = at;
                throw invalidToken();
            }
            char c = input.charAt(at);
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                tokenEnd = at;
                throw error(String.format("Character with value 0x%02x must be escaped.", (int) c));
            }
            if (c != '\\') {
                if (value != null) {
                    if (highSurrogate != -1) {
                        throw escapeError(at, "Unicode low surrogate must follow a high surrogate.");
                    }
                    value.append(c);
                }
                at++;
                continue;
            }
            at++;
            if (at >= input.length()) {
                tokenEnd = at;
                throw invalidToken();
            }
            c = input.charAt(at);
            if (c == 'u') {
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    at++;
                    if (at >= input.length()) {
                        tokenEnd = at;
                        throw invalidToken();
                    }
                    int digit = Character.digit(input.charAt(at), 16);
                    if (digit < 0 || input.charAt(at) > 0x7F) {
                        tokenEnd = at + 1;
                        throw error("\"\\u\" must be followed by four hexadecimal digits.");
                    }
                    code = code * 16 + digit;
                }
                if (value != null) {
                    if (Character.isHighSurrogate((char) code)) {
                        if (highSurrogate != -1) {
                            throw escapeError(at, "Unicode high surrogate must not follow a high surrogate.");
                        }
                        highSurrogate = code;
                        at++;
                        continue;
                    }
                    if (Character.isLowSurrogate((char) code)) {
                        if (highSurrogate == -1) {
                            throw escapeError(at, "Unicode low surrogate must follow a high surrogate.");
                        }
                        value.append((char) highSurrogate).append((char) code);
                        highSurrogate = -1;
                        at++;
                        continue;
                    }
                    if (highSurrogate != -1) {
                        throw escapeError(at, "Unicode low surrogate must follow a high surrogate.");
                    }
                    if (code == 0) {
                        tokenEnd = at + 1;
                        throw error(SqlState.UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence",
                                "\\u0000 cannot be converted to text.");
                    }
                    value.append((char) code);
                }
                at++;
                continue;
            }
            if (value != null && highSurrogate != -1) {
                throw escapeError(at, "Unicode low surrogate must follow a high surrogate.");
            }
            char decoded = switch (c) {
                case '"', '\\', '/' -> c;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                default -> {
                    tokenStart = at;
                    tokenEnd = at + Character.charCount(input.codePointAt(at));
                    throw error("Escape sequence \"\\" + input.substring(at, tokenEnd) + "\" is invalid.");
                }
            };
            if (value != null) {
                value.append(decoded);
            }
            at++;
        }
        if (value != null && highSurrogate != -1) {
            throw escapeError(at, "Unicode low surrogate must follow a high surrogate.");
        }
        token = Token.STRING;
        position = at + 1;
        tokenEnd = position;
        stringValue = value == null ? null : value.toString();
    }

    private SqlException escapeError(int at, String detail) {
        tokenEnd = at + 1;
        return error(detail);
    }

    private SqlException error(String detail) {
        return error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json", detail);
    }

    /** The error with {@code report_json_context}'s CONTEXT: the current line up to the token's end, at most 50 characters. */
    private SqlException error(SqlState state, String message, String detail) {
        int contextEnd = tokenEnd;
        int contextStart = Math.max(lineStart, contextEnd - 49);
        if (contextStart - lineStart <= 3) {
            contextStart = lineStart;
        }
        String prefix = contextStart > lineStart ? "..." : "";
        boolean more = token != Token.END && contextEnd < input.length() && input.charAt(contextEnd) != '\n'
                && input.charAt(contextEnd) != '\r';
        // an error found while lexing leaves the previous token's type: only the END of input is no "more"
        String suffix = more ? "..." : "";
        return new SqlException(state, message).withDetail(detail)
                .withContext("JSON data, line " + lineNumber + ": " + prefix
                        + input.substring(contextStart, contextEnd) + suffix);
    }
}
