package org.woolly.access.nbtree;

import org.woolly.access.common.Tid;

/**
 * A scan started by {@link BTreeAccess#beginScan}. Holds no buffer lock between calls
 * ({@code _bt_steppage} keeps the matching entries of one page and its right link), so it runs
 * concurrently with inserts and splits and never misses or repeats an entry that existed when
 * it started. Not thread-safe; close it when done.
 */
public interface IndexScan extends AutoCloseable {

    /** The next matching entry's heap TID, or null at the end. */
    Tid next();

    /** The column values of the entry last returned by {@link #next} (for index-only scans). */
    Object[] values();

    @Override
    void close();
}
