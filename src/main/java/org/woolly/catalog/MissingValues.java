package org.woolly.catalog;

import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code pg_attribute.attmissingval}: the value that tuples written before an
 * {@code ADD COLUMN ... DEFAULT constant} read for the new column, kept as PostgreSQL shows it,
 * a one-element array literal of the value's text form ({@code {5}}, {@code {"a b"}}). Text
 * forms are written and read with the default format settings (ISO dates, UTC), so they
 * round-trip whatever a session's DateStyle or TimeZone is.
 */
public final class MissingValues {
    private MissingValues() {}

    /** The attmissingval text for {@code value} of type {@code typeOid}. */
    public static String write(Object value, int typeOid) {
        PgType type = type(typeOid);
        String text = type.io().output(value, FormatSettings.DEFAULT);
        return "{" + quoted(text) + "}";
    }

    static Object read(String literal, int typeOid, int typeModifier) {
        if (literal == null || literal.length() < 2 || literal.charAt(0) != '{'
                || literal.charAt(literal.length() - 1) != '}') {
            throw SqlException.of(SqlState.DATA_CORRUPTED, "malformed attmissingval \"%s\"", literal);
        }
        String body = literal.substring(1, literal.length() - 1);
        String text;
        if (body.startsWith("\"") && body.endsWith("\"") && body.length() >= 2) {
            StringBuilder unquoted = new StringBuilder();
            for (int i = 1; i < body.length() - 1; i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length() - 1) {
                    c = body.charAt(++i);
                }
                unquoted.append(c);
            }
            text = unquoted.toString();
        } else {
            text = body;
        }
        return type(typeOid).io().input(text, typeModifier, FormatSettings.DEFAULT);
    }

    /** Double-quoted as array_out does when the element needs it. */
    private static String quoted(String text) {
        boolean needsQuotes = text.isEmpty() || text.equalsIgnoreCase("null");
        for (int i = 0; i < text.length() && !needsQuotes; i++) {
            char c = text.charAt(i);
            needsQuotes = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || Character.isWhitespace(c);
        }
        if (!needsQuotes) {
            return text;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private static PgType type(int typeOid) {
        PgType type = BuiltinTypes.byOid(typeOid);
        if (type == null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "type %d is not supported yet", typeOid);
        }
        return type;
    }
}
