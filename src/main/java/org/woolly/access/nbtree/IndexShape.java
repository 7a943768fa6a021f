package org.woolly.access.nbtree;

import java.util.List;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * What the B-tree needs to know of one index ({@code pg_index} with its column types): where
 * its file is, the types of its columns (key columns first, then INCLUDE columns, which are
 * stored but never compared), and the ordering options of each key column
 * ({@code indoption}: DESC, NULLS FIRST).
 *
 * @param name            the index's name, for messages
 * @param columnTypeOids  one type OID per stored column (key columns, then INCLUDE columns)
 * @param keyColumns      how many leading columns are keys ({@code indnkeyatts})
 * @param descending      per key column
 * @param nullsFirst      per key column
 * @param fillFactor      percent of a leaf page CREATE INDEX fills ({@code fillfactor}, default 90)
 */
public record IndexShape(RelFileLocator locator, String name, List<Integer> columnTypeOids, int keyColumns,
                         List<Boolean> descending, List<Boolean> nullsFirst, boolean unique,
                         boolean nullsNotDistinct, int fillFactor) {
    /** B-tree's default leaf fill factor ({@code BTREE_DEFAULT_FILLFACTOR}). */
    public static final int DEFAULT_FILL_FACTOR = 90;

    /** An index with the default fill factor. */
    public IndexShape(RelFileLocator locator, String name, List<Integer> columnTypeOids, int keyColumns,
                      List<Boolean> descending, List<Boolean> nullsFirst, boolean unique, boolean nullsNotDistinct) {
        this(locator, name, columnTypeOids, keyColumns, descending, nullsFirst, unique, nullsNotDistinct,
                DEFAULT_FILL_FACTOR);
    }
}
