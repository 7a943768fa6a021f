package org.woolly.pgstat;

/**
 * One backend's running buffer and WAL counters: PostgreSQL's {@code pgBufferUsage} and
 * {@code pgWalUsage} ({@code BufferUsage} and {@code WalUsage} of {@code executor/instrument.c}).
 * Each thread has its own, counted where the work happens (the buffer manager, temporary files,
 * WAL insertion) with plain increments, no shared write on the hot path; pg_stat_statements and
 * EXPLAIN (BUFFERS, WAL) take a {@link #snapshot} before and after and keep the difference
 * ({@code BufferUsageAccumDiff}). The counters only grow; nothing resets them.
 *
 * <p>{@link #timeIo} is the backend's {@code track_io_timing}: the session sets it at each
 * statement, and the buffer manager times its reads and writes only when it is on.
 */
public final class ResourceUsage {
    private static final ThreadLocal<ResourceUsage> CURRENT = ThreadLocal.withInitial(ResourceUsage::new);

    public long sharedHit;
    public long sharedRead;
    public long sharedDirtied;
    public long sharedWritten;
    public long localHit;
    public long localRead;
    public long localDirtied;
    public long localWritten;
    public long tempRead;
    public long tempWritten;
    public long readNanos;
    public long writeNanos;
    public long walRecords;
    public long walFullPageImages;
    public long walBytes;
    /** {@code track_io_timing} of the backend this thread runs. */
    public boolean timeIo;

    /** The calling thread's counters. */
    public static ResourceUsage current() {
        return CURRENT.get();
    }

    /** The counters at this moment, or the difference of two such moments. */
    public record Counts(long sharedHit, long sharedRead, long sharedDirtied, long sharedWritten, long localHit,
                         long localRead, long localDirtied, long localWritten, long tempRead, long tempWritten,
                         long readNanos, long writeNanos, long walRecords, long walFullPageImages,
                         long walBytes) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** What was counted between {@code before} and this ({@code BufferUsageAccumDiff}, {@code WalUsageAccumDiff}). */
        public Counts minus(Counts before) {
            return new Counts(sharedHit - before.sharedHit, sharedRead - before.sharedRead,
                    sharedDirtied - before.sharedDirtied, sharedWritten - before.sharedWritten,
                    localHit - before.localHit, localRead - before.localRead, localDirtied - before.localDirtied,
                    localWritten - before.localWritten, tempRead - before.tempRead,
                    tempWritten - before.tempWritten, readNanos - before.readNanos,
                    writeNanos - before.writeNanos, walRecords - before.walRecords,
                    walFullPageImages - before.walFullPageImages, walBytes - before.walBytes);
        }

        /** The sum of two counts ({@code BufferUsageAdd}): a parallel worker's added to the leader's. */
        public Counts plus(Counts other) {
            return new Counts(sharedHit + other.sharedHit, sharedRead + other.sharedRead,
                    sharedDirtied + other.sharedDirtied, sharedWritten + other.sharedWritten,
                    localHit + other.localHit, localRead + other.localRead, localDirtied + other.localDirtied,
                    localWritten + other.localWritten, tempRead + other.tempRead,
                    tempWritten + other.tempWritten, readNanos + other.readNanos,
                    writeNanos + other.writeNanos, walRecords + other.walRecords,
                    walFullPageImages + other.walFullPageImages, walBytes + other.walBytes);
        }

        /** Whether any buffer counter is non-zero (EXPLAIN prints the Buffers line only then). */
        public boolean anyBuffers() {
            return sharedHit + sharedRead + sharedDirtied + sharedWritten + localHit + localRead + localDirtied
                    + localWritten + tempRead + tempWritten > 0;
        }
    }

    /** The counters now. */
    public Counts snapshot() {
        return new Counts(sharedHit, sharedRead, sharedDirtied, sharedWritten, localHit, localRead, localDirtied,
                localWritten, tempRead, tempWritten, readNanos, writeNanos, walRecords, walFullPageImages, walBytes);
    }

    /** Adds counts done elsewhere for this backend (a parallel worker's, {@code InstrAccumParallelQuery}). */
    public void add(Counts counts) {
        sharedHit += counts.sharedHit();
        sharedRead += counts.sharedRead();
        sharedDirtied += counts.sharedDirtied();
        sharedWritten += counts.sharedWritten();
        localHit += counts.localHit();
        localRead += counts.localRead();
        localDirtied += counts.localDirtied();
        localWritten += counts.localWritten();
        tempRead += counts.tempRead();
        tempWritten += counts.tempWritten();
        readNanos += counts.readNanos();
        writeNanos += counts.writeNanos();
        walRecords += counts.walRecords();
        walFullPageImages += counts.walFullPageImages();
        walBytes += counts.walBytes();
    }

    /** One WAL record this backend inserted ({@code XLogInsertRecord}'s pgWalUsage update). */
    public void walInserted(long length, int images) {
        walRecords++;
        walBytes += length;
        walFullPageImages += images;
    }
}
