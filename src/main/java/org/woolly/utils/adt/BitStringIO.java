package org.woolly.utils.adt;

import java.nio.ByteBuffer;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Input and output of {@code bit(n)} and {@code bit varying(n)} ({@code bit_in}/{@code bit_out},
 * {@code varbit_in}/{@code varbit_out} and their binary forms in {@code varbit.c}). The text form
 * is binary digits, or hexadecimal after a leading {@code x}; a leading {@code b} is allowed. With
 * a typmod, bit(n) requires exactly n bits (22026) and varbit(n) at most n (22001).
 */
final class BitStringIO implements TypeIO {
    static final BitStringIO BIT = new BitStringIO(false);
    static final BitStringIO VARBIT = new BitStringIO(true);

    private final boolean varying;

    private BitStringIO(boolean varying) {
        this.varying = varying;
    }

    /** The text form without a typmod check, as a bit-string constant {@code B'...'} reads it. */
    static BitString parse(String text) {
        if (!text.isEmpty() && (text.charAt(0) == 'x' || text.charAt(0) == 'X')) {
            return BitString.hex(text.substring(1));
        }
        if (!text.isEmpty() && (text.charAt(0) == 'b' || text.charAt(0) == 'B')) {
            return BitString.binary(text.substring(1));
        }
        return BitString.binary(text);
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return checked(parse(text), typmod);
    }

    private BitString checked(BitString value, int typmod) {
        if (typmod <= 0) {
            return value;
        }
        if (varying && value.length() > typmod) {
            throw new SqlException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                    "bit string too long for type bit varying(" + typmod + ")");
        }
        if (!varying && value.length() != typmod) {
            throw lengthMismatch(value.length(), typmod);
        }
        return value;
    }

    static SqlException lengthMismatch(int length, int typmod) {
        return new SqlException(SqlState.STRING_DATA_LENGTH_MISMATCH,
                "bit string length " + length + " does not match type bit(" + typmod + ")");
    }

    /**
     * Length coercion ({@code bit()} / {@code varbit()} with {@code isExplicit}): an explicit cast
     * truncates or, for bit(n), zero-pads; an assignment raises the input function's errors.
     */
    Object coerce(BitString value, int typmod, boolean explicit) {
        if (typmod <= 0 || value.length() == typmod || (varying && value.length() < typmod)) {
            return value;
        }
        return explicit ? value.resized(typmod) : checked(value, typmod);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return value.toString();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        int bitLength = buffer.getInt();
        if (bitLength < 0 || bitLength > BitString.MAX_LENGTH || (bitLength + 7L) / 8 != buffer.remaining()) {
            throw new SqlException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid length in external bit string");
        }
        byte[] packed = new byte[buffer.remaining()];
        buffer.get(packed);
        return checked(BitString.of(bitLength, packed), typmod);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        BitString bits = (BitString) value;
        byte[] packed = bits.bytes();
        return ByteBuffer.allocate(4 + packed.length).putInt(bits.length()).put(packed).array();
    }
}
