package org.woolly.access.transam;

/**
 * Writing the write-ahead log: the seam used by every WAL-logged change. A change is made to a
 * page under its exclusive content lock, then logged with {@link #insert}, and the page's LSN
 * set to the returned value; the buffer pool calls {@link #flush} with a page's LSN before it
 * writes that page (the WAL rule). Counterpart of {@code XLogInsert}/{@code XLogFlush} in
 * {@code xlog.c}/{@code xloginsert.c}. Thread-safe.
 */
public interface Wal {

    /** Returned by {@link #insert(WalRecord, long)} when the record must be built again. */
    long RETRY = 0;

    /** Appends a record that touches no page (or only with full-page images) to the WAL buffers; returns the LSN just past its end. */
    long insert(WalRecord record);

    /**
     * Appends a record whose full-page-image decisions were made with {@link #needsFullPageImage}
     * against {@code redoPointer} (read with {@link #redoPointer()} while the pages were locked).
     * If a checkpoint has moved the redo pointer since, and full-page writes are on, nothing is
     * inserted and {@link #RETRY} returned: the caller decides again and builds the record again,
     * still holding its page locks ({@code XLogInsertRecord} returning {@code InvalidXLogRecPtr}).
     * Otherwise returns the LSN just past the record's end.
     */
    long insert(WalRecord record, long redoPointer);

    /** The redo pointer of the latest checkpoint: pages not changed since need a full-page image ({@code GetRedoRecPtr}). */
    long redoPointer();

    /** Makes the WAL durable up to at least {@code lsn} (fsync unless fsync=off). */
    void flush(long lsn);

    /**
     * Whether a change to a page whose LSN is {@code pageLsn} must log a full-page image: true
     * when full_page_writes is on and the page has not been changed since the last checkpoint's
     * redo point.
     */
    boolean needsFullPageImage(long pageLsn, long redoPointer);
}
