package org.woolly.access.transam;

import org.woolly.storage.buffer.BufferPool;

/**
 * Something plugged into the storage when it opens, before recovery: an access method with its
 * WAL resource manager (the heap, later the B-tree, sequences, the visibility map). PostgreSQL
 * lists these in {@code rmgrlist.h} and {@code pg_am}; here the composition root passes the list
 * to {@link StorageStartup#open}, so adding one never edits this package.
 */
@FunctionalInterface
public interface StorageModule {

    /** Builds the module over the opened services and registers what it provides. */
    void install(Context context);

    /** What a module is built on and where it registers. */
    record Context(BufferPool bufferPool, Wal wal, TransactionManager transactions,
                   ResourceManagerRegistry resourceManagers, AccessMethodRegistry accessMethods) {}
}
