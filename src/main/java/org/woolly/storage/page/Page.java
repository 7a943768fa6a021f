package org.woolly.storage.page;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * An 8 KB slotted page viewed in place over a {@code byte[]} (never copied): header, line
 * pointers growing down from the header, items growing up from the end, optional special space.
 * Counterpart of {@code src/backend/storage/page/bufpage.c} and {@code bufpage.h}/{@code itemid.h};
 * the exact layout is in this package's README.md. Not thread-safe: the caller holds the
 * buffer's content lock (share to read, exclusive to change).
 */
public final class Page {
    public static final int SIZE = 8192;
    public static final int LAYOUT_VERSION = 4;
    public static final int MAXIMUM_ALIGNMENT = 8;

    static final int LSN_OFFSET = 0;
    static final int CHECKSUM_OFFSET = 8;
    static final int FLAGS_OFFSET = 10;
    static final int LOWER_OFFSET = 12;
    static final int UPPER_OFFSET = 14;
    static final int SPECIAL_OFFSET = 16;
    static final int SIZE_VERSION_OFFSET = 18;
    static final int PRUNE_XID_OFFSET = 20;
    /** Size of the page header; the first line pointer starts here. */
    public static final int HEADER_SIZE = 28;
    /** Size of one line pointer ({@code ItemIdData}). */
    public static final int LINE_POINTER_SIZE = 4;
    /** Line pointer offsets are 1-based; 0 means "none" ({@code InvalidOffsetNumber}). */
    public static final int INVALID_OFFSET_NUMBER = 0;

    /** Page flag: some line pointers are LP_UNUSED ({@code PD_HAS_FREE_LINES}). */
    public static final int FLAG_HAS_FREE_LINES = 0x0001;
    /** Page flag: not enough room for a new tuple last time we looked ({@code PD_PAGE_FULL}). */
    public static final int FLAG_PAGE_FULL = 0x0002;
    /** Page flag: all tuples visible to everyone ({@code PD_ALL_VISIBLE}). */
    public static final int FLAG_ALL_VISIBLE = 0x0004;

    /** Line pointer state: free for reuse. */
    public static final int LP_UNUSED = 0;
    /** Line pointer state: points at a tuple. */
    public static final int LP_NORMAL = 1;
    /** Line pointer state: HOT redirect to another line pointer (offset field). */
    public static final int LP_REDIRECT = 2;
    /** Line pointer state: dead, storage may already be reclaimed. */
    public static final int LP_DEAD = 3;

