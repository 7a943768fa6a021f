package org.woolly.utils.adt;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.woolly.utils.adt.RangeValue.Bound;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The I/O of the range and multirange types: {@code range_in}/{@code range_out} with their
 * quoting ({@code range_parse}, {@code range_bound_escape}), {@code range_recv}/{@code range_send}
 * (flag byte, then each present bound as int4 length and the subtype's binary form), and
 * {@code multirange_in}/{@code multirange_out}/{@code multirange_recv}/{@code multirange_send}
 * (int4 count, then each range's binary form with its int4 length). The stored form of a column
 * is the binary form after the type's OID ({@link #encode}, {@link #decode}).
 */
public final class RangeIO implements TypeIO {
    private final int typeOid;
    private final boolean multirange;

    private RangeIO(int typeOid, boolean multirange) {
        this.typeOid = typeOid;
        this.multirange = multirange;
    }

    public static RangeIO range(int typeOid) {
        return new RangeIO(typeOid, false);
    }

    public static RangeIO multirange(int typeOid) {
        return new RangeIO(typeOid, true);
    }

    private static TypeIO subtypeIo(int rangeType) {
        return BuiltinTypes.byOid(RangeTypes.byRange(rangeType).subtype()).io();
    }

    /** The I/O of a range or multirange type, built-in or user-defined. */
    public static TypeIO of(int typeOid) {
        return RangeTypes.isMultirange(typeOid) ? multirange(typeOid) : range(typeOid);
    }

    private int rangeType() {
        return multirange ? RangeTypes.byMultirange(typeOid).rangeOid() : typeOid;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return multirange ? parseMultirange(text, settings) : parseRange(rangeType(), text, text, settings);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        if (value instanceof MultirangeValue mr) {
            StringBuilder out = new StringBuilder("{");
            for (RangeValue range : mr.ranges()) {
                out.append(out.length() > 1 ? "," : "").append(format(range, settings));
            }
            return out.append('}').toString();
        }
        return format((RangeValue) value, settings);
    }

    // text form

    private static SqlException malformed(String kind, String text, String detail) {
        return SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "malformed %s literal: \"%s\"", kind, text)
                .withDetail(detail);
    }

    private static boolean isSpace(char c) {
        return TypeErrors.isSpace(c);
    }

    /** {@code range_parse} and {@code range_in}: {@code whole} is the literal errors quote. */
    static RangeValue parseRange(int rangeType, String text, String whole, FormatSettings settings) {
        int pos = 0;
        int length = text.length();
        while (pos < length && isSpace(text.charAt(pos))) {
            pos++;
        }
        if (text.regionMatches(true, pos, "empty", 0, 5)) {
            pos += 5;
            while (pos < length && isSpace(text.charAt(pos))) {
                pos++;
            }
            if (pos != length) {
                throw malformed("range", whole, "Junk after \"empty\" key word.");
            }
            return RangeValue.empty(rangeType);
        }
        if (pos == length || text.charAt(pos) != '[' && text.charAt(pos) != '(') {
            throw malformed("range", whole, "Missing left parenthesis or bracket.");
        }
        boolean lowerInclusive = text.charAt(pos++) == '[';
        StringBuilder lower = new StringBuilder();
        pos = parseBound(text, pos, lower, whole);
        boolean lowerInfinite = pos < 0;
        pos = Math.abs(pos) - 1;
        if (pos >= length || text.charAt(pos) != ',') {
            throw malformed("range", whole, "Missing comma after lower bound.");
        }
        pos++;
        StringBuilder upper = new StringBuilder();
        pos = parseBound(text, pos, upper, whole);
        boolean upperInfinite = pos < 0;
        pos = Math.abs(pos) - 1;
        if (pos >= length || text.charAt(pos) != ')' && text.charAt(pos) != ']') {
            throw malformed("range", whole, "Too many commas.");
        }
        boolean upperInclusive = text.charAt(pos++) == ']';
        while (pos < length && isSpace(text.charAt(pos))) {
            pos++;
        }
        if (pos != length) {
            throw malformed("range", whole, "Junk after right parenthesis or bracket.");
        }
        TypeIO io = subtypeIo(rangeType);
        Object lowerValue = lowerInfinite ? null : io.input(lower.toString(), -1, settings);
        Object upperValue = upperInfinite ? null : io.input(upper.toString(), -1, settings);
        return RangeValue.make(rangeType, new Bound(lowerValue, lowerInfinite, lowerInclusive && !lowerInfinite, true),
                new Bound(upperValue, upperInfinite, upperInclusive && !upperInfinite, false), false);
    }

    /**
     * {@code range_parse_bound}: reads one bound's text into {@code out}; answers the position
     * after it plus one, negated when the bound is empty (infinite).
     */
    private static int parseBound(String text, int pos, StringBuilder out, String whole) {
        int length = text.length();
        if (pos < length && isDelimiter(text.charAt(pos))) {
            return -(pos + 1);
        }
        boolean inQuote = false;
        while (true) {
            if (pos >= length) {
                throw malformed("range", whole, "Unexpected end of input.");
            }
            char c = text.charAt(pos);
            if (!inQuote && isDelimiter(c)) {
                return pos + 1;
            }
            pos++;
            if (c == '\\') {
                if (pos >= length) {
                    throw malformed("range", whole, "Unexpected end of input.");
                }
                out.append(text.charAt(pos++));
            } else if (c == '"') {
                if (!inQuote) {
                    inQuote = true;
                } else if (pos < length && text.charAt(pos) == '"') {
                    out.append('"');
                    pos++;
                } else {
                    inQuote = false;
                }
            } else {
                out.append(c);
            }
        }
    }

    private static boolean isDelimiter(char c) {
        return c == ',' || c == ')' || c == ']';
    }

    /** {@code range_out} through {@code range_deparse} and {@code range_bound_escape}. */
    static String format(RangeValue range, FormatSettings settings) {
        if (range.isEmpty()) {
            return "empty";
        }
        TypeIO io = subtypeIo(range.typeOid());
        StringBuilder out = new StringBuilder();
        out.append((range.flags() & RangeValue.LB_INC) != 0 ? '[' : '(');
        if (range.lower() != null) {
            escape(io.output(range.lower(), settings), out);
        }
        out.append(',');
        if (range.upper() != null) {
            escape(io.output(range.upper(), settings), out);
        }
        return out.append((range.flags() & RangeValue.UB_INC) != 0 ? ']' : ')').toString();
    }

    private static void escape(String value, StringBuilder out) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == ','
                    || isSpace(c);
        }
        if (quote) {
            out.append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append(c);
            }
            out.append(c);
        }
        if (quote) {
            out.append('"');
        }
    }

    /** {@code multirange_in}: braces around comma-separated range literals, then canonicalized. */
    private MultirangeValue parseMultirange(String text, FormatSettings settings) {
        int pos = 0;
        int length = text.length();
        while (pos < length && isSpace(text.charAt(pos))) {
            pos++;
        }
        if (pos == length || text.charAt(pos) != '{') {
            throw malformed("multirange", text, "Missing left brace.");
        }
        pos++;
        List<RangeValue> ranges = new ArrayList<>();
        pos = skipSpaces(text, pos);
        if (pos < length && text.charAt(pos) == '}') {
            pos++;
        } else {
            while (true) {
                if (pos >= length) {
                    throw malformed("multirange", text, "Unexpected end of input.");
                }
                int start = pos;
                char c = text.charAt(pos);
                if (text.regionMatches(true, pos, "empty", 0, 5)) {
                    pos += 5;
                } else if (c == '[' || c == '(') {
                    pos = rangeEnd(text, pos + 1);
                } else {
                    throw malformed("multirange", text, "Expected range start.");
                }
                ranges.add(parseRange(rangeType(), text.substring(start, pos), text, settings));
                pos = skipSpaces(text, pos);
                if (pos >= length) {
                    throw malformed("multirange", text, "Unexpected end of input.");
                }
                if (text.charAt(pos) == '}') {
                    pos++;
                    break;
                }
                if (text.charAt(pos) != ',') {
                    throw malformed("multirange", text, "Expected comma or end of multirange.");
                }
                pos = skipSpaces(text, pos + 1);
            }
        }
        if (skipSpaces(text, pos) != length) {
            throw malformed("multirange", text, "Junk after closing right brace.");
        }
        return MultirangeValue.of(typeOid, ranges);
    }

    private static int skipSpaces(String text, int pos) {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    /** The position after a range literal's closing parenthesis or bracket (quotes and escapes skipped). */
    private static int rangeEnd(String text, int pos) {
        boolean inQuote = false;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '"') {
                inQuote = !inQuote;
            } else if (!inQuote && (c == ')' || c == ']')) {
                return pos;
            }
        }
        throw malformed("multirange", text, "Unexpected end of input.");
    }

    // binary form

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        if (!multirange) {
            return receiveRange(rangeType(), bytes, offset, length, settings);
        }
        int count = TypeErrors.readInt(bytes, offset);
        int pos = offset + 4;
        List<RangeValue> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int size = TypeErrors.readInt(bytes, pos);
            ranges.add(receiveRange(rangeType(), bytes, pos + 4, size, settings));
            pos += 4 + size;
        }
        return MultirangeValue.of(typeOid, ranges);
    }

    /** {@code range_recv}. */
    private static RangeValue receiveRange(int rangeType, byte[] bytes, int offset, int length,
                                           FormatSettings settings) {
        if (length < 1) {
            throw TypeErrors.binaryFormat("insufficient data left in message");
        }
        byte flags = bytes[offset];
        int pos = offset + 1;
        TypeIO io = subtypeIo(rangeType);
        Object lower = null;
        Object upper = null;
        boolean hasLower = (flags & (RangeValue.EMPTY | RangeValue.LB_INF)) == 0;
        boolean hasUpper = (flags & (RangeValue.EMPTY | RangeValue.UB_INF)) == 0;
        if (hasLower) {
            int size = TypeErrors.readInt(bytes, pos);
            lower = io.receive(bytes, pos + 4, size, -1, settings);
            pos += 4 + size;
        }
        if (hasUpper) {
            int size = TypeErrors.readInt(bytes, pos);
            upper = io.receive(bytes, pos + 4, size, -1, settings);
        }
        return RangeValue.make(rangeType, new Bound(lower, !hasLower, (flags & RangeValue.LB_INC) != 0, true),
                new Bound(upper, !hasUpper, (flags & RangeValue.UB_INC) != 0, false),
                (flags & RangeValue.EMPTY) != 0);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (value instanceof MultirangeValue mr) {
            writeInt(out, mr.ranges().size());
            for (RangeValue range : mr.ranges()) {
                byte[] bytes = sendRange(range, settings);
                writeInt(out, bytes.length);
                out.write(bytes, 0, bytes.length);
            }
            return out.toByteArray();
        }
        return sendRange((RangeValue) value, settings);
    }

    /** {@code range_send}. */
    private static byte[] sendRange(RangeValue range, FormatSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(range.flags());
        TypeIO io = subtypeIo(range.typeOid());
        for (Object bound : new Object[] {range.lower(), range.upper()}) {
            if (bound != null) {
                byte[] bytes = io.send(bound, settings);
                writeInt(out, bytes.length);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toByteArray();
    }

    /** The stored form of a range or multirange: its type's OID, then its binary form. */
    public static byte[] encode(Object value) {
        int type = value instanceof MultirangeValue mr ? mr.typeOid() : ((RangeValue) value).typeOid();
        byte[] body = of(type).send(value, FormatSettings.DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, type);
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    /** Reads what {@link #encode} wrote. */
    public static Object decode(byte[] bytes, int offset, int length) {
        int type = TypeErrors.readInt(bytes, offset);
        return of(type).receive(bytes, offset + 4, length - 4, -1, FormatSettings.DEFAULT);
    }

    /** Whether values of this type are ranges or multiranges (stored through {@link #encode}). */
    public static boolean isRangeOrMultirange(int typeOid) {
        return RangeTypes.isRange(typeOid) || RangeTypes.isMultirange(typeOid);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
