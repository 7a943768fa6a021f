package org.woolly.pl.plpgsql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One token of a PL/pgSQL body ({@code pl_scanner.c}, which reuses the core scanner): positions
 * are 0-based offsets into the body. {@code word} is the lower-cased identifier (the quoted
 * one as written), null for anything else.
 */
record PlToken(Kind kind, String text, String word, int start, int end) {

    enum Kind { WORD, QUOTED_WORD, STRING, NUMBER, PARAM, OPERATOR, SEMICOLON, LEFT_PAREN, RIGHT_PAREN, COMMA, DOT,
        LEFT_BRACKET, RIGHT_BRACKET, ASSIGN, EOF }

    boolean isWord(String lower) {
        return kind == Kind.WORD && word.equals(lower);
    }

    boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_WORD;
    }

    /** Splits {@code body} into tokens, comments and white space left out; the last token is EOF. */
    static List<PlToken> scan(String body) {
        List<PlToken> tokens = new ArrayList<>();
        int i = 0;
        int n = body.length();
        while (true) {
            while (i < n) {
                char c = body.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && body.charAt(i + 1) == '-') {
                    while (i < n && body.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && body.charAt(i + 1) == '*') {
                    int depth = 1;
                    i += 2;
                    while (i < n && depth > 0) {
                        if (body.startsWith("/*", i)) {
                            depth++;
                            i += 2;
                        } else if (body.startsWith("*/", i)) {
                            depth--;
                            i += 2;
                        } else {
                            i++;
                        }
                    }
                } else {
                    break;
                }
            }
            if (i >= n) {
                tokens.add(new PlToken(Kind.EOF, "", null, n, n));
                return tokens;
            }
            int start = i;
            char c = body.charAt(i);
            if (Character.isLetter(c) || c == '_' || c > 127) {
                boolean string = (c == 'e' || c == 'E' || c == 'b' || c == 'B' || c == 'x' || c == 'X'
                        || c == 'n' || c == 'N') && i + 1 < n && body.charAt(i + 1) == '\'';
                if (string) {
                    i = endOfQuoted(body, i + 1, '\'', c == 'e' || c == 'E');
                    tokens.add(new PlToken(Kind.STRING, body.substring(start, i), null, start, i));
                    continue;
                }
                while (i < n && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '_'
                        || body.charAt(i) == '$' || body.charAt(i) > 127)) {
                    i++;
                }
                String text = body.substring(start, i);
                tokens.add(new PlToken(Kind.WORD, text, text.toLowerCase(Locale.ROOT), start, i));
            } else if (c == '"') {
                i = endOfQuoted(body, i, '"', false);
                String text = body.substring(start, i);
                tokens.add(new PlToken(Kind.QUOTED_WORD, text, text.substring(1, text.length() - 1).replace("\"\"", "\""),
                        start, i));
            } else if (c == '\'') {
                i = endOfQuoted(body, i, '\'', false);
                tokens.add(new PlToken(Kind.STRING, body.substring(start, i), null, start, i));
            } else if (c == '$' && i + 1 < n && Character.isDigit(body.charAt(i + 1))) {
                i++;
                while (i < n && Character.isDigit(body.charAt(i))) {
                    i++;
                }
                tokens.add(new PlToken(Kind.PARAM, body.substring(start, i), null, start, i));
            } else if (c == '$') {
                int tagEnd = i + 1;
                while (tagEnd < n && (Character.isLetterOrDigit(body.charAt(tagEnd)) || body.charAt(tagEnd) == '_')) {
                    tagEnd++;
                }
                if (tagEnd >= n || body.charAt(tagEnd) != '$') {
                    throw error("syntax error at or near \"$\"", start);
                }
                String tag = body.substring(i, tagEnd + 1);
                int close = body.indexOf(tag, tagEnd + 1);
                if (close < 0) {
                    throw error("unterminated dollar-quoted string at or near \"" + body.substring(start) + "\"", start);
                }
                i = close + tag.length();
                tokens.add(new PlToken(Kind.STRING, body.substring(start, i), null, start, i));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(body.charAt(i + 1))) {
                while (i < n && (Character.isDigit(body.charAt(i)) || body.charAt(i) == '.'
                        && !(i + 1 < n && body.charAt(i + 1) == '.'))) {
                    i++;
                }
                if (i < n && (body.charAt(i) == 'e' || body.charAt(i) == 'E')) {
                    i++;
                    if (i < n && (body.charAt(i) == '+' || body.charAt(i) == '-')) {
                        i++;
                    }
                    while (i < n && Character.isDigit(body.charAt(i))) {
                        i++;
                    }
                }
                tokens.add(new PlToken(Kind.NUMBER, body.substring(start, i), null, start, i));
            } else {
                Kind kind = switch (c) {
                    case ';' -> Kind.SEMICOLON;
                    case '(' -> Kind.LEFT_PAREN;
                    case ')' -> Kind.RIGHT_PAREN;
                    case ',' -> Kind.COMMA;
                    case '[' -> Kind.LEFT_BRACKET;
                    case ']' -> Kind.RIGHT_BRACKET;
                    default -> null;
                };
                if (kind != null) {
                    i++;
                } else if (body.startsWith(":=", i)) {
                    kind = Kind.ASSIGN;
                    i += 2;
                } else if (body.startsWith("..", i)) {
                    kind = Kind.OPERATOR;
                    i += 2;
                } else if (c == '.') {
                    kind = Kind.DOT;
                    i++;
                } else if (c == ':' && !body.startsWith("::", i)) {
                    kind = Kind.OPERATOR;
                    i++;
                } else {
                    kind = Kind.OPERATOR;
                    while (i < n && "+-*/<>=~!@#%^&|`?.:".indexOf(body.charAt(i)) >= 0) {
                        i++;
                        if (body.startsWith("--", i) || body.startsWith("/*", i)) {
                            break;
                        }
                    }
                }
                tokens.add(new PlToken(kind, body.substring(start, i), null, start, i));
            }
        }
    }

    private static int endOfQuoted(String body, int open, char quote, boolean backslashes) {
        int i = open + 1;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < body.length() && body.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw error(quote == '"' ? "unterminated quoted identifier at or near \"" + body.substring(open) + "\""
                : "unterminated quoted string at or near \"" + body.substring(open) + "\"", open);
    }

    /** A syntax error at a body offset: the position is made absolute by whoever knows where the body starts. */
    static SqlException error(String message, int offset) {
        return new SqlException(SqlState.SYNTAX_ERROR, message).withPosition(offset + 1);
    }
}
