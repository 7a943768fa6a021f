package org.woolly.commands;

import java.util.List;

/**
 * Formats COPY TO lines ({@code CopyAttributeOutText} and {@code CopyAttributeOutCSV} in
 * {@code copyto.c}) from values already in their text form (null for NULL). Text format
 * escapes backslash, the delimiter and the control characters; CSV quotes a value holding the
 * delimiter, the quote, a newline or carriage return, one equal to the null string, or any
 * value of a FORCE_QUOTE column, doubling the quote (or writing the escape) inside.
 */
public final class CopyToWriter {
    private final CopyOptions options;
    private final boolean csv;
    private final StringBuilder line = new StringBuilder();

    public CopyToWriter(CopyOptions options) {
        this.options = options;
        this.csv = options.format == CopyOptions.Format.CSV;
    }

    /** The header line: the column names, CSV-quoted where needed. */
    public String header(List<String> names) {
        line.setLength(0);
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                line.append(options.delimiter);
            }
            if (csv) {
                csvValue(names.get(i), false);
            } else {
                textValue(names.get(i));
            }
        }
        return line.append('\n').toString();
    }

    /** One data line ending in a newline; {@code forceQuote} per column (CSV only). */
    public String row(String[] values, boolean[] forceQuote) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(options.delimiter);
            }
            String value = values[i];
            if (value == null) {
                line.append(options.nullString);
            } else if (csv) {
                csvValue(value, forceQuote[i]);
            } else {
                textValue(value);
            }
        }
        return line.append('\n').toString();
    }

    private void textValue(String value) {
        char delimiter = options.delimiter;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\b' -> line.append("\\b");
                case '\f' -> line.append("\\f");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append(delimiter == '\t' ? "\\t" : "\t");
                case '\u000b' -> line.append("\\v");
                default -> {
                    if (c == delimiter) {
                        line.append('\\');
                    }
                    line.append(c);
                }
            }
        }
    }

    private void csvValue(String value, boolean force) {
        char quote = options.quote;
        char escape = options.escape;
        boolean needsQuote = force || value.equals(options.nullString)
                || (!value.isEmpty() && value.equals("\\."));
        for (int i = 0; !needsQuote && i < value.length(); i++) {
            char c = value.charAt(i);
            needsQuote = c == options.delimiter || c == quote || c == '\n' || c == '\r';
        }
        if (!needsQuote) {
            line.append(value);
            return;
        }
        line.append(quote);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == quote || c == escape) {
                line.append(escape);
            }
            line.append(c);
        }
        line.append(quote);
    }
}
