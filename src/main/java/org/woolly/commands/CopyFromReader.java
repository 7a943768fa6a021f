package org.woolly.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Splits COPY FROM input into lines and fields ({@code CopyReadLine} and
 * {@code CopyReadAttributesText}/{@code CopyReadAttributesCSV} in {@code copyfromparse.c}).
 * Data arrives in chunks of any size (CopyData messages do not follow line boundaries); a
 * line is complete at a newline outside CSV quotes ({@code \r\n} is taken as one). Text format
 * undoes the backslash escapes ({@code \b \f \n \r \t \v}, octal {@code \ooo}, hex {@code \xhh},
 * any other character taken literally) and gives NULL for a field that is the null string as
 * written; CSV gives NULL for an unquoted field equal to the null string (FORCE_NOT_NULL and
 * FORCE_NULL change that per column). A line holding only {@code \.} ends the data.
 */
public final class CopyFromReader {
    private final CopyOptions options;
    private final boolean csv;
    private final boolean[] forceNotNull;
    private final boolean[] forceNull;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    /** Where the scan for the current line's end resumes, and the CSV quote state there. */
    private int scan;
    private boolean inQuote;
    private long lineNumber;
    private String lineText;
    private boolean finished;

    /**
     * @param forceNotNull per column: FORCE_NOT_NULL (an unquoted null string is a value)
     * @param forceNull    per column: FORCE_NULL (a quoted null string is NULL as well)
     */
    public CopyFromReader(CopyOptions options, boolean[] forceNotNull, boolean[] forceNull) {
        this.options = options;
        this.csv = options.format == CopyOptions.Format.CSV;
        this.forceNotNull = forceNotNull;
        this.forceNull = forceNull;
    }

    /** Appends a chunk of input. */
    public void feed(byte[] data) {
        if (finished) {
            return;
        }
        if (end + data.length > buffer.length) {
            int live = end - start;
            if (live + data.length > buffer.length) {
                buffer = Arrays.copyOfRange(buffer, start, Math.max(buffer.length * 2, live + data.length));
            } else {
                System.arraycopy(buffer, start, buffer, 0, live);
            }
            scan -= start;
            end = live;
            start = 0;
        }
        System.arraycopy(data, 0, buffer, end, data.length);
        end += data.length;
    }

    /** The line number of the last line returned (1-based, header included). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The text of the last line returned, for error context. */
    public String lineText() {
        return lineText;
    }

