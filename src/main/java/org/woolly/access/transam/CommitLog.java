package org.woolly.access.transam;

import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.woolly.storage.ipc.PanicState;
import org.woolly.utils.error.SqlState;

/**
 * The commit log ({@code pg_xact}): two bits of status per XID in 8 KB pages, 32 pages per
 * segment file named by its number in hex ({@code 0000}, {@code 0001}, ...). Pages are kept in
 * a small LRU cache (SLRU-like); a dirty page is written when evicted and at checkpoint, and
 * before a page is written the WAL is flushed up to the newest commit record that set a status
 * on it (the WAL rule, as {@code group_lsn} does in PostgreSQL). XIDs are 64-bit: no wraparound;
 * segments wholly below the frozen-XID horizon are removed ({@link #truncate}, PostgreSQL's
 * {@code TruncateCLOG}), and a status asked below the oldest kept segment is an error, as a
 * lookup of a truncated XID is in PostgreSQL.
 *
 * <p>The pages are cached and written by {@link SimpleLru}.
 * Counterpart of {@code src/backend/access/transam/clog.c}.
 */
public final class CommitLog {
    public static final int PAGE_SIZE = SimpleLru.PAGE_SIZE;
    public static final int XIDS_PER_PAGE = PAGE_SIZE * 4;
    public static final int PAGES_PER_SEGMENT = SimpleLru.PAGES_PER_SEGMENT;

    static final int STATUS_IN_PROGRESS = 0b00;
    static final int STATUS_COMMITTED = 0b01;
    static final int STATUS_ABORTED = 0b10;

    private final SimpleLru pages;

    /** XIDs per segment file: 32 pages of 32768. */
    public static final long XIDS_PER_SEGMENT = (long) XIDS_PER_PAGE * PAGES_PER_SEGMENT;

    /** {@code walFlusher} flushes the WAL up to an LSN before a page carrying that commit is written. */
    public CommitLog(Path directory, int cachePages, LongConsumer walFlusher, boolean fsync, PanicState panicState) {
        this(directory, cachePages, walFlusher, fsync, panicState, SegmentFiles.DEFAULT);
    }

    CommitLog(Path directory, int cachePages, LongConsumer walFlusher, boolean fsync, PanicState panicState,
              SegmentFiles segmentFiles) {
        this.pages = new SimpleLru("commit log", directory, cachePages, walFlusher, fsync, panicState, segmentFiles);
    }

    /** The lowest segment whose statuses are kept: every XID below its first is truncated away. */
    public long oldestSegment() {
        return pages.oldestSegment();
    }

    /**
     * Removes the segments below {@code keepFrom} ({@code TruncateCLOG}): the caller has made the
     * truncation durable in the WAL first (CLOG_TRUNCATE) and no XID in them can be asked for any
     * more (they are all below every database's datfrozenxid and every running transaction).
     * Returns the segments removed.
     */
    public int truncate(long keepFrom) {
        return pages.truncate(keepFrom);
    }

    public XidStatus get(long xid) {
        if (xid / XIDS_PER_SEGMENT < pages.oldestSegment()) {
            // SlruReportIOError(SLRU_OPEN_FAILED): the segment is gone, nobody may ask for it
            throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.Severity.ERROR,
                    SqlState.UNDEFINED_FILE, "could not access status of transaction " + xid,
                    "Could not open file \"pg_xact/%04X\": No such file or directory.".formatted(
                            xid / XIDS_PER_SEGMENT), null, 0, null);
        }
        int bits = pages.read(xid / XIDS_PER_PAGE, bytes -> (bytes[byteIndex(xid)] >> shift(xid)) & 0b11);
        return switch (bits) {
            case STATUS_COMMITTED -> XidStatus.COMMITTED;
            case STATUS_ABORTED -> XidStatus.ABORTED;
            default -> XidStatus.IN_PROGRESS;
        };
    }

    /** Records a final status; {@code lsn} is the end of the WAL record that decided it (0 if none need be flushed). */
    public void set(long xid, XidStatus status, long lsn) {
        int bits = switch (status) {
            case COMMITTED -> STATUS_COMMITTED;
            case ABORTED -> STATUS_ABORTED;
            case IN_PROGRESS -> STATUS_IN_PROGRESS;
        };
        int index = byteIndex(xid);
        int shift = shift(xid);
        pages.update(xid / XIDS_PER_PAGE, lsn,
                bytes -> bytes[index] = (byte) ((bytes[index] & ~(0b11 << shift)) | (bits << shift)));
    }

    /** The checkpoint's part: every dirty page written, then the files fsynced ({@code CheckPointCLOG}). */
    public void flush() {
        pages.flush();
    }

    private static int byteIndex(long xid) {
        return (int) ((xid % XIDS_PER_PAGE) / 4);
    }

    private static int shift(long xid) {
        return (int) (xid % 4) * 2;
    }
}
