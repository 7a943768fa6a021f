package org.woolly.access.nbtree;

import org.woolly.access.common.Tid;

/**
 * One entry for {@link BTreeAccess#build}: the column values of a heap row and its TID.
 * {@code live} is false for a row version that is deleted but may still be visible to a running
 * snapshot: it is indexed but not checked for uniqueness ({@code HEAPTUPLE_RECENTLY_DEAD}).
 */
public record IndexEntry(Object[] values, Tid tid, boolean live) {}
