package org.woolly.storage.freespace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.woolly.storage.smgr.RelFileLocator;

class FreeSpaceMapTest {
    private static final RelFileLocator TABLE = new RelFileLocator(1663, 5, 16500);

    @Test
    void findsAPageWithEnoughRoomAmongMany() {
        FreeSpaceMap map = new FreeSpaceMap();
        assertThat(map.findPageWithFreeSpace(TABLE, 100, () -> 0)).isEqualTo(FreeSpaceMap.INVALID_BLOCK);
        for (int block = 0; block < 100; block++) {
            map.recordPageWithFreeSpace(TABLE, block, 50);
        }
        map.recordPageWithFreeSpace(TABLE, 77, 4000);
        assertThat(map.findPageWithFreeSpace(TABLE, 1000, () -> 0)).isEqualTo(77);
        assertThat(map.findPageWithFreeSpace(TABLE, 5000, () -> 0)).isEqualTo(FreeSpaceMap.INVALID_BLOCK);
        map.recordPageWithFreeSpace(TABLE, 77, 10);
        assertThat(map.findPageWithFreeSpace(TABLE, 1000, () -> 0)).isEqualTo(FreeSpaceMap.INVALID_BLOCK);
        assertThat(map.findPageWithFreeSpace(TABLE, 20, () -> 0)).isBetween(0, 99);
    }

    @Test
    void unknownRelationIsSeededWithItsLastBlock() {
        FreeSpaceMap map = new FreeSpaceMap();
        assertThat(map.findPageWithFreeSpace(TABLE, 200, () -> 12)).isEqualTo(11);
    }

    @Test
    void pageCategoryRoundsDownAndRequestRoundsUp() {
        assertThat(FreeSpaceMap.categoryOf(63)).isEqualTo(1);
        assertThat(FreeSpaceMap.categoryNeeded(33)).isEqualTo(2);
        FreeSpaceMap map = new FreeSpaceMap();
        map.recordPageWithFreeSpace(TABLE, 0, 63);
        assertThat(map.findPageWithFreeSpace(TABLE, 64, () -> 0)).isEqualTo(FreeSpaceMap.INVALID_BLOCK);
        assertThat(map.findPageWithFreeSpace(TABLE, 32, () -> 0)).isZero();
    }
}
