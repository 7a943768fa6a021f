package org.woolly.access.transam;

/**
 * Writing the write-ahead log: the seam used by every WAL-logged change. A change is made to a
 * page under its exclusive content lock, then logged with {@link #insert}, and the page's LSN
 * set to the returned value; the buffer pool calls {@link #flush} with a page's LSN before it
 * writes that page (the WAL rule). Counterpart of {@code XLogInsert}/{@code XLogFlush} in
 * {@code xlog.c}/{@code xloginsert.c}. Thread-safe.
 */
public interface Wal {

    /** Appends a record to the WAL buffers; returns the LSN just past its end. */
    long insert(WalRecord record);

    /** Makes the WAL durable up to at least {@code lsn} (fsync unless fsync=off). */
    void flush(long lsn);

    /**
     * Whether a change to a page whose LSN is {@code pageLsn} must log a full-page image: true
     * when full_page_writes is on and the page has not been changed since the last checkpoint's
     * redo point.
     */
    boolean needsFullPageImage(long pageLsn);
}
