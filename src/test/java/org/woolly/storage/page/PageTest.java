package org.woolly.storage.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void initializedPageHasHeaderBoundsAndVersion() {
        Page page = Page.wrap(new byte[Page.SIZE]);
        assertThat(page.isNew()).isTrue();
        page.initialize(16);
        assertThat(page.isNew()).isFalse();
        assertThat(page.lower()).isEqualTo(Page.HEADER_SIZE);
        assertThat(page.upper()).isEqualTo(Page.SIZE - 16);
        assertThat(page.special()).isEqualTo(Page.SIZE - 16);
        assertThat(page.pageSize()).isEqualTo(Page.SIZE);
        assertThat(page.layoutVersion()).isEqualTo(Page.LAYOUT_VERSION);
        assertThat(page.maxOffsetNumber()).isZero();
        assertThat(page.freeSpace()).isEqualTo(Page.SIZE - 16 - Page.HEADER_SIZE - Page.LINE_POINTER_SIZE);
    }

    @Test
    void itemsGrowFromTheEndAlignedAndLinePointersFromTheHeader() {
        Page page = Page.wrap(new byte[Page.SIZE]);
        page.initialize(0);
        int first = page.addItem(new byte[] {1, 2, 3});
        int second = page.addItem(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1});
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(page.itemOffset(1)).isEqualTo(Page.SIZE - 8);
        assertThat(page.itemLength(1)).isEqualTo(3);
        assertThat(page.itemOffset(2)).isEqualTo(Page.SIZE - 8 - 16);
        assertThat(page.itemFlags(2)).isEqualTo(Page.LP_NORMAL);
        assertThat(page.item(2)).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(page.lower()).isEqualTo(Page.HEADER_SIZE + 2 * Page.LINE_POINTER_SIZE);
        assertThat(page.upper()).isEqualTo(Page.SIZE - 24);
    }

    @Test
    void linePointerPacksOffsetFlagsAndLengthLikeItemIdData() {
        int raw = Page.encodeLinePointer(8184, Page.LP_DEAD, 3);
        assertThat(raw & 0x7FFF).isEqualTo(8184);
        assertThat((raw >>> 15) & 3).isEqualTo(Page.LP_DEAD);
        assertThat(raw >>> 17).isEqualTo(3);
        byte[] bytes = new byte[Page.SIZE];
        Page page = Page.wrap(bytes);
        page.initialize(0);
        page.addItem(new byte[40]);
        page.markItemDead(1);
        assertThat(page.itemFlags(1)).isEqualTo(Page.LP_DEAD);
        assertThat(page.itemLength(1)).isEqualTo(40);
        // little-endian on disk: the low byte of lp_off comes first
        assertThat(Page.getInt(bytes, Page.HEADER_SIZE)).isEqualTo(Page.encodeLinePointer(Page.SIZE - 40, Page.LP_DEAD, 40));
    }

    @Test
    void addItemReportsNoRoomWhenFull() {
        Page page = Page.wrap(new byte[Page.SIZE]);
        page.initialize(0);
        int added = 0;
        while (page.addItem(new byte[100]) != Page.INVALID_OFFSET_NUMBER) {
            added++;
        }
        assertThat(added).isEqualTo((Page.SIZE - Page.HEADER_SIZE) / (104 + Page.LINE_POINTER_SIZE));
        assertThat(page.freeSpace()).isLessThan(104);
    }

    @Test
    void addItemAtRequestedOffsetForRedo() {
        Page page = Page.wrap(new byte[Page.SIZE]);
        page.initialize(0);
        assertThat(page.addItem(new byte[] {5}, 0, 1, 1)).isEqualTo(1);
        assertThat(page.addItem(new byte[] {6}, 0, 1, 2)).isEqualTo(2);
        assertThat(page.item(2)).containsExactly(6);
    }

    @Test
    void checksumDetectsCorruptionAndWrongBlock() {
        byte[] bytes = new byte[Page.SIZE];
        Page page = Page.wrap(bytes);
        page.initialize(0);
        page.addItem("hello".getBytes());
        page.setLsn(0x1234_5678L);
        Page.setChecksum(bytes, 7);
        assertThat(page.checksum()).isBetween(1, 65535);
        assertThat(Page.isVerified(bytes, 7)).isTrue();
        assertThat(Page.isVerified(bytes, 8)).isFalse();
        bytes[Page.SIZE - 3] ^= 0x10;
        assertThat(Page.isVerified(bytes, 7)).isFalse();
    }

    @Test
    void allZeroPageIsValidButPartlyZeroIsNot() {
        byte[] bytes = new byte[Page.SIZE];
        assertThat(Page.isVerified(bytes, 3)).isTrue();
        bytes[100] = 1;
        assertThat(Page.isVerified(bytes, 3)).isFalse();
    }

    @Test
    void repairFragmentationPacksNormalItemsAndFreesTheRest() {
        Page page = Page.wrap(new byte[Page.SIZE]);
        page.initialize(0);
        int freeAtStart = page.freeSpace();
        for (int i = 0; i < 5; i++) {
            assertThat(page.addItem(new byte[100 + i])).isEqualTo(i + 1);
        }
        byte[] third = page.item(3);
        third[0] = 42;
        System.arraycopy(third, 0, page.data(), page.itemOffset(3), third.length);
        page.setLinePointer(1, 0, Page.LP_DEAD, 0);
        page.setLinePointer(2, 4, Page.LP_REDIRECT, 0);
        page.setLinePointer(5, 0, Page.LP_UNUSED, 0);
        page.repairFragmentation();
        assertThat(page.itemFlags(1)).isEqualTo(Page.LP_DEAD);
        assertThat(page.itemFlags(2)).isEqualTo(Page.LP_REDIRECT);
        assertThat(page.itemOffset(2)).isEqualTo(4);
        assertThat(page.item(3)[0]).isEqualTo((byte) 42);
        assertThat(page.itemLength(4)).isEqualTo(103);
        assertThat(page.upper()).isEqualTo(Page.SIZE - Page.maxAlign(102) - Page.maxAlign(103));
        assertThat(page.flags() & Page.FLAG_HAS_FREE_LINES).isNotZero();
        // the unused slot is taken again; dropping trailing unused line pointers gives their room back
        assertThat(page.addItem(new byte[8])).isEqualTo(5);
        page.setLinePointer(5, 0, Page.LP_UNUSED, 0);
        page.setLinePointer(4, 0, Page.LP_UNUSED, 0);
        page.repairFragmentation();
        page.truncateUnusedLinePointers();
        assertThat(page.maxOffsetNumber()).isEqualTo(3);
        assertThat(page.freeSpace()).isEqualTo(freeAtStart - 3 * Page.LINE_POINTER_SIZE - Page.maxAlign(102));
        // the same input page always compacts to the same bytes
        byte[] again = page.data().clone();
        Page copy = Page.wrap(again);
        copy.repairFragmentation();
        assertThat(java.util.Arrays.equals(again, page.data())).isTrue();
    }
}
