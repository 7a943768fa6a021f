package org.woolly.access.nbtree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.access.nbtree.BTreeTestSupport.firstColumn;
import static org.woolly.access.nbtree.BTreeTestSupport.tid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.page.Page;
import org.woolly.utils.error.SqlException;

/**
 * A corrupt index page makes a scan or insert fail with XX002 (as {@code _bt_checkpage} and the
 * order checks of {@code amcheck} would find), never loop, repeat entries or run out of memory.
 */
@Timeout(60)
class BTreeCorruptionTest {
    @TempDir
    Path data;

    private BTreeTestSupport support;
    private final IndexShape index = BTreeTestSupport.intIndex(false);

    /** An index of 0..9999 over about 30 leaves, then {@code damage} applied to leaf block 5 in the buffer pool. */
    private void corruptLeaf(Consumer<Page> damage) {
        buildIndex();
        corruptBlock(5, damage);
    }

    /** The root (an internal page above the leaves) damaged: a descent reads it in place, not as a checked copy. */
    private void corruptRoot(Consumer<Page> damage) {
        buildIndex();
        Buffer metapage = support.pool.read(BTreeTestSupport.INDEX, BTreePage.METAPAGE);
        BTreePage.Meta meta;
        try {
            meta = BTreePage.meta(metapage.page(), "test index");
        } finally {
            support.pool.release(metapage);
        }
        assertThat(meta.level()).isPositive();
        corruptBlock(meta.root(), damage);
    }

    private void buildIndex() {
        support = new BTreeTestSupport(data, 64);
        Transaction tx = support.transactions.begin();
        List<IndexEntry> entries = new ArrayList<>();
        for (int n = 0; n < 10000; n++) {
            entries.add(new IndexEntry(new Object[] {n}, tid(n), true));
        }
        support.btree.build(index, entries.iterator(), support.probe, tx);
    }

    private void corruptBlock(int block, Consumer<Page> damage) {
        Buffer buffer = support.pool.read(BTreeTestSupport.INDEX, block);
        buffer.lockExclusive();
        try {
            damage.accept(buffer.page());
            support.pool.markDirty(buffer);
        } finally {
            support.pool.unlockAndRelease(buffer);
        }
    }

    private void assertIndexCorrupted(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState().code()).isEqualTo("XX002"));
    }

    private void assertScansFail() {
        assertIndexCorrupted(() -> firstColumn(support.btree.beginScan(index, List.of(), false)));
        assertIndexCorrupted(() -> firstColumn(support.btree.beginScan(index, List.of(), true)));
    }

    @Test
    void aZeroedPageIsReported() {
        corruptLeaf(page -> java.util.Arrays.fill(page.data(), (byte) 0));
        assertScansFail();
        assertThatThrownBy(() -> firstColumn(support.btree.beginScan(index, List.of(), false)))
                .hasMessageContaining("unexpected zero page at block 5");
    }

    @Test
    void aRightLinkBackToItselfDoesNotLoop() {
        corruptLeaf(page -> BTreePage.setLinks(page, BTreePage.prev(page), 5));
        assertIndexCorrupted(() -> firstColumn(support.btree.beginScan(index, List.of(), false)));
    }

    @Test
    void aLeftLinkBackToItselfDoesNotMisleadABackwardScan() {
        corruptLeaf(page -> BTreePage.setLinks(page, 5, BTreePage.next(page)));
        // a backward scan finds each next page by descending again, so this damage is not even seen
        assertThat(firstColumn(support.btree.beginScan(index, List.of(), true))).hasSize(10000);
    }

    @Test
    void linksPastTheEndAreReported() {
        corruptLeaf(page -> BTreePage.setLinks(page, BTreePage.prev(page), 1_000_000));
        assertScansFail();
    }

    @Test
    void internalPageItemsPointingPastThePageAreReported() {
        corruptRoot(page -> {
            for (int offset = 1; offset <= page.maxOffsetNumber(); offset++) {
                page.setLinePointer(offset, BTreePage.SPECIAL_START - 4, Page.LP_NORMAL, 64);
            }
        });
        assertScansFail();
        assertIndexCorrupted(() -> firstColumn(support.btree.beginScan(index,
                List.of(new ScanKey(0, ScanKey.Strategy.EQUAL, 4321)), false)));
    }

    @Test
    void randomGarbageInTheItemsIsAnErrorOrIgnoredButNeverAHang() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        corruptLeaf(page -> {
            for (int i = 0; i < 200; i++) {
                page.data()[Page.HEADER_SIZE + random.nextInt(BTreePage.SPECIAL_START - Page.HEADER_SIZE)] =
                        (byte) random.nextInt();
            }
        });
        for (boolean backward : new boolean[] {false, true}) {
            try {
                List<Object> found = firstColumn(support.btree.beginScan(index, List.of(), backward));
                assertThat(found.size()).as("seed " + seed).isLessThanOrEqualTo(10000);
            } catch (SqlException e) {
                assertThat(e.sqlState().code()).as("seed " + seed).isEqualTo("XX002");
            }
        }
    }
}
