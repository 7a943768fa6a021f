package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of a one-dimensional array ({@code array_out} / {@code array_in} in
 * {@code arrayfuncs.c}): {@code {a,b,"c d",NULL}}. An element is double-quoted when it is empty,
 * is {@code NULL} in any case, or holds a brace, comma, quote, backslash or white space; inside
 * quotes, quote and backslash are escaped with a backslash. Used for the array columns of the
 * catalogs, which Woolly stores as text until it has array types.
 */
public final class ArrayLiteral {
    private ArrayLiteral() {}

    /** The array of the given element texts (null: a NULL element). */
    public static String format(List<String> elements) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String element = elements.get(i);
            if (element == null) {
                out.append("NULL");
            } else {
                ArrayIO.appendElement(out, element);
            }
        }
        return out.append('}').toString();
    }

    /** The element texts of an array literal written by {@link #format} (null for NULL elements). */
    public static List<String> parse(String literal) {
        String text = literal.trim();
        if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            throw new IllegalArgumentException("malformed array literal: \"" + literal + "\"");
        }
        List<String> elements = new ArrayList<>();
        int position = 1;
        int end = text.length() - 1;
        if (text.substring(1, end).isBlank()) {
            return elements;
        }
        while (position <= end) {
            StringBuilder element = new StringBuilder();
            boolean quoted = false;
            while (position < end && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position < end && text.charAt(position) == '"') {
                quoted = true;
                position++;
                while (position < end && text.charAt(position) != '"') {
                    if (text.charAt(position) == '\\') {
                        position++;
                    }
                    element.append(text.charAt(position++));
                }
                position++;
            }
            while (position < end && text.charAt(position) != ',') {
                element.append(text.charAt(position++));
            }
            String value = quoted ? element.toString() : element.toString().trim();
            elements.add(!quoted && value.equalsIgnoreCase("NULL") ? null : value);
            position++;
        }
        return elements;
    }
}
