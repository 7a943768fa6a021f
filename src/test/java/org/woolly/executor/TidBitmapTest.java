package org.woolly.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.access.common.Tid;

class TidBitmapTest {

    private static TidBitmap of(Tid... tids) {
        TidBitmap bitmap = new TidBitmap();
        for (Tid tid : tids) {
            bitmap.add(tid);
        }
        return bitmap;
    }

    private static List<Tid> contents(TidBitmap bitmap) {
        List<Tid> tids = new ArrayList<>();
        bitmap.forEach(tids::add);
        return tids;
    }

    @Test
    void tidsComeBackOnceInBlockThenOffsetOrder() {
        TidBitmap bitmap = of(new Tid(7, 3), new Tid(2, 9), new Tid(7, 1), new Tid(2, 9), new Tid(0, 40));
        assertThat(contents(bitmap)).containsExactly(new Tid(0, 40), new Tid(2, 9), new Tid(7, 1), new Tid(7, 3));
        assertThat(bitmap.pageCount()).isEqualTo(3);
        assertThat(bitmap.tupleCount()).isEqualTo(4);
    }

    @Test
    void unionAddsTheOtherSetsTidsWithoutDuplicates() {
        TidBitmap left = of(new Tid(1, 1), new Tid(3, 2));
        TidBitmap right = of(new Tid(3, 2), new Tid(3, 5), new Tid(2, 1));
        left.union(right);
        assertThat(contents(left)).containsExactly(new Tid(1, 1), new Tid(2, 1), new Tid(3, 2), new Tid(3, 5));
        right.add(new Tid(9, 9));
        assertThat(left.tupleCount()).as("the union copied the other set's pages").isEqualTo(4);
    }

    @Test
    void intersectKeepsCommonTidsAndDropsPagesLeftEmpty() {
        TidBitmap left = of(new Tid(1, 1), new Tid(1, 2), new Tid(4, 7), new Tid(5, 1));
        TidBitmap right = of(new Tid(1, 2), new Tid(4, 8), new Tid(6, 1));
        left.intersect(right);
        assertThat(contents(left)).containsExactly(new Tid(1, 2));
        assertThat(left.pageCount()).isEqualTo(1);
        left.intersect(new TidBitmap());
        assertThat(left.isEmpty()).isTrue();
    }

    @Test
    void pagesAreReadInBlockOrderWithTheirOffsets() {
        TidBitmap bitmap = of(new Tid(12, 4), new Tid(3, 1), new Tid(12, 2));
        List<String> pages = new ArrayList<>();
        bitmap.pages().forEachRemaining(page -> pages.add(page.block() + ":" + page.tids()));
        assertThat(pages).containsExactly("3:[(3,1)]", "12:[(12,2), (12,4)]");
    }
}
