package org.woolly.utils.adt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;

/**
 * String operators and functions ({@code src/backend/utils/adt/varlena.c}, {@code oracle_compat.c},
 * {@code like.c}, {@code regexp.c}). Lengths and positions count characters (code points).
 * Arguments declared {@code "any"}/{@code anynonarray} arrive already converted to text
 * (the resolver asks for that coercion).
 */
final class StringFunctions {
    private static final int T = TypeOids.TEXT;
    private static final int I = TypeOids.INT4;

    private StringFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        int bytea = TypeOids.BYTEA;
        r.operator("||", T, T, T, (a, c) -> (String) a[0] + a[1]);
        r.operator("||", T, BuiltinTypes.ANYNONARRAY, T, (a, c) -> (String) a[0] + a[1]);
        r.operator("||", BuiltinTypes.ANYNONARRAY, T, T, (a, c) -> (String) a[0] + a[1]);
        r.operator("||", TypeOids.BYTEA, TypeOids.BYTEA, TypeOids.BYTEA, (a, c) -> concatBytes((byte[]) a[0],
                (byte[]) a[1]));
        for (int left : new int[] {T, TypeOids.BPCHAR, TypeOids.NAME}) {
            r.operator("~~", left, T, TypeOids.BOOL, (a, c) -> LikeMatcher.like((String) a[0], (String) a[1]), null,
                    "!~~");
            r.operator("!~~", left, T, TypeOids.BOOL, (a, c) -> !LikeMatcher.like((String) a[0], (String) a[1]),
                    null, "~~");
            r.operator("~~*", left, T, TypeOids.BOOL, (a, c) -> LikeMatcher.ilike((String) a[0], (String) a[1]),
                    null, "!~~*");
            r.operator("!~~*", left, T, TypeOids.BOOL, (a, c) -> !LikeMatcher.ilike((String) a[0], (String) a[1]),
                    null, "~~*");
            r.operator("~", left, T, TypeOids.BOOL,
                    (a, c) -> regex((String) a[1], false).matcher(interruptible((String) a[0])).find(),
                    null, "!~");
            r.operator("!~", left, T, TypeOids.BOOL,
                    (a, c) -> !regex((String) a[1], false).matcher(interruptible((String) a[0])).find(), null, "~");
            r.operator("~*", left, T, TypeOids.BOOL,
                    (a, c) -> regex((String) a[1], true).matcher(interruptible((String) a[0])).find(), null, "!~*");
            r.operator("!~*", left, T, TypeOids.BOOL,
                    (a, c) -> !regex((String) a[1], true).matcher(interruptible((String) a[0])).find(), null, "~*");
        }
        r.operator("~~", bytea, bytea, TypeOids.BOOL, (a, c) -> LikeMatcher.like(latin1((byte[]) a[0]),
                latin1((byte[]) a[1])), null, "!~~");
        r.operator("!~~", bytea, bytea, TypeOids.BOOL, (a, c) -> !LikeMatcher.like(latin1((byte[]) a[0]),
                latin1((byte[]) a[1])), null, "~~");
        r.function("like", TypeOids.BOOL, (a, c) -> LikeMatcher.like((String) a[0], (String) a[1]), T, T);
        r.function("ilike", TypeOids.BOOL, (a, c) -> LikeMatcher.ilike((String) a[0], (String) a[1]), T, T);

