package org.woolly.access.transam;

import org.woolly.storage.smgr.RelFileLocator;

/**
 * What transactions and redo need from the storage layer to create and remove a relation's
 * files: {@code create} makes the main fork (idempotent); {@code drop} discards its buffers and
 * unlinks every fork (idempotent). {@link StorageStartup} backs it with the StorageManager and
 * BufferPool; tests use a fake.
 */
public interface RelationFileOperations {

    void create(RelFileLocator relation);

    void drop(RelFileLocator relation);
}
