package org.woolly.access.heap;

/** A sequential scan returning the tuples visible to its snapshot, in physical order. */
public interface HeapScan extends AutoCloseable {

    /** The next visible tuple, or null at the end. */
    HeapTuple next();

    @Override
    void close();
}