        for (String name : new String[] {"length", "char_length", "character_length"}) {
            r.function(name, I, (a, c) -> characters((String) a[0]), T);
            r.function(name, I, (a, c) -> characters(ValueOrdering.stripTrailingBlanks((String) a[0])),
                    TypeOids.BPCHAR);
        }
        r.function("length", I, (a, c) -> ((byte[]) a[0]).length, TypeOids.BYTEA);
        r.function("octet_length", I, (a, c) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length, T);
        r.function("octet_length", I, (a, c) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length,
                TypeOids.BPCHAR);
        r.function("octet_length", I, (a, c) -> ((byte[]) a[0]).length, TypeOids.BYTEA);
        r.function("bit_length", I, (a, c) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length * 8, T);
        r.function("lower", T, (a, c) -> ((String) a[0]).toLowerCase(Locale.ROOT), T);
        r.function("upper", T, (a, c) -> ((String) a[0]).toUpperCase(Locale.ROOT), T);
        r.function("initcap", T, (a, c) -> initcap((String) a[0]), T);
        for (String name : new String[] {"substr", "substring"}) {
            r.function(name, T, (a, c) -> substring((String) a[0], (Integer) a[1], -1, false), T, I);
            r.function(name, T, (a, c) -> substring((String) a[0], (Integer) a[1], (Integer) a[2], true), T, I, I);
        }
        for (String name : new String[] {"substr", "substring"}) {
            r.function(name, bytea, (a, c) -> byteSubstring((byte[]) a[0], (Integer) a[1], -1, false), bytea, I);
            r.function(name, bytea, (a, c) -> byteSubstring((byte[]) a[0], (Integer) a[1], (Integer) a[2], true),
                    bytea, I, I);
        }
        r.function("btrim", bytea, (a, c) -> byteTrim((byte[]) a[0], (byte[]) a[1]), bytea, bytea);
        r.function("substring", T, (a, c) -> regexSubstring((String) a[0], (String) a[1]), T, T);
        r.function("position", I, (a, c) -> position((String) a[0], (String) a[1]), T, T);
        r.function("strpos", I, (a, c) -> position((String) a[0], (String) a[1]), T, T);
        r.function("replace", T, (a, c) -> replace((String) a[0], (String) a[1], (String) a[2]), T, T, T);
        r.function("btrim", T, (a, c) -> trim((String) a[0], " ", true, true), T);
        r.function("btrim", T, (a, c) -> trim((String) a[0], (String) a[1], true, true), T, T);
        r.function("ltrim", T, (a, c) -> trim((String) a[0], " ", true, false), T);
        r.function("ltrim", T, (a, c) -> trim((String) a[0], (String) a[1], true, false), T, T);
        r.function("rtrim", T, (a, c) -> trim((String) a[0], " ", false, true), T);
        r.function("rtrim", T, (a, c) -> trim((String) a[0], (String) a[1], false, true), T, T);
        r.variadic("concat", T, 's', false, (a, c) -> concat("", a, 0), BuiltinTypes.ANY);
        r.variadic("concat_ws", T, 's', false, (a, c) -> a[0] == null ? null : concat((String) a[0], a, 1),
                T, BuiltinTypes.ANY);
        r.function("format", T, 's', false, (a, c) -> FormatFunction.format(a), T);
        r.variadic("format", T, 's', false, (a, c) -> FormatFunction.format(a), T, BuiltinTypes.ANY);
        r.function("left", T, (a, c) -> left((String) a[0], (Integer) a[1]), T, I);
        r.function("right", T, (a, c) -> right((String) a[0], (Integer) a[1]), T, I);
        r.function("repeat", T, (a, c) -> repeat((String) a[0], (Integer) a[1]), T, I);
        r.function("lpad", T, (a, c) -> pad((String) a[0], (Integer) a[1], " ", true), T, I);
        r.function("lpad", T, (a, c) -> pad((String) a[0], (Integer) a[1], (String) a[2], true), T, I, T);
        r.function("rpad", T, (a, c) -> pad((String) a[0], (Integer) a[1], " ", false), T, I);
        r.function("rpad", T, (a, c) -> pad((String) a[0], (Integer) a[1], (String) a[2], false), T, I, T);
        r.function("md5", T, (a, c) -> md5(((String) a[0]).getBytes(StandardCharsets.UTF_8)), T);
        r.function("md5", T, (a, c) -> md5((byte[]) a[0]), TypeOids.BYTEA);
        for (String algorithm : new String[] {"224", "256", "384", "512"}) {
            r.function("sha" + algorithm, TypeOids.BYTEA, (a, c) -> digest("SHA-" + algorithm, (byte[]) a[0]),
                    TypeOids.BYTEA);
        }
        r.function("reverse", T, (a, c) -> new StringBuilder((String) a[0]).reverse().toString(), T);
        r.function("split_part", T, (a, c) -> splitPart((String) a[0], (String) a[1], (Integer) a[2]), T, T, I);
        r.function("starts_with", TypeOids.BOOL, (a, c) -> ((String) a[0]).startsWith((String) a[1]), T, T);
        r.function("ascii", I, (a, c) -> ((String) a[0]).isEmpty() ? 0 : ((String) a[0]).codePointAt(0), T);
        r.function("chr", T, (a, c) -> chr((Integer) a[0]), I);
        r.function("to_hex", T, (a, c) -> Integer.toHexString((Integer) a[0]), I);
        r.function("to_hex", T, (a, c) -> Long.toHexString((Long) a[0]), TypeOids.INT8);
        r.function("translate", T, (a, c) -> translate((String) a[0], (String) a[1], (String) a[2]), T, T, T);
        r.function("quote_ident", T, (a, c) -> quoteIdent((String) a[0]), T);
        r.function("gen_random_uuid", TypeOids.UUID, PgProcData.VOLATILE, PgProcData.STRICT, (a, c) -> Uuid.random());
        r.function("parse_ident", TypeOids.TEXT_ARRAY, (a, c) -> ArrayValue.of(T, Identifiers.parseIdent((String) a[0],
                (Boolean) a[1])), T, TypeOids.BOOL);
        r.function("quote_literal", T, (a, c) -> quoteLiteral((String) a[0]), T);
        r.function("quote_nullable", T, PgProcData.IMMUTABLE, false,
                (a, c) -> a[0] == null ? "NULL" : quoteLiteral((String) a[0]), T);
        r.function("unistr", T, (a, c) -> unistr((String) a[0]), T);
    }

    /**
     * {@code unistr}: two backslashes are one; a backslash followed by 4 hex digits, by {@code +} and 6,
     * by {@code u} and 4 or by {@code U} and 8 is that code point; a UTF-16 surrogate must be a high one followed
     * by an escaped low one.
     */
    static String unistr(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int highSurrogate = -1;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch != '\\') {
                if (highSurrogate >= 0) {
                    throw surrogatePairError();
                }
                out.append(ch);
                i++;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                if (highSurrogate >= 0) {
                    throw surrogatePairError();
                }
                out.append('\\');
                i += 2;
                continue;
            }
            int digits;
            int start;
            char form = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            switch (form) {
                case '+' -> { digits = 6; start = i + 2; }
                case 'u' -> { digits = 4; start = i + 2; }
                case 'U' -> { digits = 8; start = i + 2; }
                default -> { digits = 4; start = i + 1; }
            }
            int codePoint = 0;
            for (int d = 0; d < digits; d++) {
                int value = start + d < text.length() ? Character.digit(text.charAt(start + d), 16) : -1;
                if (value < 0) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode escape")
                            .withHint("Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.");
                }
                codePoint = codePoint * 16 + value;
            }
            i = start + digits;
            if (codePoint == 0 || Integer.compareUnsigned(codePoint, Character.MAX_CODE_POINT) > 0) {
                throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid Unicode code point: %04X", codePoint);
            }
            if (highSurrogate >= 0) {
                if (!Character.isLowSurrogate((char) codePoint) || codePoint > 0xFFFF) {
                    throw surrogatePairError();
                }
                out.appendCodePoint(Character.toCodePoint((char) highSurrogate, (char) codePoint));
                highSurrogate = -1;
            } else if (codePoint <= 0xFFFF && Character.isHighSurrogate((char) codePoint)) {
                highSurrogate = codePoint;
            } else if (codePoint <= 0xFFFF && Character.isLowSurrogate((char) codePoint)) {
                throw surrogatePairError();
            } else {
                out.appendCodePoint(codePoint);
            }
        }
        if (highSurrogate >= 0) {
            throw surrogatePairError();
        }
        return out.toString();
    }

    private static SqlException surrogatePairError() {
        return new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair");
    }

    /** Bytes as one char each, so LIKE on bytea matches byte by byte. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    private static byte[] concatBytes(byte[] left, byte[] right) {
        byte[] result = java.util.Arrays.copyOf(left, left.length + right.length);
        System.arraycopy(right, 0, result, left.length, right.length);
        return result;
    }

    private static Pattern regex(String pattern, boolean caseInsensitive) {
        return PgRegex.compile(pattern, caseInsensitive);
    }

    /**
     * The text as the regex engine reads it, checking interrupts every million characters read:
     * a backtracking pattern can take exponential time on a short input.
     */
    static CharSequence interruptible(String text) {
        return new CharSequence() {
            private int reads;

            @Override
            public int length() {
                return text.length();
            }

            @Override
            public char charAt(int index) {
                if ((++reads & (CHECK_INTERVAL - 1)) == 0) {
                    Interrupts.check();
                }
                return text.charAt(index);
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return text.subSequence(start, end);
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }

    private static String regexSubstring(String text, String pattern) {
        java.util.regex.Matcher matcher = regex(pattern, false).matcher(interruptible(text));
        if (!matcher.find()) {
            return null;
        }
        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
    }

    private static String initcap(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean previousAlphanumeric = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(previousAlphanumeric ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousAlphanumeric = Character.isLetterOrDigit(c);
        }
        return out.toString();
    }

    /** {@code text_substr}: 1-based start, characters [start, start+count) clipped to the string. */
    static String substring(String text, int start, int count, boolean hasCount) {
        if (hasCount && count < 0) {
            throw new SqlException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        int length = characters(text);
        long first = Math.max(start, 1);
        long end = hasCount ? (long) start + count : Long.MAX_VALUE;
        if (end <= first || first > length) {
            return "";
        }
        long last = Math.min(end - 1, length);
        int from = text.offsetByCodePoints(0, (int) first - 1);
        int to = text.offsetByCodePoints(from, (int) (last - first + 1));
        return text.substring(from, to);
    }

    private static byte[] byteSubstring(byte[] bytes, int start, int count, boolean hasCount) {
        if (hasCount && count < 0) {
            throw new SqlException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        long first = Math.max(start, 1);
        long end = hasCount ? Math.min((long) start + count, bytes.length + 1L) : bytes.length + 1L;
        if (end <= first) {
            return new byte[0];
        }
        return java.util.Arrays.copyOfRange(bytes, (int) first - 1, (int) end - 1);
    }

    private static byte[] byteTrim(byte[] bytes, byte[] characters) {
        int start = 0;
        int end = bytes.length;
        while (start < end && contains(characters, bytes[start])) {
            start++;
        }
        while (end > start && contains(characters, bytes[end - 1])) {
            end--;
        }
        return java.util.Arrays.copyOfRange(bytes, start, end);
    }

    private static boolean contains(byte[] bytes, byte value) {
        for (byte b : bytes) {
            if (b == value) {
                return true;
            }
        }
        return false;
    }

    static int position(String text, String search) {
        int index = text.indexOf(search);
        return index < 0 ? 0 : text.codePointCount(0, index) + 1;
    }

    /** Characters appended between two interrupt checks while building a long string. */
    private static final int CHECK_INTERVAL = 1 << 20;
    /** MaxAllocSize less the varlena header: the longest text PostgreSQL builds. */
    private static final long MAX_TEXT_BYTES = 0x3fffffff - 4;

    private static SqlException lengthTooLarge() {
        return new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** {@code repeat}: built in pieces with an interrupt check between them (a 1 GB result takes seconds). */
    static String repeat(String text, int count) {
        if (count <= 0 || text.isEmpty()) {
            return "";
        }
        if (utf8Length(text) * count > MAX_TEXT_BYTES) {
            throw lengthTooLarge();
        }
        int perPiece = Math.max(1, CHECK_INTERVAL / text.length());
        String piece = text.repeat(Math.min(perPiece, count));
        // no capacity up front: zeroing a gigabyte would delay the first interrupt check by seconds
        StringBuilder out = new StringBuilder();
        for (int left = count; left > 0; left -= perPiece) {
            Interrupts.check();
            out.append(left >= perPiece ? piece : text.repeat(left));
        }
        return out.toString();
    }

    /** {@code replace}: one match at a time, checking interrupts on long inputs. */
    private static String replace(String text, String from, String to) {
        int match = from.isEmpty() ? -1 : text.indexOf(from);
        if (match < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        for (int matches = 1; match >= 0; matches++) {
            if ((matches & (CHECK_INTERVAL / 256 - 1)) == 0) {
                Interrupts.check();
                if ((long) out.length() + to.length() > MAX_TEXT_BYTES) {
                    throw lengthTooLarge();
                }
            }
            out.append(text, start, match).append(to);
            start = match + from.length();
            match = text.indexOf(from, start);
        }
        return out.append(text, start, text.length()).toString();
    }

    static String trim(String text, String characters, boolean leading, boolean trailing) {
        int start = 0;
        int end = text.length();
        if (leading) {
            while (start < end && characters.indexOf(text.codePointAt(start)) >= 0) {
                start += Character.charCount(text.codePointAt(start));
            }
        }
        if (trailing) {
            while (end > start && characters.indexOf(text.codePointBefore(end)) >= 0) {
                end -= Character.charCount(text.codePointBefore(end));
            }
        }
        return text.substring(start, end);
    }

    private static String concat(String separator, Object[] args, int from) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (int i = from; i < args.length; i++) {
            if (args[i] == null) {
                continue;
            }
            if (!first) {
                out.append(separator);
            }
            out.append((String) args[i]);
            first = false;
        }
        return out.toString();
    }

    private static String left(String text, int count) {
        int length = characters(text);
        int keep = count >= 0 ? Math.min(count, length) : Math.max(length + count, 0);
        return text.substring(0, text.offsetByCodePoints(0, keep));
    }

    private static String right(String text, int count) {
        int length = characters(text);
        int keep = count >= 0 ? Math.min(count, length) : Math.max(length + count, 0);
        return text.substring(text.offsetByCodePoints(0, length - keep));
    }

    private static String pad(String text, int length, String fill, boolean leftSide) {
        if (length <= 0) {
            return "";
        }
        int current = characters(text);
        if (current >= length) {
            return text.substring(0, text.offsetByCodePoints(0, length));
        }
        if (fill.isEmpty()) {
            return text;
        }
        if (length > MAX_TEXT_BYTES / 4) { // lpad's limit: the length at the encoding's widest characters
            throw lengthTooLarge();
        }
        int[] fillPoints = fill.codePoints().toArray();
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < length - current; i++) {
            if ((i & (CHECK_INTERVAL - 1)) == 0) {
                Interrupts.check();
            }
            padding.appendCodePoint(fillPoints[i % fillPoints.length]);
        }
        return leftSide ? padding + text : text + padding;
    }

    private static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(digest("MD5", bytes));
    }

    /** {@code md5} and the {@code sha224} ... {@code sha512} of {@code cryptohashfuncs.c}. */
    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new SqlException(SqlState.INTERNAL_ERROR, algorithm + " is not available");
        }
    }

    private static String splitPart(String text, String delimiter, int field) {
        if (field == 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        String[] parts = delimiter.isEmpty() ? new String[] {text} : text.split(Pattern.quote(delimiter), -1);
        int index = field > 0 ? field - 1 : parts.length + field;
        return index >= 0 && index < parts.length ? parts[index] : "";
    }

    private static String chr(int code) {
        if (code == 0) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        if (code < 0 || code > Character.MAX_CODE_POINT || code >= 0xD800 && code <= 0xDFFF) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: "
                    + code);
        }
        return new String(Character.toChars(code));
    }

    private static String translate(String text, String from, String to) {
        int[] fromPoints = from.codePoints().toArray();
        int[] toPoints = to.codePoints().toArray();
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            int index = -1;
            for (int i = 0; i < fromPoints.length; i++) {
                if (fromPoints[i] == codePoint) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                out.appendCodePoint(codePoint);
            } else if (index < toPoints.length) {
                out.appendCodePoint(toPoints[index]);
            }
        });
        return out.toString();
    }

    static String quoteIdent(String identifier) {
        if (identifier.matches("[a-z_][a-z0-9_$]*")) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String quoteLiteral(String literal) {
        String quoted = "'" + literal.replace("'", "''") + "'";
        if (literal.indexOf('\\') >= 0) {
            return "E" + quoted.replace("\\", "\\\\");
        }
        return quoted;
    }
}