    /**
     * The next complete line's text, or null when none is complete yet ({@code atEnd}: the input
     * ended, so what is left is the last line), or when the end marker was read.
     */
    public String nextLine(boolean atEnd) {
        if (finished) {
            return null;
        }
        int lineEnd = -1;
        byte quote = (byte) options.quote;
        byte escape = (byte) options.escape;
        int i = Math.max(scan, start);
        for (; i < end; i++) {
            byte b = buffer[i];
            if (csv) {
                if (inQuote && b == escape && escape != quote && i + 1 < end) {
                    i++;
                    continue;
                }
                if (b == quote) {
                    inQuote = !inQuote;
                    continue;
                }
            }
            if (b == '\n' && !inQuote) {
                lineEnd = i;
                break;
            }
        }
        int next;
        if (lineEnd < 0) {
            scan = i;
            if (!atEnd || start == end) {
                if (atEnd && inQuote && csv) {
                    throw SqlException.of(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
                }
                return null;
            }
            if (inQuote && csv) {
                lineNumber++;
                lineText = new String(buffer, start, end - start, options.encoding);
                throw SqlException.of(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
            }
            lineEnd = end;
            next = end;
        } else {
            next = lineEnd + 1;
        }
        int textEnd = lineEnd > start && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        String line = new String(buffer, start, textEnd - start, options.encoding);
        start = next;
        scan = next;
        inQuote = false;
        lineNumber++;
        lineText = line;
        if (line.equals("\\.")) {
            finished = true;
            return null;
        }
        return line;
    }

    /** The fields of a line: NULL as null. */
    public List<String> fields(String line) {
        return csv ? csvFields(line) : textFields(line);
    }

    private List<String> textFields(String line) {
        List<String> fields = new ArrayList<>();
        char delimiter = options.delimiter;
        String nullString = options.nullString;
        StringBuilder value = new StringBuilder();
        int length = line.length();
        if (line.indexOf('\\') < 0) {
            // no escapes on the line (the common case): each field is a substring
            int fieldStart = 0;
            while (true) {
                int fieldEnd = line.indexOf(delimiter, fieldStart);
                int stop = fieldEnd < 0 ? length : fieldEnd;
                boolean isNull = stop - fieldStart == nullString.length()
                        && line.startsWith(nullString, fieldStart);
                fields.add(isNull ? null : line.substring(fieldStart, stop));
                if (fieldEnd < 0) {
                    return fields;
                }
                fieldStart = fieldEnd + 1;
            }
        }
        int i = 0;
        while (true) {
            int rawStart = i;
            value.setLength(0);
            while (i < length) {
                char c = line.charAt(i);
                if (c == delimiter) {
                    break;
                }
                if (c == '\\' && i + 1 < length) {
                    char e = line.charAt(++i);
                    i++;
                    switch (e) {
                        case 'b' -> value.append('\b');
                        case 'f' -> value.append('\f');
                        case 'n' -> value.append('\n');
                        case 'r' -> value.append('\r');
                        case 't' -> value.append('\t');
                        case 'v' -> value.append('\u000b');
                        case 'x' -> {
                            int digits = 0;
                            int code = 0;
                            while (digits < 2 && i < length && Character.digit(line.charAt(i), 16) >= 0) {
                                code = code * 16 + Character.digit(line.charAt(i++), 16);
                                digits++;
                            }
                            if (digits == 0) {
                                value.append('x');
                            } else {
                                value.append((char) code);
                            }
                        }
                        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                            int code = e - '0';
                            int digits = 1;
                            while (digits < 3 && i < length && line.charAt(i) >= '0' && line.charAt(i) <= '7') {
                                code = code * 8 + (line.charAt(i++) - '0');
                                digits++;
                            }
                            value.append((char) (code & 0xff));
                        }
                        default -> value.append(e);
                    }
                    continue;
                }
                value.append(c);
                i++;
            }
            boolean isNull = line.regionMatches(rawStart, nullString, 0, nullString.length())
                    && i - rawStart == nullString.length();
            fields.add(isNull ? null : value.toString());
            if (i >= length) {
                return fields;
            }
            i++; // the delimiter
        }
    }

    private List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        char delimiter = options.delimiter;
        char quote = options.quote;
        char escape = options.escape;
        String nullString = options.nullString;
        StringBuilder value = new StringBuilder();
        int length = line.length();
        int i = 0;
        int quoteAt = line.indexOf(quote);
        while (true) {
            int rawStart = i;
            int column = fields.size();
            int delimiterAt = line.indexOf(delimiter, i);
            int stop = delimiterAt < 0 ? length : delimiterAt;
            if (quoteAt >= 0 && quoteAt < i) {
                quoteAt = line.indexOf(quote, i);
            }
            if (quoteAt < 0 || quoteAt > stop) {
                // no quote before the delimiter: the field is a substring of the line
                String text = line.substring(i, stop);
                boolean isNull = text.equals(nullString) && !(column < forceNotNull.length && forceNotNull[column]);
                fields.add(isNull ? null : text);
                if (delimiterAt < 0) {
                    return fields;
                }
                i = delimiterAt + 1;
                continue;
            }
            boolean quoted = false;
            value.setLength(0);
            // characters are copied in runs between quotes and escapes
            int run = i;
            while (i < length) {
                char c = line.charAt(i);
                if (c == delimiter) {
                    break;
                }
                if (c != quote) {
                    i++;
                    continue;
                }
                value.append(line, run, i);
                quoted = true;
                i++;
                run = i;
                while (true) {
                    if (i >= length) {
                        throw SqlException.of(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
                    }
                    char q = line.charAt(i);
                    if (q == escape && i + 1 < length
                            && (line.charAt(i + 1) == quote || line.charAt(i + 1) == escape)) {
                        value.append(line, run, i).append(line.charAt(i + 1));
                        i += 2;
                        run = i;
                        continue;
                    }
                    if (q == quote) {
                        value.append(line, run, i);
                        i++;
                        run = i;
                        break;
                    }
                    i++;
                }
            }
            String text = quoted ? value.append(line, run, i).toString() : line.substring(rawStart, i);
            boolean matchesNull = text.equals(nullString);
            boolean isNull;
            if (quoted) {
                isNull = matchesNull && column < forceNull.length && forceNull[column];
            } else {
                isNull = matchesNull && !(column < forceNotNull.length && forceNotNull[column]);
            }
            fields.add(isNull ? null : text);
            if (i >= length) {
                return fields;
            }
            i++;
        }
    }
}
