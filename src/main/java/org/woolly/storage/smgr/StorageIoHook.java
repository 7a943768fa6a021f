package org.woolly.storage.smgr;

import java.io.IOException;

/**
 * A fault-injection seam of {@link StorageManager} for tests: called just before a block is
 * written and just before a segment is fsynced, it may block (to park a backend inside its
 * write) or throw (to simulate a failing disk). Production code installs none. PostgreSQL
 * tests such paths with injection points; this is the same idea, reduced to two calls.
 */
public interface StorageIoHook {

    /** Before the bytes of {@code block} reach the file; an IOException fails the write as EIO would. */
    default void beforeWrite(RelFileLocator relation, ForkNumber fork, int block) throws IOException {
    }

    /** Before the segment at {@code path} (as PostgreSQL prints it) is fsynced; an IOException fails the fsync. */
    default void beforeSync(String path) throws IOException {
    }
}
