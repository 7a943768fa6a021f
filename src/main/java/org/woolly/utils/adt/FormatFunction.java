package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code format(formatstr text [, formatarg "any" [, ...]])} ({@code text_format} in
 * {@code varlena.c}): each {@code %[position$][-][width]type} takes the next (or the numbered)
 * argument, already in its text form, as {@code s} (plain, NULL as nothing), {@code I} (an
 * identifier, quoted when needed) or {@code L} (a literal, NULL as {@code NULL}); a width of
 * {@code *} or {@code *n$} is read from an argument; {@code %%} is a percent sign.
 */
final class FormatFunction {
    private static final String SINGLE_PERCENT = "For a single \"%\" use \"%%\".";

    private FormatFunction() {}

    /** {@code args[0]} is the format string; the arguments follow. */
    static String format(Object[] args) {
        if (args[0] == null) {
            return null;
        }
        String format = (String) args[0];
        StringBuilder out = new StringBuilder();
        int next = 1;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= format.length()) {
                throw unterminated();
            }
            if (format.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            // %[argpos$][flags][width]type
            int position = -1;
            int digitsEnd = digitsEnd(format, i);
            if (digitsEnd > i && digitsEnd < format.length() && format.charAt(digitsEnd) == '$') {
                position = argumentNumber(format, i, digitsEnd);
                i = digitsEnd + 1;
            }
            boolean leftAlign = false;
            while (i < format.length() && format.charAt(i) == '-') {
                leftAlign = true;
                i++;
            }
            Integer width = null;
            if (i < format.length() && format.charAt(i) == '*') {
                i++;
                int widthArgument;
                int end = digitsEnd(format, i);
                if (end > i && end < format.length() && format.charAt(end) == '$') {
                    widthArgument = argumentNumber(format, i, end);
                    i = end + 1;
                } else {
                    widthArgument = next++;
                }
                Object value = argument(args, widthArgument);
                if (value != null) {
                    try {
                        width = Integer.parseInt(((String) value).trim());
                    } catch (NumberFormatException notInteger) {
                        throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                                "invalid input syntax for type integer: \"" + value + "\"");
                    }
                    if (width < 0) {
                        leftAlign = true;
                        width = -width;
                    }
                }
            } else {
                int end = digitsEnd(format, i);
                if (end > i) {
                    width = Integer.parseInt(format.substring(i, end));
                    i = end;
                }
            }
            if (i >= format.length()) {
                throw unterminated();
            }
            char type = format.charAt(i++);
            if (type != 's' && type != 'I' && type != 'L') {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized format() type specifier \"" + type + "\"").withHint(SINGLE_PERCENT);
            }
            int index = position > 0 ? position : next;
            next = index + 1;
            Object value = argument(args, index);
            String text = switch (type) {
                case 's' -> value == null ? "" : (String) value;
                case 'I' -> {
                    if (value == null) {
                        throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED,
                                "null values cannot be formatted as an SQL identifier");
                    }
                    yield StringFunctions.quoteIdent((String) value);
                }
                default -> value == null ? "NULL" : StringFunctions.quoteLiteral((String) value);
            };
            if (width != null && text.codePointCount(0, text.length()) < width) {
                String padding = " ".repeat(width - text.codePointCount(0, text.length()));
                text = leftAlign ? text + padding : padding + text;
            }
            out.append(text);
        }
        return out.toString();
    }

    private static int digitsEnd(String format, int from) {
        int end = from;
        while (end < format.length() && Character.isDigit(format.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int argumentNumber(String format, int from, int end) {
        int number;
        try {
            number = Integer.parseInt(format.substring(from, end));
        } catch (NumberFormatException tooLarge) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "number is out of range");
        }
        if (number == 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "format specifies argument 0, but arguments are numbered from 1");
        }
        return number;
    }

    private static Object argument(Object[] args, int index) {
        if (index >= args.length) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
        }
        return args[index];
    }

    private static SqlException unterminated() {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier")
                .withHint(SINGLE_PERCENT);
    }
}
