package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's seeded 64-bit hash functions, bit for bit: Bob Jenkins' lookup3 hash as
 * {@code hash_bytes_extended} and {@code hash_bytes_uint32_extended} of
 * {@code src/common/hashfn.c} compute it (on a little-endian machine), and the types' extended
 * hash support functions (support function 2 of their default hash operator class:
 * {@code hashint4extended}, {@code hashint8extended}, {@code hashtextextended},
 * {@code hash_numeric_extended}, ... of {@code hashfunc.c}, {@code numeric.c}, {@code uuid.c}).
 * Hash partitioning routes rows with them, so a row lands in the partition PostgreSQL would
 * put it in.
 */
public final class ExtendedHash {
    /** The seed hash partitioning hashes key values with ({@code HASH_PARTITION_SEED} in {@code partition.h}). */
    public static final long HASH_PARTITION_SEED = 0x7A5B22367996DCFDL;

    private static final int GOLDEN_START = 0x9e3779b9 + 3923095;

    private ExtendedHash() {}

    /**
     * The extended hash of a value of type {@code typeOid} ({@code FunctionCall2(hashproc, value, seed)}),
     * or 0A000 for a type whose extended hash Woolly does not have.
     */
    public static long hash(int typeOid, Object value, long seed) {
        return switch (typeOid) {
            case TypeOids.INT2 -> uint32(((Short) value).intValue(), seed);
            case TypeOids.INT4, TypeOids.DATE, TypeOids.OID -> uint32((Integer) value, seed);
            case TypeOids.INT8, TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, TypeOids.TIME, TypeOids.XID8 ->
                    int8((Long) value, seed);
            case TypeOids.BOOL -> uint32((Boolean) value ? 1 : 0, seed);
            case TypeOids.CHAR -> uint32(((String) value).isEmpty() ? 0 : (byte) ((String) value).charAt(0), seed);
            case TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.NAME ->
                    bytes(((String) value).getBytes(StandardCharsets.UTF_8), seed);
            case TypeOids.BPCHAR -> bytes(((String) value).stripTrailing().getBytes(StandardCharsets.UTF_8), seed);
            case TypeOids.BYTEA -> bytes((byte[]) value, seed);
            case TypeOids.UUID -> bytes(((Uuid) value).bytes(), seed);
            case TypeOids.FLOAT4 -> float8(((Float) value).doubleValue(), seed);
            case TypeOids.FLOAT8 -> float8((Double) value, seed);
            case TypeOids.NUMERIC -> numeric(value, seed);
            default -> throw new org.woolly.utils.error.SqlException(
                    org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "hashing values of type %s is not supported yet".formatted(typeOid));
        };
    }

    /** Whether {@link #hash} knows the type (it has a default hash operator class in Woolly). */
    public static boolean supports(int typeOid) {
        return switch (typeOid) {
            case TypeOids.INT2, TypeOids.INT4, TypeOids.DATE, TypeOids.OID, TypeOids.INT8, TypeOids.TIMESTAMP,
                 TypeOids.TIMESTAMPTZ, TypeOids.TIME, TypeOids.BOOL, TypeOids.CHAR, TypeOids.TEXT, TypeOids.VARCHAR,
                 TypeOids.NAME, TypeOids.BPCHAR, TypeOids.BYTEA, TypeOids.UUID, TypeOids.FLOAT4, TypeOids.FLOAT8,
                 TypeOids.NUMERIC, TypeOids.XID8 -> true;
            default -> false;
        };
    }

    /** {@code hash_combine64}: folds one more column's hash into a row's ({@code compute_partition_hash_value}). */
    public static long combine(long accumulated, long hash) {
        return accumulated ^ (hash + 0x49a0f4dd15e5a8e3L + (accumulated << 54) + (accumulated >>> 7));
    }

    /** {@code hashint8extended}: the high half folded into the low one so that equal int4 and int8 values agree. */
    static long int8(long value, long seed) {
        int low = (int) value;
        int high = (int) (value >>> 32);
        low ^= value >= 0 ? high : ~high;
        return uint32(low, seed);
    }

    /** {@code hashfloat8extended}: zero and minus zero hash as the seed; every NaN as the canonical one. */
    static long float8(double value, long seed) {
        if (value == 0.0) {
            return seed;
        }
        long bits = Double.doubleToLongBits(value); // collapses NaNs to 0x7ff8000000000000 as get_float8_nan
        byte[] bytes = new byte[Long.BYTES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (bits >>> (8 * i));
        }
        return bytes(bytes, seed);
    }

