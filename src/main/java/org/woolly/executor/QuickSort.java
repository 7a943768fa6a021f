package org.woolly.executor;

import java.util.Comparator;
import java.util.List;

/**
 * The in-memory sort PostgreSQL's tuplesort uses ({@code src/include/lib/sort_template.h}): Bentley
 * and McIlroy's quicksort ("Engineering a Sort Function", 1993) with insertion sort below seven
 * elements, a check for already sorted input at every level, the median of three (of three
 * medians above forty elements) as pivot, three-way partitioning that gathers the keys equal to
 * the pivot, recursion into the smaller part. It is not stable; sorting with the same algorithm
 * makes rows that compare equal come out in the order PostgreSQL gives them, which clients and
 * regression outputs see wherever ORDER BY or a window leaves ties.
 */
final class QuickSort {

    private QuickSort() {}

    /** Sorts {@code items} in place. */
    static <T> void sort(List<T> items, Comparator<? super T> order) {
        @SuppressWarnings("unchecked")
        T[] array = (T[]) items.toArray();
        sort(array, 0, array.length, order);
        for (int i = 0; i < array.length; i++) {
            items.set(i, array[i]);
        }
    }

    private static <T> void sort(T[] a, int start, int count, Comparator<? super T> order) {
        int base = start;
        int n = count;
        while (true) {
            if (n < 7) {
                for (int m = base + 1; m < base + n; m++) {
                    for (int l = m; l > base && order.compare(a[l - 1], a[l]) > 0; l--) {
                        swap(a, l, l - 1);
                    }
                }
                return;
            }
            boolean presorted = true;
            for (int m = base + 1; m < base + n; m++) {
                if (order.compare(a[m - 1], a[m]) > 0) {
                    presorted = false;
                    break;
                }
            }
            if (presorted) {
                return;
            }
            int pivot = base + n / 2;
            if (n > 7) {
                int low = base;
                int high = base + n - 1;
                if (n > 40) {
                    int step = n / 8;
                    low = median(a, low, low + step, low + 2 * step, order);
                    pivot = median(a, pivot - step, pivot, pivot + step, order);
                    high = median(a, high - 2 * step, high - step, high, order);
                }
                pivot = median(a, low, pivot, high, order);
            }
            swap(a, base, pivot);
            int equalLow = base + 1;
            int left = equalLow;
            int right = base + n - 1;
            int equalHigh = right;
            while (true) {
                int comparison;
                while (left <= right && (comparison = order.compare(a[left], a[base])) <= 0) {
                    if (comparison == 0) {
                        swap(a, equalLow++, left);
                    }
                    left++;
                }
                while (left <= right && (comparison = order.compare(a[right], a[base])) >= 0) {
                    if (comparison == 0) {
                        swap(a, right, equalHigh--);
                    }
                    right--;
                }
                if (left > right) {
                    break;
                }
                swap(a, left++, right--);
            }
            int end = base + n;
            int moved = Math.min(equalLow - base, left - equalLow);
            swapRange(a, base, left - moved, moved);
            moved = Math.min(equalHigh - right, end - equalHigh - 1);
            swapRange(a, left, end - moved, moved);
            int lower = left - equalLow;
            int upper = equalHigh - right;
            if (lower <= upper) {
                if (lower > 1) {
                    sort(a, base, lower, order);
                }
                if (upper <= 1) {
                    return;
                }
                base = end - upper;
                n = upper;
            } else {
                if (upper > 1) {
                    sort(a, end - upper, upper, order);
                }
                if (lower <= 1) {
                    return;
                }
                n = lower;
            }
        }
    }

    private static <T> int median(T[] a, int x, int y, int z, Comparator<? super T> order) {
        if (order.compare(a[x], a[y]) < 0) {
            return order.compare(a[y], a[z]) < 0 ? y : order.compare(a[x], a[z]) < 0 ? z : x;
        }
        return order.compare(a[y], a[z]) > 0 ? y : order.compare(a[x], a[z]) < 0 ? x : z;
    }

    private static <T> void swap(T[] a, int i, int j) {
        T saved = a[i];
        a[i] = a[j];
        a[j] = saved;
    }

    private static <T> void swapRange(T[] a, int i, int j, int count) {
        for (int k = 0; k < count; k++) {
            swap(a, i + k, j + k);
        }
    }
}
