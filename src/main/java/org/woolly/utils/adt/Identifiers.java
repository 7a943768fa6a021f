package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Identifiers as the reg* types and {@code quote_ident} read and write them
 * ({@code quote_identifier} in {@code ruleutils.c}, {@code stringToQualifiedNameList} in
 * {@code varlena.c}).
 */
public final class Identifiers {
    private Identifiers() {}

    /** Double-quotes a name unless it is a plain lower-case identifier. */
    public static String quote(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Dotted names, unquoted parts folded to lower case; 42602 for bad syntax, 42601 past three parts. */
    public static List<String> parseQualified(String text) {
        List<String> names = new ArrayList<>();
        int i = 0;
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw invalidName();
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        part.append(c);
                    }
                }
            } else {
                while (i < text.length() && text.charAt(i) != '.') {
                    part.append(text.charAt(i++));
                }
                String folded = part.toString().strip().toLowerCase(Locale.ROOT);
                part.setLength(0);
                part.append(folded);
            }
            if (part.isEmpty()) {
                throw invalidName();
            }
            names.add(part.toString());
            if (i >= text.length()) {
                break;
            }
            if (text.charAt(i) != '.') {
                throw invalidName();
            }
            i++;
        }
        if (names.size() > 3) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "improper relation name (too many dotted names): %s", text);
        }
        return names;
    }

    private static SqlException invalidName() {
        return new SqlException(SqlState.INVALID_NAME, "invalid name syntax");
    }

    /**
     * {@code parse_ident(str, strict)}: the parts of a dotted name, quotes removed and unquoted
     * parts folded to lower case (ASCII letters only, not truncated). Non-strict mode stops at the
     * first character after a complete name instead of failing on it.
     */
    static List<String> parseIdent(String text, boolean strict) {
        List<String> parts = new ArrayList<>();
        int i = skipBlanks(text, 0);
        boolean afterDot = false;
        while (true) {
            boolean missing = true;
            if (i < text.length() && text.charAt(i) == '"') {
                StringBuilder part = new StringBuilder();
                i++;
                while (true) {
                    int quote = text.indexOf('"', i);
                    if (quote < 0) {
                        throw notIdentifier(text, "String has unclosed double quotes.");
                    }
                    part.append(text, i, quote);
                    i = quote + 1;
                    if (i < text.length() && text.charAt(i) == '"') {
                        part.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (part.isEmpty()) {
                    throw notIdentifier(text, "Quoted identifier must not be empty.");
                }
                parts.add(part.toString());
                missing = false;
            } else if (i < text.length() && identifierStart(text.charAt(i))) {
                int start = i++;
                while (i < text.length() && (identifierStart(text.charAt(i)) || Character.isDigit(text.charAt(i))
                        && text.charAt(i) < 0x80 || text.charAt(i) == '$')) {
                    i++;
                }
                StringBuilder part = new StringBuilder(i - start);
                for (int k = start; k < i; k++) {
                    char c = text.charAt(k);
                    part.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                }
                parts.add(part.toString());
                missing = false;
            }
            if (missing) {
                if (i < text.length() && text.charAt(i) == '.') {
                    throw notIdentifier(text, "No valid identifier before \".\".");
                }
                throw notIdentifier(text, afterDot ? "No valid identifier after \".\"." : null);
            }
            i = skipBlanks(text, i);
            if (i < text.length() && text.charAt(i) == '.') {
                afterDot = true;
                i = skipBlanks(text, i + 1);
            } else if (i >= text.length()) {
                return parts;
            } else {
                if (strict) {
                    throw notIdentifier(text, null);
                }
                return parts;
            }
        }
    }

    private static boolean identifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && " \t\n\r\f".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static SqlException notIdentifier(String text, String detail) {
        SqlException error = SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                "string is not a valid identifier: \"%s\"", text);
        return detail == null ? error : error.withDetail(detail);
    }
}
