package org.woolly.access.heap;

/** A sequential scan returning the tuples visible to its snapshot, in physical order. */
public interface HeapScan extends AutoCloseable {

    /** The next visible tuple, or null at the end. */
    HeapTuple next();

    /**
     * Page mode without a copy per tuple ({@code heapgettup_pagemode} with the tuple left in the
     * page): moves to the next visible tuple, false at the end. Its body is then
     * {@link #bodyLength()} bytes of {@link #bodyData()} from {@link #bodyStart()}, valid until
     * the next call. Not to be mixed with {@link #next()} in one scan.
     */
    boolean advance();

    /** The TID of the tuple {@link #advance()} moved to last (for WHERE CURRENT OF; allocates). */
    org.woolly.access.common.Tid currentTid();

    /** The array holding the current tuple's body (a copy of its page taken under the share lock). */
    byte[] bodyData();

    /** Where the current tuple's body starts in {@link #bodyData()}. */
    int bodyStart();

    /** The current tuple's body length. */
    int bodyLength();

    @Override
    void close();
}
