package org.woolly.utils.adt;

import java.util.regex.Pattern;
import org.woolly.utils.adt.JsonPathItem.Kind;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code like_regex} of the SQL/JSON path language: the XQuery flags of {@code flag "..."}
 * ({@code i}, {@code s}, {@code m}, {@code x}, {@code q}; {@code jspConvertRegexFlags}) mapped
 * onto PostgreSQL's advanced regular expressions ({@link PgRegex}). The pattern is compiled when
 * the path is parsed, so a bad pattern fails the jsonpath input as in PostgreSQL.
 */
final class JsonPathRegex {
    private JsonPathRegex() {}

    static JsonPathItem likeRegex(JsonPathItem expression, String pattern, String flagText) {
        int flags = 0;
        for (int i = 0; i < flagText.length(); i++) {
            char flag = flagText.charAt(i);
            flags |= switch (flag) {
                case 'i' -> JsonPathItem.REGEX_ICASE;
                case 's' -> JsonPathItem.REGEX_DOTALL;
                case 'm' -> JsonPathItem.REGEX_MLINE;
                case 'x' -> JsonPathItem.REGEX_WSPACE;
                case 'q' -> JsonPathItem.REGEX_QUOTE;
                default -> throw new SqlException(SqlState.SYNTAX_ERROR, "invalid input syntax for type jsonpath")
                        .withDetail("Unrecognized flag character \"" + flag + "\" in LIKE_REGEX predicate.");
            };
        }
        JsonPathItem item = new JsonPathItem(Kind.LIKE_REGEX);
        item.left = expression;
        item.text = pattern;
        item.flags = flags;
        item.regex = compile(pattern, flags);
        return item;
    }

    /** {@code jspConvertRegexFlags}: dot-all unless {@code s} is absent, anchors at newlines with {@code m}. */
    private static Pattern compile(String pattern, int flags) {
        StringBuilder options = new StringBuilder();
        if ((flags & JsonPathItem.REGEX_ICASE) != 0) {
            options.append('i');
        }
        if ((flags & JsonPathItem.REGEX_QUOTE) != 0) {
            return PgRegex.compile(pattern, options.append('q').toString(), null).pattern();
        }
        boolean dotAll = (flags & JsonPathItem.REGEX_DOTALL) != 0;
        boolean newlineAnchors = (flags & JsonPathItem.REGEX_MLINE) != 0;
        if ((flags & JsonPathItem.REGEX_WSPACE) != 0) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "XQuery \"x\" flag (expanded regular expressions) is not implemented");
        }
        options.append(dotAll ? (newlineAnchors ? 'w' : 's') : (newlineAnchors ? 'n' : 'p'));
        return PgRegex.compile(pattern, options.toString(), null).pattern();
    }

    /** The flag letters in PostgreSQL's printing order. */
    static String flagText(int flags) {
        StringBuilder out = new StringBuilder();
        if ((flags & JsonPathItem.REGEX_ICASE) != 0) {
            out.append('i');
        }
        if ((flags & JsonPathItem.REGEX_DOTALL) != 0) {
            out.append('s');
        }
        if ((flags & JsonPathItem.REGEX_MLINE) != 0) {
            out.append('m');
        }
        if ((flags & JsonPathItem.REGEX_WSPACE) != 0) {
            out.append('x');
        }
        if ((flags & JsonPathItem.REGEX_QUOTE) != 0) {
            out.append('q');
        }
        return out.toString();
    }
}
