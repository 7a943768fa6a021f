package org.woolly.access.nbtree;

import java.util.ArrayList;
import java.util.List;
import org.woolly.storage.page.Page;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The B-tree page format ({@code nbtree.h}): a slotted page whose special space holds
 * {@code BTPageOpaqueData} (left and right links, level, flags); items in key order; on every
 * page but the rightmost of its level, item 1 is the high key (Lehman and Yao's upper bound).
 * Block 0 is the metapage, whose item 1 names the root. The layout is in README.md.
 */
final class BTreePage {
    static final int SPECIAL_SIZE = 16;
    static final int SPECIAL_START = Page.SIZE - SPECIAL_SIZE;
    /** No page: block 0 is the metapage, never a sibling ({@code P_NONE}). */
    static final int NONE = 0;
    static final int METAPAGE = 0;

    static final int FLAG_LEAF = 0x1;
    static final int FLAG_ROOT = 0x2;
    /** Unlinked from its siblings and parent, waiting to be recycled ({@code BTP_DELETED}). */
    static final int FLAG_DELETED = 0x4;
    static final int FLAG_META = 0x8;
    /** Its downlink is gone but its siblings still link to it ({@code BTP_HALF_DEAD}): the first step of a deletion. */
    static final int FLAG_HALF_DEAD = 0x10;
    /** Size of a deleted page's one item, the safe XID ({@code BTDeletedPageData}). */
    static final int DELETED_ITEM_SIZE = 8;

    static final int META_MAGIC = 0x053162;
    static final int META_VERSION = 4;
    private static final int META_SIZE = 16;

    /** Room for items and their line pointers on an empty page. */
    static final int CAPACITY = SPECIAL_START - Page.HEADER_SIZE;

    private static final int PREV = SPECIAL_START;
    private static final int NEXT = SPECIAL_START + 4;
    private static final int LEVEL = SPECIAL_START + 8;
    private static final int FLAGS = SPECIAL_START + 12;

    private BTreePage() {}

    static int prev(Page page) {
        return Page.getInt(page.data(), PREV);
    }

    static int next(Page page) {
        return Page.getInt(page.data(), NEXT);
    }

    static int level(Page page) {
        return Page.getInt(page.data(), LEVEL);
    }

    static int flags(Page page) {
        return Page.getUnsignedShort(page.data(), FLAGS);
    }

    static boolean isLeaf(Page page) {
        return (flags(page) & FLAG_LEAF) != 0;
    }

    static boolean isDeleted(Page page) {
        return (flags(page) & FLAG_DELETED) != 0;
    }

    static boolean isHalfDead(Page page) {
        return (flags(page) & FLAG_HALF_DEAD) != 0;
    }

    /** A page searches and scans step over to its right sibling ({@code P_IGNORE}). */
    static boolean isIgnored(Page page) {
        return (flags(page) & (FLAG_DELETED | FLAG_HALF_DEAD)) != 0;
    }

    /**
     * A deleted page ({@code _bt_unlink_halfdead_page}): its links and level kept, so a search that
     * still reaches it can move right, and one item, the XID that every transaction which could
     * still be on its way to the page precedes ({@code safexid}).
     */
    static Page formatDeleted(Page page, long safeXid) {
        Page deleted = format(level(page), (flags(page) & FLAG_LEAF) | FLAG_DELETED, prev(page), next(page));
        byte[] item = new byte[DELETED_ITEM_SIZE];
        Page.putLong(item, 0, safeXid);
        deleted.addItem(item);
        return deleted;
    }

    /** The safe XID a deleted page records ({@code BTPageGetDeleteXid}). */
    static long safeXid(Page page) {
        return Page.getLong(page.item(1), 0);
    }

    static boolean isRightmost(Page page) {
        return next(page) == NONE;
    }

    /** Offset number of the first item that is not the high key ({@code P_FIRSTDATAKEY}). */
    static int firstData(Page page) {
        return isRightmost(page) ? 1 : 2;
    }

    static void setLinks(Page page, int prev, int next) {
        Page.putInt(page.data(), PREV, prev);
        Page.putInt(page.data(), NEXT, next);
    }

    static void setFlags(Page page, int flags) {
        Page.putShort(page.data(), FLAGS, flags);
    }

    /** Formats an empty B-tree page ({@code _bt_pageinit}) with its opaque data. */
    static Page format(int level, int flags, int prev, int next) {
        Page page = Page.wrap(new byte[Page.SIZE]);
        page.initialize(SPECIAL_SIZE);
        setLinks(page, prev, next);
        Page.putInt(page.data(), LEVEL, level);
        setFlags(page, flags);
        return page;
    }

    /** A page of the same opaque data as {@code template} (links possibly changed after) holding {@code items}. */
    static Page rebuilt(Page template, List<byte[]> items) {
        Page page = format(level(template), flags(template), prev(template), next(template));
        for (byte[] item : items) {
            if (page.addItem(item) == Page.INVALID_OFFSET_NUMBER) {
                throw new SqlException(SqlState.INTERNAL_ERROR, "failed to add item to the B-tree page");
            }
        }
        return page;
    }

    /** Whether one more item of {@code length} bytes fits (with its line pointer). */
    static boolean hasRoomFor(Page page, int length) {
        return page.freeSpace() >= Page.maxAlign(length);
    }

    /**
     * Inserts {@code item} as item {@code offset} in place, later line pointers moving up one
     * ({@code PageAddItem} with shuffle); the caller checked {@link #hasRoomFor}. Used by the
     * insert and by its redo, so both make the same bytes.
     */
    static void insertItem(Page page, int offset, byte[] item) {
        int max = page.maxOffsetNumber();
        if (offset < 1 || offset > max + 1) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "invalid B-tree insert offset " + offset);
        }
        if (page.addItem(item, 0, item.length, max + 1) == Page.INVALID_OFFSET_NUMBER) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "failed to add item to the B-tree page");
        }
        if (offset <= max) {
            byte[] data = page.data();
            int added = Page.getInt(data, linePointer(max + 1));
            System.arraycopy(data, linePointer(offset), data, linePointer(offset + 1), (max - offset + 1) * Page.LINE_POINTER_SIZE);
            Page.putInt(data, linePointer(offset), added);
        }
    }

    private static int linePointer(int offset) {
        return Page.HEADER_SIZE + (offset - 1) * Page.LINE_POINTER_SIZE;
    }

    static List<byte[]> items(Page page) {
        int count = page.maxOffsetNumber();
        List<byte[]> items = new ArrayList<>(count + 1);
        for (int offset = 1; offset <= count; offset++) {
            items.add(page.item(offset));
        }
        return items;
    }

    /** Bytes the items take with their line pointers. */
    static int spaceFor(List<byte[]> items) {
        int total = 0;
        for (byte[] item : items) {
            total += spaceFor(item);
        }
        return total;
    }

    static int spaceFor(byte[] item) {
        return Page.maxAlign(item.length) + Page.LINE_POINTER_SIZE;
    }

    static boolean fits(List<byte[]> items) {
        return spaceFor(items) <= CAPACITY;
    }

    /** Root block and its level, as the metapage records them. */
    record Meta(int root, int level) {}

    static Page formatMeta(int root, int level) {
        Page page = format(0, FLAG_META, NONE, NONE);
        byte[] meta = new byte[META_SIZE];
        Page.putInt(meta, 0, META_MAGIC);
        Page.putInt(meta, 4, META_VERSION);
        Page.putInt(meta, 8, root);
        Page.putInt(meta, 12, level);
        page.addItem(meta);
        return page;
    }

    static Meta meta(Page page, String indexName) {
        if ((flags(page) & FLAG_META) == 0 || page.maxOffsetNumber() < 1 || page.itemLength(1) != META_SIZE) {
            throw new SqlException(SqlState.INDEX_CORRUPTED, "index \"" + indexName + "\" is not a btree");
        }
        byte[] meta = page.item(1);
        if (Page.getInt(meta, 0) != META_MAGIC) {
            throw new SqlException(SqlState.INDEX_CORRUPTED, "index \"" + indexName + "\" is not a btree");
        }
        if (Page.getInt(meta, 4) != META_VERSION) {
            throw new SqlException(SqlState.INDEX_CORRUPTED, String.format(
                    "version mismatch in index \"%s\": file version %d, current version %d, minimal supported version %d",
                    indexName, Page.getInt(meta, 4), META_VERSION, META_VERSION));
        }
        return new Meta(Page.getInt(meta, 8), Page.getInt(meta, 12));
    }

    /** Whether the links stay below {@code blockCount} (else the caller looks at the size again before judging). */
    static boolean isSane(Page page, long blockCount) {
        return Integer.toUnsignedLong(next(page)) < blockCount && Integer.toUnsignedLong(prev(page)) < blockCount;
    }

    /**
     * Checks what the search relies on before a page is used ({@code _bt_checkpage}): a zero
     * page, a special space of the wrong size or links past the end is XX002. The items are
     * checked by {@link #checkItems}, or one by one as they are read.
     */
    static void check(Page page, int block, String indexName, long blockCount) {
        if (page.isNew()) {
            throw new SqlException(SqlState.INDEX_CORRUPTED, String.format(
                    "index \"%s\" contains unexpected zero page at block %d", indexName, block))
                    .withHint("Please REINDEX it.");
        }
        if (page.special() != SPECIAL_START || page.maxOffsetNumber() > CAPACITY / Page.LINE_POINTER_SIZE
                || !isSane(page, blockCount)) {
            throw corruptedPage(indexName, block);
        }
    }

    /** Checks every line pointer of a page {@link #check} passed: a normal item between the free space and the special space. */
    static void checkItems(Page page, int block, String indexName) {
        for (int offset = 1; offset <= page.maxOffsetNumber(); offset++) {
            if (!itemInBounds(page, offset)) {
                throw corruptedPage(indexName, block);
            }
        }
    }

    static boolean itemInBounds(Page page, int offset) {
        int start = page.itemOffset(offset);
        int length = page.itemLength(offset);
        return page.itemFlags(offset) == Page.LP_NORMAL && start >= page.upper() && start + length <= SPECIAL_START
                && length >= (isDeleted(page) ? DELETED_ITEM_SIZE : KeyLayout.HEADER_SIZE);
    }

    static SqlException corruptedPage(String indexName, int block) {
        return new SqlException(SqlState.INDEX_CORRUPTED, String.format(
                "index \"%s\" contains corrupted page at block %d", indexName, block))
                .withHint("Please REINDEX it.");
    }
}
