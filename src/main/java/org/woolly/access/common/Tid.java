package org.woolly.access.common;

/**
 * A tuple identifier (ctid): block number and 1-based line pointer offset within the page.
 * Counterpart of {@code ItemPointerData}: heap and index access methods both name rows by it. Text form {@code (block,offset)}.
 */
public record Tid(int block, int offset) {
    @Override
    public String toString() {
        return "(" + Integer.toUnsignedString(block) + "," + offset + ")";
    }
}
