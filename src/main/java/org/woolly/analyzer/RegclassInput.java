package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.catalog.RelationInfo;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A {@code regclass} literal read at analysis time ({@code regclassin} in {@code regproc.c}, as
 * {@code coerce_type} runs it on a constant): a relation name, optionally schema-qualified and
 * double-quoted, looked up through search_path, or a numeric OID. Only constants become
 * regclass values; Woolly has no regclass column or output yet.
 */
public final class RegclassInput {
    private RegclassInput() {}

    static int relationOid(ParseState state, String text, int location) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return Integer.parseUnsignedInt(text);
            } catch (NumberFormatException tooLarge) {
                throw ParseState.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, location,
                        "value \"%s\" is out of range for type oid", text);
            }
        }
        List<String> names = qualifiedName(text, location);
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
        String name = names.getLast();
        RelationInfo relation = state.catalog.lookupRelation(state.transaction, schema, name).orElseThrow(
                () -> ParseState.error(SqlState.UNDEFINED_TABLE, location, "relation \"%s\" does not exist",
                        String.join(".", names)));
        return relation.oid();
    }

    /** {@code stringToQualifiedNameList}: dotted names, unquoted parts folded to lower case. */
    public static List<String> qualifiedName(String text, int location) {
        List<String> names = new ArrayList<>();
        int i = 0;
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw invalidName(location);
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
                throw invalidName(location);
            }
            names.add(part.toString());
            if (i >= text.length()) {
                break;
            }
            if (text.charAt(i) != '.') {
                throw invalidName(location);
            }
            i++;
        }
        if (names.size() > 3) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, location, "improper relation name (too many dotted names): %s",
                    text);
        }
        return names;
    }

    private static SqlException invalidName(int location) {
        return ParseState.error(SqlState.INVALID_NAME, location, "invalid name syntax");
    }
}
