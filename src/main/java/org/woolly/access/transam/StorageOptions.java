package org.woolly.access.transam;

import java.time.Duration;

/**
 * The storage GUCs fixed at server start: shared_buffers (in 8 KB pages), fsync,
 * synchronous_commit (the server's default; a session's own value is passed at each commit),
 * full_page_writes, deadlock_timeout and wal_buffers (8 KB pages, -1 for 1/32 of
 * shared_buffers) (their PostgreSQL definitions are in
 * {@code src/backend/utils/misc/guc_tables.c}).
 */
public record StorageOptions(int sharedBuffers, boolean fsync, boolean synchronousCommit, boolean fullPageWrites,
                             Duration deadlockTimeout, int walBuffers) {

    /** PostgreSQL's defaults: 128MB of buffers, fsync, synchronous commit and full-page writes on, 1s, automatic WAL buffers. */
    public static StorageOptions defaults() {
        return new StorageOptions(16384, true, true, true, Duration.ofSeconds(1), -1);
    }

    public StorageOptions withWalBuffers(int pages) {
        return new StorageOptions(sharedBuffers, fsync, synchronousCommit, fullPageWrites, deadlockTimeout, pages);
    }

    /** The WAL buffer size in bytes that wal_buffers and shared_buffers give. */
    public int walBufferBytes() {
        return WriteAheadLog.bufferBytes(walBuffers, sharedBuffers);
    }

    public StorageOptions withSharedBuffers(int pages) {
        return new StorageOptions(pages, fsync, synchronousCommit, fullPageWrites, deadlockTimeout, walBuffers);
    }

    public StorageOptions withFsync(boolean on) {
        return new StorageOptions(sharedBuffers, on, synchronousCommit, fullPageWrites, deadlockTimeout, walBuffers);
    }

    public StorageOptions withDeadlockTimeout(Duration timeout) {
        return new StorageOptions(sharedBuffers, fsync, synchronousCommit, fullPageWrites, timeout, walBuffers);
    }

    public StorageOptions withSynchronousCommit(boolean on) {
        return new StorageOptions(sharedBuffers, fsync, on, fullPageWrites, deadlockTimeout, walBuffers);
    }

    public StorageOptions withFullPageWrites(boolean on) {
        return new StorageOptions(sharedBuffers, fsync, synchronousCommit, on, deadlockTimeout, walBuffers);
    }
}
