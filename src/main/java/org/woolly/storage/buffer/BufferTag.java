package org.woolly.storage.buffer;

import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * Which page a buffer holds: the buffer table's key ({@code BufferTag} in {@code buf_internals.h}).
 * Every buffer access hashes and compares one, so equality and hash are written out field by
 * field (JFR showed the record's generated, method-handle based ones at 7% of a point lookup).
 */
public record BufferTag(RelFileLocator relation, ForkNumber fork, int blockNumber) {
    @Override
    public boolean equals(Object other) {
        return other instanceof BufferTag tag && blockNumber == tag.blockNumber && fork == tag.fork
                && relation.equals(tag.relation);
    }

    @Override
    public int hashCode() {
        return (relation.hashCode() * 31 + fork.ordinal()) * 31 + blockNumber;
    }
}
