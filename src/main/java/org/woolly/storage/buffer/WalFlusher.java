package org.woolly.storage.buffer;

/**
 * How the buffer pool obeys the WAL rule without depending on the WAL code: before a dirty page
 * is written, the WAL is made durable up to that page's LSN. The server passes
 * {@code wal::flush}. Counterpart of the {@code XLogFlush} call in {@code FlushBuffer}.
 */
@FunctionalInterface
public interface WalFlusher {

    /** Makes the WAL durable up to at least {@code lsn}. */
    void flush(long lsn);
}
