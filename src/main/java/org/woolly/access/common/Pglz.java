package org.woolly.access.common;

import java.util.Arrays;

/**
 * PostgreSQL's LZ compression ({@code src/common/pg_lzcompress.c}), written from the format's
 * description: the output is a sequence of control bytes, each followed by up to eight items
 * whose kinds its bits give, lowest bit first: 0 a literal byte, 1 a back-reference tag of two
 * bytes (high nibble of the first: offset bits 8-11; low nibble: length - 3; second: offset bits
 * 0-7), with a third byte adding to the length when the nibble is 15 (length 18 + that byte).
 * Offsets reach back at most 4095 bytes, lengths are 3 to 273. The compressor follows the
 * default strategy ({@code PGLZ_strategy_default}): inputs under 32 bytes are not compressed, the
 * result must save 25 %, and it gives up when the first 1024 output bytes hold no match. Its
 * history (a hash of the next four bytes into chained lists of the last 4096 positions, the good
 * match length falling by 10 % per candidate) is the reference's, so it emits the same bytes.
 */
public final class Pglz {
    private static final int HISTORY_SIZE = 4096;
    private static final int MAX_MATCH = 273;
    private static final int MAX_OFFSET = 0x0fff;
    private static final int MIN_INPUT_SIZE = 32;
    private static final int MIN_COMPRESSION_RATE = 25;
    private static final int FIRST_SUCCESS_BY = 1024;
    private static final int GOOD_MATCH = 128;
    private static final int GOOD_DROP = 10;

    private Pglz() {}

    /** The largest output {@link #compress} may produce for an input of that length ({@code PGLZ_MAX_OUTPUT}). */
    public static int maximumOutput(int sourceLength) {
        return sourceLength + 4;
    }

    /**
     * Compresses {@code source[0, length)}; returns the compressed bytes, or null when the input
     * is too short or does not compress well enough ({@code pglz_compress} returning -1).
     */
    public static byte[] compress(byte[] source, int length) {
        if (length < MIN_INPUT_SIZE) {
            return null;
        }
        int hashSize = length < 128 ? 512 : length < 256 ? 1024 : length < 512 ? 2048 : length < 1024 ? 4096 : 8192;
        int mask = hashSize - 1;
        short[] hashStart = new short[hashSize];
        // entry 0 is the list end; entries 1..HISTORY_SIZE are recycled in turn
        int[] next = new int[HISTORY_SIZE + 1];
        int[] previous = new int[HISTORY_SIZE + 1];
        int[] hashIndexOf = new int[HISTORY_SIZE + 1];
        int[] position = new int[HISTORY_SIZE + 1];
        int historyNext = 1;
        boolean recycle = false;

        int resultMaximum = length > Integer.MAX_VALUE / 100
                ? (length / 100) * (100 - MIN_COMPRESSION_RATE)
                : (length * (100 - MIN_COMPRESSION_RATE)) / 100;
        byte[] out = new byte[maximumOutput(length)];
        int outPosition = 0;
        int controlPosition = -1;
        int controlByte = 0;
        int controlBit = 0;
        boolean foundMatch = false;
        int sourcePosition = 0;
        int[] match = new int[2];
        while (sourcePosition < length) {
            if (outPosition >= resultMaximum) {
                return null;
            }
            if (!foundMatch && outPosition >= FIRST_SUCCESS_BY && sourcePosition < length - 4) {
                return null;
            }
            boolean tag = sourcePosition < length - 4
                    && findMatch(source, sourcePosition, length, hashStart, next, position, mask, match);
            if ((controlBit & 0xff) == 0) {
                if (controlPosition >= 0) {
                    out[controlPosition] = (byte) controlByte;
                }
                controlPosition = outPosition++;
                controlByte = 0;
                controlBit = 1;
            }
            int advance;
            if (tag) {
                controlByte |= controlBit;
                int matchLength = match[0];
                int offset = match[1];
                if (matchLength > 17) {
                    out[outPosition++] = (byte) (((offset & 0xf00) >> 4) | 0x0f);
                    out[outPosition++] = (byte) (offset & 0xff);
                    out[outPosition++] = (byte) (matchLength - 18);
                } else {
                    out[outPosition++] = (byte) (((offset & 0xf00) >> 4) | (matchLength - 3));
                    out[outPosition++] = (byte) (offset & 0xff);
                }
                advance = matchLength;
                foundMatch = true;
            } else {
                out[outPosition++] = source[sourcePosition];
                advance = 1;
            }
            controlBit <<= 1;
            for (int i = 0; i < advance; i++) {
                // pglz_hist_add: unlink the recycled entry, push the position on its hash list
                int hashIndex = hashIndex(source, sourcePosition, length, mask);
                int entry = historyNext;
                if (recycle) {
                    if (previous[entry] == 0) {
                        hashStart[hashIndexOf[entry]] = (short) next[entry];
                    } else {
                        next[previous[entry]] = next[entry];
                    }
                    if (next[entry] != 0) {
                        previous[next[entry]] = previous[entry];
                    }
                }
                next[entry] = hashStart[hashIndex];
                previous[entry] = 0;
                hashIndexOf[entry] = hashIndex;
                position[entry] = sourcePosition;
                if (hashStart[hashIndex] != 0) {
                    previous[hashStart[hashIndex]] = entry;
                }
                hashStart[hashIndex] = (short) entry;
                if (++historyNext >= HISTORY_SIZE + 1) {
                    historyNext = 1;
                    recycle = true;
                }
                sourcePosition++;
            }
        }
        if (controlPosition >= 0) {
            out[controlPosition] = (byte) controlByte;
        }
        if (outPosition >= resultMaximum) {
            return null;
        }
        return Arrays.copyOf(out, outPosition);
    }

