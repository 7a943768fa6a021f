package org.woolly.utils.adt;

/**
 * The first pass over a date/time literal, PostgreSQL's {@code ParseDateTime} in
 * {@code src/backend/utils/adt/datetime.c}: the text becomes typed fields (number, string, date,
 * time, zone, signed word), lower-cased, punctuation between fields dropped.
 * {@link DateTimeDecoder} then gives each field its meaning.
 */
final class DateTimeLexer {
    static final int NUMBER = 0;
    static final int STRING = 1;
    static final int DATE = 2;
    static final int TIME = 3;
    static final int ZONE = 4;
    static final int SPECIAL = 5;

    /** {@code MAXDATELEN} plus a terminator per field: longer input is refused. */
    private static final int MAX_LENGTH = 128;

    private DateTimeLexer() {}

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static boolean isPunctuation(char c) {
        return c > ' ' && c < 0x7f && !isDigit(c) && !isAlpha(c);
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Splits {@code text} into {@code fields} and their {@code types}; the number of fields. */
    static int split(String text, String[] fields, int[] types) {
        int fieldCount = 0;
        int length = text.length();
        int position = 0;
        int totalLength = 0;
        while (position < length) {
            char c = text.charAt(position);
            if (isSpace(c)) {
                position++;
                continue;
            }
            StringBuilder field = new StringBuilder();
            int type;
            if (isDigit(c)) {
                position = appendDigits(text, position, field);
                char next = position < length ? text.charAt(position) : 0;
                if (next == ':') {
                    type = TIME;
                    while (position < length && (isDigit(text.charAt(position)) || text.charAt(position) == ':'
                            || text.charAt(position) == '.')) {
                        field.append(text.charAt(position++));
                    }
                } else if (next == '-' || next == '/' || next == '.') {
                    char delimiter = next;
                    field.append(next);
                    position++;
                    if (position < length && isDigit(text.charAt(position))) {
                        type = delimiter == '.' ? NUMBER : DATE;
                        position = appendDigits(text, position, field);
                        if (position < length && text.charAt(position) == delimiter) {
                            type = DATE;
                            while (position < length && (isDigit(text.charAt(position))
                                    || text.charAt(position) == delimiter)) {
                                field.append(text.charAt(position++));
                            }
                        }
                    } else {
                        type = DATE;
                        while (position < length && (isAlpha(text.charAt(position)) || isDigit(text.charAt(position))
                                || text.charAt(position) == delimiter)) {
                            field.append(lower(text.charAt(position++)));
                        }
                    }
                } else {
                    type = NUMBER;
                }
            } else if (c == '.') {
                field.append(c);
                position = appendDigits(text, position + 1, field);
                type = NUMBER;
            } else if (isAlpha(c)) {
                type = STRING;
                while (position < length && isAlpha(text.charAt(position))) {
                    field.append(lower(text.charAt(position++)));
                }
                char next = position < length ? text.charAt(position) : 0;
                // a date with a text month, or a zone name such as America/New_York or Etc/GMT+5;
                // a keyword followed by digits ("J2451187") stays a keyword
                boolean isDate = next == '-' || next == '/' || next == '.'
                        || (next == '+' || isDigit(next)) && !DateTimeDecoder.isKeyword(field.toString());
                if (isDate) {
                    type = DATE;
                    while (position < length) {
                        char d = text.charAt(position);
                        if (d == '+' || d == '-' || d == '/' || d == '_' || d == '.' || d == ':' || isAlpha(d)
                                || isDigit(d)) {
                            field.append(lower(d));
                            position++;
                        } else {
                            break;
                        }
                    }
                }
            } else if (c == '+' || c == '-') {
                field.append(c);
                position++;
                while (position < length && isSpace(text.charAt(position))) {
                    position++;
                }
                char next = position < length ? text.charAt(position) : 0;
                if (isDigit(next)) {
                    type = ZONE;
                    while (position < length && (isDigit(text.charAt(position)) || text.charAt(position) == ':'
                            || text.charAt(position) == '.' || text.charAt(position) == '-')) {
                        field.append(text.charAt(position++));
                    }
                } else if (isAlpha(next)) {
                    type = SPECIAL;
                    while (position < length && isAlpha(text.charAt(position))) {
                        field.append(lower(text.charAt(position++)));
                    }
                } else {
                    throw DateTimeDecoder.error(DateTimeDecoder.BAD_FORMAT);
                }
            } else if (isPunctuation(c)) {
                position++;
                continue;
            } else {
                throw DateTimeDecoder.error(DateTimeDecoder.BAD_FORMAT);
            }
            if (fieldCount >= fields.length) {
                throw DateTimeDecoder.error(DateTimeDecoder.BAD_FORMAT);
            }
            totalLength += field.length() + 1;
            if (totalLength > MAX_LENGTH + fields.length) {
                throw DateTimeDecoder.error(DateTimeDecoder.BAD_FORMAT);
            }
            fields[fieldCount] = field.toString();
            types[fieldCount] = type;
            fieldCount++;
        }
        return fieldCount;
    }

    private static int appendDigits(String text, int position, StringBuilder field) {
        while (position < text.length() && isDigit(text.charAt(position))) {
            field.append(text.charAt(position++));
        }
        return position;
    }


    static int digitsEnd(String text, int start) {
        int end = start;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
