package org.woolly.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QuickSortTest {

    /**
     * What PostgreSQL 15 answers for {@code SELECT x FROM (VALUES (0), ..., (9)) v(x) ORDER BY x % 4}
     * and for {@code SELECT x FROM generate_series(0, 99) x ORDER BY x % 7} (the second takes the
     * median of three medians).
     */
    @Test
    void tiesComeOutInPostgresOrder() {
        List<Integer> rows = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
        QuickSort.sort(rows, Comparator.comparingInt(value -> value % 4));
        assertThat(rows).containsExactly(8, 4, 0, 9, 1, 5, 6, 2, 7, 3);
        List<Integer> hundred = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
        QuickSort.sort(hundred, Comparator.comparingInt(value -> value % 7));
        assertThat(hundred).containsExactly(49, 98, 42, 28, 63, 84, 21, 7, 77, 35, 70, 56, 91, 0, 14, 71, 57, 50, 8, 92,
                15, 1, 85, 22, 99, 78, 29, 36, 64, 43, 30, 16, 72, 44, 2, 9, 51, 37, 93, 79, 65, 23, 86, 58, 87, 3, 10, 17,
                24, 31, 38, 45, 52, 59, 66, 73, 80, 94, 32, 88, 74, 60, 18, 81, 39, 25, 95, 67, 46, 4, 11, 53, 47, 61, 40,
                96, 68, 33, 75, 26, 5, 82, 19, 89, 12, 54, 76, 13, 97, 55, 90, 48, 34, 6, 69, 27, 41, 83, 20, 62);
    }

    @Test
    void sortsAnyInput() {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, 6, 7, 8, 40, 41, 100, 1000, 5000}) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                rows.add(random.nextInt(size / 3 + 1));
            }
            List<Integer> expected = new ArrayList<>(rows);
            expected.sort(null);
            QuickSort.sort(rows, Comparator.naturalOrder());
            assertThat(rows).as("size %d", size).isEqualTo(expected);
            QuickSort.sort(rows, Comparator.reverseOrder());
            assertThat(rows).as("size %d reversed", size).isEqualTo(expected.reversed());
        }
    }
}
