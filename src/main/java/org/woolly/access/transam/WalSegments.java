package org.woolly.access.transam;

import java.nio.file.Path;

/**
 * WAL segment geometry and naming: 16 MB segments, named like PostgreSQL's
 * ({@code TTTTTTTTXXXXXXXXYYYYYYYY}: timeline, then segment number / 256 and segment number % 256).
 * Counterpart of {@code XLogFileName} in {@code src/include/access/xlog_internal.h}.
 */
public final class WalSegments {
    public static final int SEGMENT_SIZE = 16 * 1024 * 1024;
    public static final int TIMELINE = 1;
    /** Segments per 4 GB "xlogid", the middle part of a segment file name. */
    private static final long SEGMENTS_PER_XLOG_ID = 0x1_0000_0000L / SEGMENT_SIZE;
    /** The first record goes at the start of segment 1, so LSN 0 stays "invalid" as in PostgreSQL. */
    public static final long FIRST_LSN = SEGMENT_SIZE;
    public static final long INVALID_LSN = 0;

    private WalSegments() {}

    public static long segmentOf(long lsn) {
        return lsn / SEGMENT_SIZE;
    }

    public static long segmentStart(long segment) {
        return segment * SEGMENT_SIZE;
    }

    public static String fileName(long segment) {
        return String.format("%08X%08X%08X", TIMELINE, segment / SEGMENTS_PER_XLOG_ID, segment % SEGMENTS_PER_XLOG_ID);
    }

    /** The segment number of a segment file name, or -1 if the name is not one. */
    public static long parseFileName(String name) {
        if (name.length() != 24 || !name.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return -1;
        }
        long high = Long.parseLong(name.substring(8, 16), 16);
        long low = Long.parseLong(name.substring(16, 24), 16);
        return high * SEGMENTS_PER_XLOG_ID + low;
    }

    public static Path path(Path walDirectory, long segment) {
        return walDirectory.resolve(fileName(segment));
    }

    /** Formats an LSN as PostgreSQL does ({@code 0/16B3D48}). */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
    }
}
