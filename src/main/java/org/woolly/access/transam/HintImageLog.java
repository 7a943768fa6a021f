package org.woolly.access.transam;

import java.util.function.Supplier;
import org.woolly.storage.buffer.BufferTag;
import org.woolly.storage.buffer.HintLogger;

/**
 * WAL-logs the image of a page whose first change since the checkpoint's redo point is a hint
 * bit, so a torn write of that hint-only page (checksums are always on) is repaired by crash
 * recovery instead of failing with XX001. Counterpart of {@code XLogSaveBufferForHint}
 * ({@code xloginsert.c}) writing {@code XLOG_FPI_FOR_HINT}; PostgreSQL forces this
 * ({@code wal_log_hints}) whenever data checksums are enabled.
 */
final class HintImageLog implements HintLogger {
    private final Wal wal;

    HintImageLog(Wal wal) {
        this.wal = wal;
    }

    @Override
    public long logHintImage(BufferTag tag, long pageLsn, Supplier<byte[]> pageImage) {
        while (true) {
            long redo = wal.redoPointer();
            // as PostgreSQL (REGBUF_FORCE_IMAGE), whatever full_page_writes says: checksums need it
            if (pageLsn > redo) {
                return 0;
            }
            // the pool's checkpoint interlock keeps the redo pointer still; RETRY is only a safety net
            long lsn = wal.insert(TransactionRecords.fullPageImageForHint(
                    new BlockReference(tag.relation(), tag.fork(), tag.blockNumber(), false, pageImage.get(), null)),
                    redo);
            if (lsn != Wal.RETRY) {
                return lsn;
            }
        }
    }
}
