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
}
