package org.woolly.utils.adt;

import org.woolly.utils.error.JsonLogFormat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Text of jsonb nodes: {@code JsonbToCString} (one line, {@code ", "} and {@code ": "} between
 * items) and {@code JsonbToCStringIndent} ({@code jsonb_pretty}: one item per line, four spaces a
 * level), with strings quoted by {@code escape_json}.
 */
final class JsonWriter {
    private static final String INDENT = "    ";

    private JsonWriter() {}

    /**
     * Appends the node; {@code level} -1 for one line, else the indentation level of a pretty print
     * (where even an empty container closes on a line of its own, as jsonb_pretty prints it).
     */
    static void appendNode(StringBuilder out, Object node, int level) {
        if (node == Jsonb.NULL) {
            out.append("null");
            return;
        }
        switch (node) {
            case String text -> escape(out, text);
            case Boolean bool -> out.append(bool ? "true" : "false");
            case BigDecimal decimal -> out.append(NumericIO.INSTANCE.output(decimal, FormatSettings.DEFAULT));
            case List<?> array -> {
                out.append('[');
                boolean first = true;
                for (Object element : array) {
                    separate(out, first, level);
                    appendNode(out, element, level < 0 ? -1 : level + 1);
                    first = false;
                }
                close(out, level);
                out.append(']');
            }
            case TreeMap<?, ?> object -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> pair : object.entrySet()) {
                    separate(out, first, level);
                    escape(out, (String) pair.getKey());
                    out.append(": ");
                    appendNode(out, pair.getValue(), level < 0 ? -1 : level + 1);
                    first = false;
                }
                close(out, level);
                out.append('}');
            }
            default -> out.append(node);
        }
    }

    private static void separate(StringBuilder out, boolean first, int level) {
        if (level < 0) {
            if (!first) {
                out.append(", ");
            }
            return;
        }
        if (!first) {
            out.append(',');
        }
        out.append('\n');
        out.append(INDENT.repeat(level + 1));
    }

    private static void close(StringBuilder out, int level) {
        if (level >= 0) {
            out.append('\n').append(INDENT.repeat(level));
        }
    }

    /** {@code escape_json}: the text in double quotes, with quote, backslash and control characters escaped. */
    static void escape(StringBuilder out, String text) {
        JsonLogFormat.quote(out, text);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        escape(out, text);
        return out.toString();
    }
}
