package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The functions the parser puts around a pattern with an ESCAPE clause: {@code like_escape}
 * ({@code like.c}), which rewrites a LIKE pattern to use backslash as its escape, and
 * {@code similar_to_escape} ({@code regexp.c}), which turns a SIMILAR TO pattern into the
 * anchored regular expression that {@code ~} matches.
 */
final class PatternEscapes {
    private PatternEscapes() {}

    static void register(BuiltinFunctions.Registry r) {
        int text = TypeOids.TEXT;
        r.function("like_escape", text, 'i', true, (a, c) -> like((String) a[0], (String) a[1]), text, text);
        r.function("similar_to_escape", text, 'i', true, (a, c) -> similar((String) a[0], "\\"), text);
        r.function("similar_to_escape", text, 'i', true, (a, c) -> similar((String) a[0], (String) a[1]), text, text);
    }

    private static Integer escapeCharacter(String escape) {
        if (escape.isEmpty()) {
            return null;
        }
        if (escape.codePointCount(0, escape.length()) != 1) {
            throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                    .withHint("Escape string must be empty or one character.");
        }
        return escape.codePointAt(0);
    }

    /**
     * The character after an escape character, at {@code i}, quoted with a backslash; returns
     * the index after it. A pattern may not end with its escape character (22025).
     */
    private static int appendEscaped(String pattern, int i, StringBuilder out, String patternKind) {
        if (i >= pattern.length()) {
            throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE,
                    patternKind + " pattern must not end with escape character");
        }
        int next = pattern.codePointAt(i);
        out.append('\\').appendCodePoint(next);
        return i + Character.charCount(next);
    }

    /** The pattern with {@code escape} as its escape character re-spelled with backslash. */
    static String like(String pattern, String escape) {
        Integer escapeChar = escapeCharacter(escape);
        StringBuilder out = new StringBuilder(pattern.length() + 4);
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (escapeChar != null && c == escapeChar) {
                i = appendEscaped(pattern, i, out, "LIKE");
            } else if (c == '\\') {
                out.append("\\\\");
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /**
     * A SIMILAR TO pattern as a regular expression matching the whole string: {@code %} is
     * {@code .*}, {@code _} is {@code .}, the escape character quotes the next one, and the
     * characters that are special only to regular expressions ({@code . ^ $ \}) are quoted;
     * bracket expressions are copied as they are.
     */
    static String similar(String pattern, String escape) {
        Integer escapeChar = escapeCharacter(escape);
        StringBuilder out = new StringBuilder("^(?:");
        int bracketDepth = 0;
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (escapeChar != null && c == escapeChar) {
                i = appendEscaped(pattern, i, out, "SIMILAR TO");
            } else if (bracketDepth > 0) {
                if (c == ']') {
                    bracketDepth--;
                } else if (c == '\\') {
                    out.append('\\');
                }
                out.appendCodePoint(c);
            } else if (c == '[') {
                bracketDepth++;
                out.append('[');
                i = PgRegex.bracketStart(pattern, i, out);
            } else if (c == '%') {
                out.append(".*");
            } else if (c == '_') {
                out.append('.');
            } else if (c == '.' || c == '^' || c == '$' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.append(")$").toString();
    }
}
