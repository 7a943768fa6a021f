package org.woolly.access.heap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.woolly.access.transam.Wal;
import org.woolly.access.transam.WalRecord;

/** An in-memory WAL for tests: keeps records with their end LSNs; full-page images on request. */
final class FakeWal implements Wal {
    record Logged(WalRecord record, long endLsn) {}

    final List<Logged> records = new CopyOnWriteArrayList<>();
    private final AtomicLong nextLsn = new AtomicLong(1000);
    volatile long redoPointLsn;
    volatile long flushedLsn;

    /** When set, the next insert throws it (a full or broken WAL disk, or an Error such as OutOfMemoryError). */
    volatile Throwable failure;

    @Override
    public long insert(WalRecord record) {
        if (failure instanceof RuntimeException exception) {
            throw exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        long end = nextLsn.addAndGet(100);
        records.add(new Logged(record, end));
        return end;
    }

    @Override
    public void flush(long lsn) {
        flushedLsn = Math.max(flushedLsn, lsn);
    }

    @Override
    public long insert(WalRecord record, long redoPointer) {
        return redoPointer != redoPointLsn ? RETRY : insert(record);
    }

    @Override
    public long redoPointer() {
        return redoPointLsn;
    }

    @Override
    public boolean needsFullPageImage(long pageLsn, long redoPointer) {
        return pageLsn <= redoPointer;
    }

    /** Pretends a checkpoint started now: the next change of every page logs a full image. */
    void checkpoint() {
        redoPointLsn = nextLsn.get();
    }
}
