package org.woolly.access.transam;

import java.time.Duration;

/**
 * The storage GUCs fixed at server start: shared_buffers (in 8 KB pages), fsync,
 * synchronous_commit, full_page_writes and deadlock_timeout (their PostgreSQL definitions are
 * in {@code src/backend/utils/misc/guc_tables.c}).
 */
public record StorageOptions(int sharedBuffers, boolean fsync, boolean synchronousCommit, boolean fullPageWrites,
                             Duration deadlockTimeout) {

    /** PostgreSQL's defaults: 128MB of buffers, fsync, synchronous commit and full-page writes on, 1s. */
    public static StorageOptions defaults() {
        return new StorageOptions(16384, true, true, true, Duration.ofSeconds(1));
    }

    public StorageOptions withSharedBuffers(int pages) {
        return new StorageOptions(pages, fsync, synchronousCommit, fullPageWrites, deadlockTimeout);
    }

    public StorageOptions withFsync(boolean on) {
        return new StorageOptions(sharedBuffers, on, synchronousCommit, fullPageWrites, deadlockTimeout);
    }

    public StorageOptions withDeadlockTimeout(Duration timeout) {
        return new StorageOptions(sharedBuffers, fsync, synchronousCommit, fullPageWrites, timeout);
    }

    public StorageOptions withSynchronousCommit(boolean on) {
        return new StorageOptions(sharedBuffers, fsync, on, fullPageWrites, deadlockTimeout);
    }

    public StorageOptions withFullPageWrites(boolean on) {
        return new StorageOptions(sharedBuffers, fsync, synchronousCommit, on, deadlockTimeout);
    }
}
