package org.woolly.access.sequence;

import org.woolly.storage.page.Page;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The layout of a sequence's only page: an ordinary page header, one item at offset 1 holding
 * {@code last_value} (8 bytes), {@code log_cnt} (8) and {@code is_called} (1), and a special
 * space with the magic number PostgreSQL's {@code sequence.c} uses ({@code SEQ_MAGIC}) so a page
 * that is not a sequence's is recognized.
 */
final class SequencePage {
    static final int MAGIC = 0x1717;
    static final int ITEM_SIZE = 17;
    private static final int SPECIAL_SIZE = 8;

    private SequencePage() {}

    static byte[] encode(SequenceAccess.State state) {
        byte[] item = new byte[ITEM_SIZE];
        Page.putLong(item, 0, state.lastValue());
        Page.putLong(item, 8, state.logCount());
        item[16] = (byte) (state.isCalled() ? 1 : 0);
        return item;
    }

    static SequenceAccess.State decode(byte[] item, int offset) {
        return new SequenceAccess.State(Page.getLong(item, offset), Page.getLong(item, offset + 8), item[offset + 16] != 0);
    }

    /** Formats {@code page} to hold {@code state} (the caller sets the LSN). */
    static void format(Page page, SequenceAccess.State state) {
        page.initialize(SPECIAL_SIZE);
        Page.putInt(page.data(), page.special(), MAGIC);
        byte[] item = encode(state);
        if (page.addItem(item, 0, item.length, 1) != 1) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "could not add sequence tuple");
        }
    }

    static SequenceAccess.State read(Page page) {
        check(page);
        return decode(page.data(), page.itemOffset(1));
    }

    /** Overwrites the item in place. */
    static void write(Page page, SequenceAccess.State state) {
        check(page);
        System.arraycopy(encode(state), 0, page.data(), page.itemOffset(1), ITEM_SIZE);
    }

    private static void check(Page page) {
        if (page.isNew() || Page.getInt(page.data(), page.special()) != MAGIC || page.maxOffsetNumber() < 1) {
            throw SqlException.of(SqlState.INTERNAL_ERROR, "bad magic number in sequence page");
        }
    }
}