    private static final int FIFTEEN_BITS = 0x7FFF;
    private static final int LENGTH_SHIFT = 17;
    private static final int FLAGS_SHIFT = 15;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] data;

    private Page(byte[] data) {
        if (data.length != SIZE) {
            throw new IllegalArgumentException("page buffer must be " + SIZE + " bytes, got " + data.length);
        }
        this.data = data;
    }

    /** A view of {@code data} as a page; changes go straight to the array. */
    public static Page wrap(byte[] data) {
        return new Page(data);
    }

    public byte[] data() {
        return data;
    }

    /** Formats an empty page with {@code specialSize} bytes of special space ({@code PageInit}). */
    public void initialize(int specialSize) {
        int alignedSpecial = maxAlign(specialSize);
        Arrays.fill(data, (byte) 0);
        setShort(LOWER_OFFSET, HEADER_SIZE);
        setShort(UPPER_OFFSET, SIZE - alignedSpecial);
        setShort(SPECIAL_OFFSET, SIZE - alignedSpecial);
        setShort(SIZE_VERSION_OFFSET, SIZE | LAYOUT_VERSION);
    }

    /** A never-initialized page (all zeros as read from a hole or a fresh extension). */
    public boolean isNew() {
        return upper() == 0;
    }

    public long lsn() {
        return (long) LONG.get(data, LSN_OFFSET);
    }

    public void setLsn(long lsn) {
        LONG.set(data, LSN_OFFSET, lsn);
    }

    public int checksum() {
        return getShort(CHECKSUM_OFFSET);
    }

    public int flags() {
        return getShort(FLAGS_OFFSET);
    }

    public void setFlags(int flags) {
        setShort(FLAGS_OFFSET, flags);
    }

    public int lower() {
        return getShort(LOWER_OFFSET);
    }

    public int upper() {
        return getShort(UPPER_OFFSET);
    }

    public int special() {
        return getShort(SPECIAL_OFFSET);
    }

    public int pageSize() {
        return getShort(SIZE_VERSION_OFFSET) & 0xFF00;
    }

    public int layoutVersion() {
        return getShort(SIZE_VERSION_OFFSET) & 0x00FF;
    }

    /** Oldest XID that may be prunable on this page, 0 if none ({@code pd_prune_xid}, 64-bit here). */
    public long pruneXid() {
        return (long) LONG.get(data, PRUNE_XID_OFFSET);
    }

    public void setPruneXid(long xid) {
        LONG.set(data, PRUNE_XID_OFFSET, xid);
    }

    /** Number of line pointers, i.e. the highest offset number in use ({@code PageGetMaxOffsetNumber}). */
    public int maxOffsetNumber() {
        int lower = lower();
        return lower <= HEADER_SIZE ? 0 : (lower - HEADER_SIZE) / LINE_POINTER_SIZE;
    }

    private int lineRaw(int offsetNumber) {
        checkOffsetNumber(offsetNumber);
        return (int) INT.get(data, linePointerPosition(offsetNumber));
    }

    private static int linePointerPosition(int offsetNumber) {
        return HEADER_SIZE + (offsetNumber - 1) * LINE_POINTER_SIZE;
    }

    private void checkOffsetNumber(int offsetNumber) {
        if (offsetNumber < 1 || offsetNumber > maxOffsetNumber()) {
            throw new IllegalArgumentException("offset number " + offsetNumber + " out of range 1.." + maxOffsetNumber());
        }
    }

    /** Packs a line pointer: offset in bits 0-14, flags 15-16, length 17-31 ({@code ItemIdData}). */
    public static int encodeLinePointer(int itemOffset, int flags, int length) {
        return (itemOffset & FIFTEEN_BITS) | ((flags & 0x3) << FLAGS_SHIFT) | ((length & FIFTEEN_BITS) << LENGTH_SHIFT);
    }

    public int itemOffset(int offsetNumber) {
        return lineRaw(offsetNumber) & FIFTEEN_BITS;
    }

    public int itemFlags(int offsetNumber) {
        return (lineRaw(offsetNumber) >>> FLAGS_SHIFT) & 0x3;
    }

    public int itemLength(int offsetNumber) {
        return (lineRaw(offsetNumber) >>> LENGTH_SHIFT) & FIFTEEN_BITS;
    }

    public void setLinePointer(int offsetNumber, int itemOffset, int flags, int length) {
        checkOffsetNumber(offsetNumber);
        INT.set(data, linePointerPosition(offsetNumber), encodeLinePointer(itemOffset, flags, length));
    }

    /** Marks an item dead, keeping its storage (as {@code ItemIdMarkDead}). */
    public void markItemDead(int offsetNumber) {
        setLinePointer(offsetNumber, itemOffset(offsetNumber), LP_DEAD, itemLength(offsetNumber));
    }

    /** Copy of the item's bytes. */
    public byte[] item(int offsetNumber) {
        int start = itemOffset(offsetNumber);
        return Arrays.copyOfRange(data, start, start + itemLength(offsetNumber));
    }

    /**
     * Free bytes for one more item including its line pointer ({@code PageGetFreeSpace}): the
     * gap minus one line pointer, never negative.
     */
    public int freeSpace() {
        int space = upper() - lower();
        return space < LINE_POINTER_SIZE ? 0 : space - LINE_POINTER_SIZE;
    }

    /**
     * Adds an item ({@code PageAddItem}). With {@code requestedOffset} 0 the item takes an unused
     * line pointer or a new one at the end; otherwise it must go exactly there (redo), which must
     * be an unused slot or one past the end. Returns the offset number, or 0 if it does not fit.
     */
    public int addItem(byte[] source, int sourceOffset, int length, int requestedOffset) {
        int maxOffset = maxOffsetNumber();
        int target;
        boolean reuse = false;
        if (requestedOffset != INVALID_OFFSET_NUMBER) {
            if (requestedOffset > maxOffset + 1) {
                throw new IllegalArgumentException("offset number " + requestedOffset + " beyond " + (maxOffset + 1));
            }
            if (requestedOffset <= maxOffset) {
                if (itemFlags(requestedOffset) != LP_UNUSED || itemLength(requestedOffset) != 0) {
                    throw new IllegalStateException("line pointer " + requestedOffset + " is in use");
                }
                reuse = true;
            }
            target = requestedOffset;
        } else {
            target = maxOffset + 1;
            if ((flags() & FLAG_HAS_FREE_LINES) != 0) {
                for (int offset = 1; offset <= maxOffset; offset++) {
                    if (itemFlags(offset) == LP_UNUSED && itemLength(offset) == 0) {
                        target = offset;
                        reuse = true;
                        break;
                    }
                }
                if (!reuse) {
                    setFlags(flags() & ~FLAG_HAS_FREE_LINES);
                }
            }
        }
        int newLower = reuse ? lower() : lower() + LINE_POINTER_SIZE;
        int alignedLength = maxAlign(length);
        int newUpper = upper() - alignedLength;
        if (newUpper < newLower) {
            return INVALID_OFFSET_NUMBER;
        }
        System.arraycopy(source, sourceOffset, data, newUpper, length);
        setShort(LOWER_OFFSET, newLower);
        setShort(UPPER_OFFSET, newUpper);
        setLinePointer(target, newUpper, LP_NORMAL, length);
        return target;
    }

    public int addItem(byte[] item) {
        return addItem(item, 0, item.length, INVALID_OFFSET_NUMBER);
    }

    /**
     * Packs the storage of the LP_NORMAL items against the special space, in offset order
     * (item 1 highest), leaving every line pointer where it is ({@code PageRepairFragmentation}):
     * LP_DEAD and LP_UNUSED items lose their storage (offset and length 0), LP_REDIRECT keeps
     * its target. The free gap is zeroed, so the same input page always gives the same bytes
     * (redo relies on it). Sets HAS_FREE_LINES when an unused line pointer remains.
     */
    public void repairFragmentation() {
        byte[] before = Arrays.copyOf(data, SIZE);
        Page old = new Page(before);
        int max = maxOffsetNumber();
        int upper = special();
        boolean hasFree = false;
        for (int offset = 1; offset <= max; offset++) {
            int flags = old.itemFlags(offset);
            switch (flags) {
                case LP_NORMAL -> {
                    int length = old.itemLength(offset);
                    upper -= maxAlign(length);
                    System.arraycopy(before, old.itemOffset(offset), data, upper, length);
                    Arrays.fill(data, upper + length, upper + maxAlign(length), (byte) 0);
                    setLinePointer(offset, upper, LP_NORMAL, length);
                }
                case LP_REDIRECT -> setLinePointer(offset, old.itemOffset(offset), LP_REDIRECT, 0);
                case LP_DEAD -> setLinePointer(offset, 0, LP_DEAD, 0);
                default -> {
                    setLinePointer(offset, 0, LP_UNUSED, 0);
                    hasFree = true;
                }
            }
        }
        Arrays.fill(data, lower(), upper, (byte) 0);
        setShort(UPPER_OFFSET, upper);
        setFlags(hasFree ? flags() | FLAG_HAS_FREE_LINES : flags() & ~FLAG_HAS_FREE_LINES);
    }

    /**
     * Drops the unused line pointers at the end of the array ({@code PageTruncateLinePointerArray}),
     * keeping at least one line pointer, as PostgreSQL does. Call after {@link #repairFragmentation}.
     */
    public void truncateUnusedLinePointers() {
        int max = maxOffsetNumber();
        while (max > 1 && itemFlags(max) == LP_UNUSED) {
            max--;
        }
        int newLower = HEADER_SIZE + max * LINE_POINTER_SIZE;
        Arrays.fill(data, newLower, lower(), (byte) 0);
        setShort(LOWER_OFFSET, newLower);
        boolean hasFree = false;
        for (int offset = 1; offset <= max && !hasFree; offset++) {
            hasFree = itemFlags(offset) == LP_UNUSED;
        }
        setFlags(hasFree ? flags() | FLAG_HAS_FREE_LINES : flags() & ~FLAG_HAS_FREE_LINES);
    }

    public static int maxAlign(int length) {
        return (length + MAXIMUM_ALIGNMENT - 1) & -MAXIMUM_ALIGNMENT;
    }

    // --- checksums (checksum_impl.h's role, computed with CRC32C) ---

    /**
     * The page's 16-bit checksum for block {@code blockNumber}: CRC32C over the page with the
     * checksum field skipped, XORed with the block number (so a page written at the wrong place
     * is caught) and reduced to 1..65535 as {@code pg_checksum_page} does, so 0 never occurs.
     */
    public static int computeChecksum(byte[] page, int blockNumber) {
        CRC32C crc = new CRC32C();
        crc.update(page, 0, CHECKSUM_OFFSET);
        crc.update(page, CHECKSUM_OFFSET + 2, SIZE - CHECKSUM_OFFSET - 2);
        long folded = (crc.getValue() ^ Integer.toUnsignedLong(blockNumber)) % 65535;
        return (int) folded + 1;
    }

    /** Stores the checksum ({@code PageSetChecksumInplace}); a new page keeps no checksum. */
    public static void setChecksum(byte[] page, int blockNumber) {
        if (wrap(page).isNew()) {
            return;
        }
        SHORT.set(page, CHECKSUM_OFFSET, (short) computeChecksum(page, blockNumber));
    }

    /**
     * Whether a page read from disk is sane ({@code PageIsVerified}): a new page must be all
     * zeros; any other needs a valid header and a matching checksum.
     */
    public static boolean isVerified(byte[] page, int blockNumber) {
        Page view = wrap(page);
        if (view.isNew()) {
            for (byte b : page) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
        int lower = view.lower();
        int upper = view.upper();
        int special = view.special();
        boolean headerSane = lower >= HEADER_SIZE && lower <= upper && upper <= special && special <= SIZE
                && special == maxAlign(special) && view.pageSize() == SIZE;
        return headerSane && view.checksum() == computeChecksum(page, blockNumber);
    }

    private int getShort(int position) {
        return Short.toUnsignedInt((short) SHORT.get(data, position));
    }

    private void setShort(int position, int value) {
        SHORT.set(data, position, (short) value);
    }

    /** Reads a little-endian field of an item for the access methods that lay out tuples. */
    public static long getLong(byte[] bytes, int position) {
        return (long) LONG.get(bytes, position);
    }

    public static void putLong(byte[] bytes, int position, long value) {
        LONG.set(bytes, position, value);
    }

    public static int getInt(byte[] bytes, int position) {
        return (int) INT.get(bytes, position);
    }

    public static void putInt(byte[] bytes, int position, int value) {
        INT.set(bytes, position, value);
    }

    public static int getUnsignedShort(byte[] bytes, int position) {
        return Short.toUnsignedInt((short) SHORT.get(bytes, position));
    }

    public static void putShort(byte[] bytes, int position, int value) {
        SHORT.set(bytes, position, (short) value);
    }
}
