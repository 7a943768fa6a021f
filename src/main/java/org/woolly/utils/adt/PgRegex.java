package org.woolly.utils.adt;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * PostgreSQL's advanced regular expressions ({@code src/backend/regex}) on top of
 * {@link java.util.regex}: the pattern is rewritten where the two dialects differ (POSIX bracket
 * classes such as {@code [[:alpha:]]}, the word-boundary escapes {@code \m \M \y \Y}, {@code \Z},
 * and {@code $}, which matches only at the end of the string unless newline-sensitive), and the
 * option letters of {@code regexp_replace(..., flags)} (Table 9.24) become Java flags: by
 * default {@code .} matches a newline and {@code ^}/{@code $} anchor the whole string.
 */
final class PgRegex {
    /** Option letters: the compiled pattern, and whether {@code g} was among them. */
    record Compiled(Pattern pattern, boolean global) {}

    private PgRegex() {}

    /** The pattern with default options, case-sensitive or not (the {@code ~} and {@code ~*} operators). */
    static Pattern compile(String pattern, boolean caseInsensitive) {
        return compile(pattern, caseInsensitive ? "i" : "", null).pattern();
    }

    /**
     * The pattern under {@code flags}; {@code function} names the caller when {@code g} is refused
     * (22023 "regexp_match() does not support the "global" option"), or is null when it is allowed.
     */
    static Compiled compile(String pattern, String flags, String function) {
        boolean caseInsensitive = false;
        boolean newlineSensitiveDot = false;
        boolean newlineSensitiveAnchors = false;
        boolean expanded = false;
        boolean literal = false;
        boolean global = false;
        for (int i = 0; i < flags.length(); i++) {
            char option = flags.charAt(i);
            switch (option) {
                case 'g' -> {
                    if (function != null) {
                        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                                function + "() does not support the \"global\" option")
                                .withHint(function.equals("regexp_match") ? "Use the regexp_matches function instead."
                                        : null);
                    }
                    global = true;
                }
                case 'i' -> caseInsensitive = true;
                case 'c' -> caseInsensitive = false;
                case 'n', 'm' -> {
                    newlineSensitiveDot = true;
                    newlineSensitiveAnchors = true;
                }
                case 'p' -> {
                    newlineSensitiveDot = true;
                    newlineSensitiveAnchors = false;
                }
                case 'w' -> {
                    newlineSensitiveDot = false;
                    newlineSensitiveAnchors = true;
                }
                case 's' -> {
                    newlineSensitiveDot = false;
                    newlineSensitiveAnchors = false;
                }
                case 'x' -> expanded = true;
                case 't' -> expanded = false;
                case 'q' -> literal = true;
                case 'b', 'e' -> { }
                default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid regular expression option: \"" + option + "\"");
            }
        }
        int javaFlags = (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                | (newlineSensitiveDot ? 0 : Pattern.DOTALL) | (newlineSensitiveAnchors ? Pattern.MULTILINE : 0)
                | (expanded ? Pattern.COMMENTS : 0);
        String translated = literal ? Pattern.quote(pattern) : translate(pattern, newlineSensitiveAnchors);
        try {
            return new Compiled(Pattern.compile(translated, javaFlags), global);
        } catch (PatternSyntaxException e) {
            throw new SqlException(SqlState.INVALID_REGULAR_EXPRESSION,
                    "invalid regular expression: " + postgresDescription(e.getDescription()));
        }
    }

    /** PostgreSQL's text ({@code regerror}) for the Java errors that have one. */
    private static String postgresDescription(String javaDescription) {
        return switch (javaDescription) {
            case "Unclosed group", "Unmatched closing ')'" -> "parentheses () not balanced";
            case "Unclosed character class" -> "brackets [] not balanced";
            case "Dangling meta character '*'", "Dangling meta character '+'", "Dangling meta character '?'" ->
                    "quantifier operand invalid";
            default -> javaDescription;
        };
    }

    /** Rewrites the constructs whose meaning differs between the two dialects. */
    static String translate(String pattern, boolean multiline) {
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                char next = pattern.charAt(i + 1);
                switch (next) {
                    case 'm' -> out.append("\\b(?=\\w)");
                    case 'M' -> out.append("\\b(?<=\\w)");
                    case 'y' -> out.append("\\b");
                    case 'Y' -> out.append("\\B");
                    case 'Z' -> out.append("\\z");
                    default -> out.append(c).append(next);
                }
                i += 2;
            } else if (c == '[') {
                i = bracket(pattern, i, out);
            } else if (c == '$' && !multiline) {
                out.append("\\z");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * A bracket expression from {@code [} at {@code start}: POSIX classes become Java's, a
     * leading {@code ]} and a {@code [} that opens no class are literal; returns the index after it.
     */
    private static int bracket(String pattern, int start, StringBuilder out) {
        out.append('[');
        int i = bracketStart(pattern, start + 1, out);
        while (i < pattern.length() && pattern.charAt(i) != ']') {
            char c = pattern.charAt(i);
            if (c == '[' && pattern.startsWith("[:", i)) {
                int end = pattern.indexOf(":]", i + 2);
                if (end > 0) {
                    out.append(posixClass(pattern.substring(i + 2, end)));
                    i = end + 2;
                    continue;
                }
            }
            if (c == '[' || c == '&') {
                out.append('\\').append(c);
            } else if (c == '\\' && i + 1 < pattern.length()) {
                out.append(c).append(pattern.charAt(++i));
            } else {
                out.append(c);
            }
            i++;
        }
        if (i < pattern.length()) {
            out.append(']');
            i++;
        }
        return i;
    }

    /**
     * What may open a bracket expression right after its {@code [}: a negating {@code ^}, then a
     * {@code ]} that is a literal there; both copied, the index after them returned.
     */
    static int bracketStart(String pattern, int at, StringBuilder out) {
        int i = at;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            out.append("\\]");
            i++;
        }
        return i;
    }

    private static String posixClass(String name) {
        return switch (name) {
            case "alpha" -> "\\p{IsAlphabetic}";
            case "digit" -> "0-9";
            case "alnum" -> "\\p{IsAlphabetic}0-9";
            case "upper" -> "\\p{IsUppercase}";
            case "lower" -> "\\p{IsLowercase}";
            case "space" -> "\\s";
            case "blank" -> " \\t";
            case "punct" -> "\\p{Punct}";
            case "print" -> "\\p{Print}";
            case "graph" -> "\\p{Graph}";
            case "cntrl" -> "\\p{Cntrl}";
            case "xdigit" -> "0-9A-Fa-f";
            case "word" -> "\\w";
            default -> throw new SqlException(SqlState.INVALID_REGULAR_EXPRESSION,
                    "invalid regular expression: invalid character class");
        };
    }
}