    /**
     * {@code hash_numeric_extended}: the base-10000 digits without leading and trailing zero
     * digits (so 1.50 and 1.5 agree), XORed with the weight of the first; zero hashes as
     * {@code seed - 1}, NaN and the infinities as the seed.
     */
    static long numeric(Object value, long seed) {
        if (!(value instanceof BigDecimal decimal)) {
            return seed;
        }
        if (decimal.signum() == 0) {
            return seed - 1;
        }
        String plain = decimal.abs().toPlainString();
        int point = plain.indexOf('.');
        String integer = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        String digits = integer + fraction;
        int count = digits.length() / 4;
        int[] groups = new int[count];
        for (int i = 0; i < count; i++) {
            groups[i] = Integer.parseInt(digits.substring(4 * i, 4 * i + 4));
        }
        int weight = integer.length() / 4 - 1;
        int start = 0;
        while (groups[start] == 0) {
            start++;
            weight--;
        }
        int end = count;
        while (groups[end - 1] == 0) {
            end--;
        }
        byte[] bytes = new byte[2 * (end - start)];
        for (int i = start; i < end; i++) {
            bytes[2 * (i - start)] = (byte) groups[i];
            bytes[2 * (i - start) + 1] = (byte) (groups[i] >>> 8);
        }
        return bytes(bytes, seed) ^ weight;
    }

    /** {@code hash_bytes_uint32_extended}: one 32-bit word. */
    public static long uint32(int key, long seed) {
        int[] state = {GOLDEN_START + Integer.BYTES, GOLDEN_START + Integer.BYTES, GOLDEN_START + Integer.BYTES};
        seed(state, seed);
        state[0] += key;
        last(state);
        return result(state);
    }

    /** {@code hash_bytes_extended}: a byte string, read as little-endian words. */
    public static long bytes(byte[] key, long seed) {
        int start = GOLDEN_START + key.length;
        int[] state = {start, start, start};
        seed(state, seed);
        int offset = 0;
        int remaining = key.length;
        while (remaining >= 12) {
            state[0] += word(key, offset, 4);
            state[1] += word(key, offset + 4, 4);
            state[2] += word(key, offset + 8, 4);
            mix(state);
            offset += 12;
            remaining -= 12;
        }
        // the tail: up to four bytes into a, four into b, three into c above its lowest byte
        state[0] += word(key, offset, Math.min(remaining, 4));
        if (remaining > 4) {
            state[1] += word(key, offset + 4, Math.min(remaining - 4, 4));
        }
        if (remaining > 8) {
            state[2] += word(key, offset + 8, remaining - 8) << 8;
        }
        last(state);
        return result(state);
    }

    /** {@code count} bytes from {@code offset} as a little-endian word. */
    private static int word(byte[] key, int offset, int count) {
        int word = 0;
        for (int i = 0; i < count; i++) {
            word |= (key[offset + i] & 0xFF) << (8 * i);
        }
        return word;
    }

    /** A non-zero seed is hashed in as a first 12-byte block (high half, low half, zero). */
    private static void seed(int[] state, long seed) {
        if (seed != 0) {
            state[0] += (int) (seed >>> 32);
            state[1] += (int) seed;
            mix(state);
        }
    }

    private static long result(int[] state) {
        return ((long) state[1] << 32) | (state[2] & 0xFFFFFFFFL);
    }

    /** lookup3's {@code mix(a, b, c)}. */
    private static void mix(int[] s) {
        int a = s[0];
        int b = s[1];
        int c = s[2];
        a -= c;
        a ^= Integer.rotateLeft(c, 4);
        c += b;
        b -= a;
        b ^= Integer.rotateLeft(a, 6);
        a += c;
        c -= b;
        c ^= Integer.rotateLeft(b, 8);
        b += a;
        a -= c;
        a ^= Integer.rotateLeft(c, 16);
        c += b;
        b -= a;
        b ^= Integer.rotateLeft(a, 19);
        a += c;
        c -= b;
        c ^= Integer.rotateLeft(b, 4);
        b += a;
        s[0] = a;
        s[1] = b;
        s[2] = c;
    }

    /** lookup3's {@code final(a, b, c)}. */
    private static void last(int[] s) {
        int a = s[0];
        int b = s[1];
        int c = s[2];
        c ^= b;
        c -= Integer.rotateLeft(b, 14);
        a ^= c;
        a -= Integer.rotateLeft(c, 11);
        b ^= a;
        b -= Integer.rotateLeft(a, 25);
        c ^= b;
        c -= Integer.rotateLeft(b, 16);
        a ^= c;
        a -= Integer.rotateLeft(c, 4);
        b ^= a;
        b -= Integer.rotateLeft(a, 14);
        c ^= b;
        c -= Integer.rotateLeft(b, 24);
        s[0] = a;
        s[1] = b;
        s[2] = c;
    }
}