    /** {@code pglz_hist_idx}: bytes as the reference's signed {@code char}. */
    private static int hashIndex(byte[] source, int at, int end, int mask) {
        if (end - at < 4) {
            return source[at] & mask;
        }
        return ((source[at] << 6) ^ (source[at + 1] << 4) ^ (source[at + 2] << 2) ^ source[at + 3]) & mask;
    }

    /** {@code pglz_find_match}: the longest earlier match (length, offset) into {@code result}, if of 3 or more. */
    private static boolean findMatch(byte[] source, int at, int end, short[] hashStart, int[] next, int[] position,
                                     int mask, int[] result) {
        int bestLength = 0;
        int bestOffset = 0;
        int goodMatch = GOOD_MATCH;
        int entry = hashStart[hashIndex(source, at, end, mask)];
        while (entry != 0) {
            int candidate = position[entry];
            int offset = at - candidate;
            if (offset >= MAX_OFFSET) {
                break;
            }
            int thisLength = 0;
            while (at + thisLength < end && source[at + thisLength] == source[candidate + thisLength]
                    && thisLength < MAX_MATCH) {
                thisLength++;
            }
            if (thisLength > bestLength) {
                bestLength = thisLength;
                bestOffset = offset;
            }
            entry = next[entry];
            if (entry != 0) {
                if (bestLength >= goodMatch) {
                    break;
                }
                goodMatch -= (goodMatch * GOOD_DROP) / 100;
            }
        }
        if (bestLength > 2) {
            result[0] = bestLength;
            result[1] = bestOffset;
            return true;
        }
        return false;
    }

    /**
     * Decompresses {@code source[start, start + length)} into exactly {@code rawLength} bytes
     * ({@code pglz_decompress} with {@code check_complete}); corrupt input is an XX001 error.
     */
    public static byte[] decompress(byte[] source, int start, int length, int rawLength) {
        byte[] out = new byte[rawLength];
        int sourcePosition = start;
        int sourceEnd = start + length;
        int outPosition = 0;
        while (sourcePosition < sourceEnd && outPosition < rawLength) {
            int control = source[sourcePosition++] & 0xff;
            for (int bit = 0; bit < 8 && sourcePosition < sourceEnd && outPosition < rawLength; bit++) {
                if ((control & 1) != 0) {
                    if (sourcePosition + 1 >= sourceEnd) {
                        throw corrupt();
                    }
                    int first = source[sourcePosition] & 0xff;
                    int matchLength = (first & 0x0f) + 3;
                    int offset = ((first & 0xf0) << 4) | (source[sourcePosition + 1] & 0xff);
                    sourcePosition += 2;
                    if (matchLength == 18) {
                        if (sourcePosition >= sourceEnd) {
                            throw corrupt();
                        }
                        matchLength += source[sourcePosition++] & 0xff;
                    }
                    if (offset == 0 || offset > outPosition) {
                        throw corrupt();
                    }
                    matchLength = Math.min(matchLength, rawLength - outPosition);
                    for (int i = 0; i < matchLength; i++) {
                        out[outPosition] = out[outPosition - offset];
                        outPosition++;
                    }
                } else {
                    out[outPosition++] = source[sourcePosition++];
                }
                control >>>= 1;
            }
        }
        if (outPosition != rawLength || sourcePosition != sourceEnd) {
            throw corrupt();
        }
        return out;
    }

    private static org.woolly.utils.error.SqlException corrupt() {
        return new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.DATA_CORRUPTED,
                "compressed pglz data is corrupt");
    }
}
