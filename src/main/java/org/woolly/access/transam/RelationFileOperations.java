package org.woolly.access.transam;

import org.woolly.storage.smgr.RelFileLocator;

/**
 * What transactions and redo need from the storage layer to create and remove a relation's
 * files: {@code create} makes the main fork (idempotent); {@code drop} discards its buffers and
 * unlinks every fork (idempotent); {@code truncate} cuts the main fork (VACUUM). {@link StorageStartup} backs it with the StorageManager and
 * BufferPool; tests use a fake.
 */
public interface RelationFileOperations {

    void create(RelFileLocator relation);

    void drop(RelFileLocator relation);

    /**
     * Cuts the main fork down to {@code blocks} blocks, dropping the buffers past the new end
     * unwritten; creates the fork first if it is missing, as {@code smgr_redo} does, so replaying
     * a truncation of a relation whose files a later drop removed works. Fakes that keep no
     * files ignore it.
     */
    default void truncate(RelFileLocator relation, int blocks) {
    }
}
