package org.woolly.utils.adt;

import java.security.SecureRandom;

/**
 * A {@code uuid} value: 128 bits, ordered as PostgreSQL's {@code uuid_cmp} orders them (the
 * bytes compared unsigned, first to last), written as 32 lower-case hex digits in groups of
 * 8-4-4-4-12.
 *
 * @param high the first eight bytes, big-endian
 * @param low  the last eight bytes, big-endian
 */
public record Uuid(long high, long low) implements Comparable<Uuid> {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A version 4 UUID from a strong random source ({@code gen_random_uuid}, RFC 4122 section 4.4). */
    static Uuid random() {
        long high = RANDOM.nextLong();
        long low = RANDOM.nextLong();
        high = (high & ~0xF000L) | 0x4000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new Uuid(high, low);
    }

    /** The sixteen bytes, big-endian. */
    public byte[] bytes() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    public static Uuid of(byte[] bytes, int offset) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[offset + i] & 0xFF);
            low = (low << 8) | (bytes[offset + 8 + i] & 0xFF);
        }
        return new Uuid(high, low);
    }

    @Override
    public int compareTo(Uuid other) {
        int first = Long.compareUnsigned(high, other.high);
        return first != 0 ? first : Long.compareUnsigned(low, other.low);
    }

    @Override
    public String toString() {
        String hex = String.format("%016x%016x", high, low);
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
    }
}
