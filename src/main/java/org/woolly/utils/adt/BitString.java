package org.woolly.utils.adt;

import java.util.Arrays;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A value of {@code bit(n)} or {@code bit varying(n)} ({@code VarBit} in {@code varbit.c}): a
 * length in bits and the bits packed most significant first, the unused low bits of the last
 * byte always zero, so that byte comparison and equality see only the value's bits.
 */
public final class BitString implements Comparable<BitString> {
    /** {@code VARBITMAXLEN}: the longest bit string, and the largest typmod of bit and varbit. */
    static final int MAX_LENGTH = 83886080;

    private final int length;
    private final byte[] bits;

    private BitString(int length, byte[] bits) {
        this.length = length;
        this.bits = bits;
    }

    /** A string of {@code length} zero bits. */
    static BitString zeros(int length) {
        return new BitString(length, new byte[bytesFor(length)]);
    }

    /** The stored or binary form: {@code bits} packed as {@link #bytes()} gives them. */
    public static BitString of(int length, byte[] packed) {
        byte[] bits = Arrays.copyOf(packed, bytesFor(length));
        clearPadding(length, bits);
        return new BitString(length, bits);
    }

    /** From '0'/'1' characters; anything else is 22P02 {@code "x" is not a valid binary digit}. */
    public static BitString binary(CharSequence digits) {
        BitString result = zeros(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c == '1') {
                result.bits[i >> 3] |= (byte) (0x80 >>> (i & 7));
            } else if (c != '0') {
                throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "\"" + c + "\" is not a valid binary digit");
            }
        }
        return result;
    }

    /** From hexadecimal digits, four bits each. */
    static BitString hex(CharSequence digits) {
        BitString result = zeros(digits.length() * 4);
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int nibble = Character.digit(c, 16);
            if (nibble < 0 || c > 'f') {
                throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                        "\"" + c + "\" is not a valid hexadecimal digit");
            }
            result.bits[i >> 1] |= (byte) ((i & 1) == 0 ? nibble << 4 : nibble);
        }
        return result;
    }

    public int length() {
        return length;
    }

    /** The packed bits (a copy), {@code ceil(length / 8)} bytes. */
    public byte[] bytes() {
        return bits.clone();
    }

    boolean get(int index) {
        return (bits[index >> 3] & (0x80 >>> (index & 7))) != 0;
    }

    private void set(int index) {
        bits[index >> 3] |= (byte) (0x80 >>> (index & 7));
    }

    private static int bytesFor(int length) {
        return (length + 7) >>> 3;
    }

    private static void clearPadding(int length, byte[] bits) {
        int used = length & 7;
        if (used != 0) {
            bits[bits.length - 1] &= (byte) (0xFF << (8 - used));
        }
    }

    /**
     * The first {@code length} bits, zero-padded on the right when this string is shorter: what
     * an explicit cast to bit(n) or varbit(n) does.
     */
    BitString resized(int newLength) {
        if (newLength == length) {
            return this;
        }
        return of(newLength, Arrays.copyOf(bits, bytesFor(newLength)));
    }

    int popCount() {
        int count = 0;
        for (byte b : bits) {
            count += Integer.bitCount(b & 0xFF);
        }
        return count;
    }

    BitString and(BitString other) {
        return combine(other, "AND", (a, b) -> a & b);
    }

    BitString or(BitString other) {
        return combine(other, "OR", (a, b) -> a | b);
    }

    BitString xor(BitString other) {
        return combine(other, "XOR", (a, b) -> a ^ b);
    }

    private interface ByteOperation {
        int apply(int left, int right);
    }

    private BitString combine(BitString other, String name, ByteOperation operation) {
        if (length != other.length) {
            throw new SqlException(SqlState.STRING_DATA_LENGTH_MISMATCH,
                    "cannot " + name + " bit strings of different sizes");
        }
        byte[] result = new byte[bits.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) operation.apply(bits[i], other.bits[i]);
        }
        return new BitString(length, result);
    }

    BitString not() {
        byte[] result = new byte[bits.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) ~bits[i];
        }
        clearPadding(length, result);
        return new BitString(length, result);
    }

    /** Shifts toward the first bit by {@code count} (negative: the other way), keeping the length. */
    BitString shiftLeft(long count) {
        BitString result = zeros(length);
        for (int i = 0; i < length; i++) {
            long from = i + count;
            if (from >= 0 && from < length && get((int) from)) {
                result.set(i);
            }
        }
        return result;
    }

    BitString concat(BitString other) {
        BitString result = zeros(length + other.length);
        System.arraycopy(bits, 0, result.bits, 0, bits.length);
        for (int i = 0; i < other.length; i++) {
            if (other.get(i)) {
                result.set(length + i);
            }
        }
        return result;
    }

    /** {@code bitsubstr}: 1-based start, as substring() of text; a null count means to the end. */
    BitString substring(int start, Integer count) {
        long end;
        if (count == null) {
            end = Long.MAX_VALUE;
        } else {
            if (count < 0) {
                throw negativeLength();
            }
            end = (long) start + count;
        }
        long first = Math.max(start, 1);
        long last = Math.min(end, (long) length + 1);
        if (last <= first) {
            return zeros(0);
        }
        BitString result = zeros((int) (last - first));
        for (int i = 0; i < result.length; i++) {
            if (get((int) (first - 1 + i))) {
                result.set(i);
            }
        }
        return result;
    }

    static SqlException negativeLength() {
        return new SqlException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
    }

    /** {@code bitoverlay}: {@code count} bits from {@code start} replaced by {@code replacement}. */
    BitString overlay(BitString replacement, int start, int count) {
        if (start <= 0 || count < 0) {
            throw negativeLength();
        }
        return substring(1, start - 1).concat(replacement).concat(substring(start + count, null));
    }

    /** {@code bitposition}: 1-based index of the first occurrence of {@code needle}, 0 if none. */
    int position(BitString needle) {
        if (needle.length == 0) {
            return length == 0 ? 0 : 1;
        }
        for (int at = 0; at + needle.length <= length; at++) {
            int i = 0;
            while (i < needle.length && get(at + i) == needle.get(i)) {
                i++;
            }
            if (i == needle.length) {
                return at + 1;
            }
        }
        return 0;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= length) {
            throw new SqlException(SqlState.ARRAY_SUBSCRIPT_ERROR,
                    "bit index " + index + " out of valid range (0.." + (length - 1) + ")");
        }
    }

    int getBit(int index) {
        checkIndex(index);
        return get(index) ? 1 : 0;
    }

    BitString setBit(int index, int value) {
        checkIndex(index);
        if (value != 0 && value != 1) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "new bit must be 0 or 1");
        }
        byte[] result = bits.clone();
        if (value == 1) {
            result[index >> 3] |= (byte) (0x80 >>> (index & 7));
        } else {
            result[index >> 3] &= (byte) ~(0x80 >>> (index & 7));
        }
        return new BitString(length, result);
    }

    /**
     * {@code bitfromint4}/{@code bitfromint8}: the low {@code length} bits of {@code value}, the
     * sign repeated to the left when {@code length} exceeds the integer's width.
     */
    static BitString fromInteger(long value, int width, int length) {
        BitString result = zeros(length);
        for (int i = 0; i < length; i++) {
            int bitFromRight = length - 1 - i;
            boolean set = bitFromRight >= width ? value < 0 : ((value >>> bitFromRight) & 1) != 0;
            if (set) {
                result.set(i);
            }
        }
        return result;
    }

    /** {@code bittoint4}/{@code bittoint8}: 22003 when longer than {@code width} bits. */
    long toInteger(int width, String typeName) {
        if (length > width) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, typeName + " out of range");
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 1) | (get(i) ? 1 : 0);
        }
        return value;
    }

    /** {@code bit_cmp}: bytes of the common length, then the shorter string first. */
    @Override
    public int compareTo(BitString other) {
        int common = Math.min(bits.length, other.bits.length);
        int order = Arrays.compareUnsigned(bits, 0, common, other.bits, 0, common);
        return order != 0 ? order : Integer.compare(length, other.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BitString that && length == that.length && Arrays.equals(bits, that.bits);
    }

    @Override
    public int hashCode() {
        return 31 * length + Arrays.hashCode(bits);
    }

    /** The '0'/'1' digits, as {@code bit_out} prints them. */
    @Override
    public String toString() {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append(get(i) ? '1' : '0');
        }
        return digits.toString();
    }
}
