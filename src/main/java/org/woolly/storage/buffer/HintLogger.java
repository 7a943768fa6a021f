package org.woolly.storage.buffer;

import java.util.function.Supplier;

/**
 * How the buffer pool WAL-logs a hint-bit change without depending on the WAL code: the
 * storage side passes an implementation that writes a full-page image record. Counterpart of
 * {@code XLogSaveBufferForHint} ({@code xloginsert.c}), called from {@code MarkBufferDirtyHint}.
 */
@FunctionalInterface
public interface HintLogger {

    /** Logs nothing: for pools whose torn pages do not matter (tests, tools). */
    HintLogger NONE = (tag, pageLsn, pageImage) -> 0;

    /**
     * If a page whose LSN is {@code pageLsn} has not been WAL-logged since the last
     * checkpoint's redo point, logs its image, taken with
     * {@code pageImage} only then, and returns the record's end LSN; otherwise returns 0.
     */
    long logHintImage(BufferTag tag, long pageLsn, Supplier<byte[]> pageImage);
}
