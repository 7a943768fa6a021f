package org.woolly.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.woolly.catalog.TableStatistics;

/**
 * The statistics of one column from a sample of rows: {@code compute_scalar_stats} of
 * PostgreSQL's {@code analyze.c}, for types with a default btree ordering (all of Woolly's).
 * <ul>
 * <li>null fraction and average stored width (values wider than 1024 bytes are counted but not
 *     compared, as {@code WIDTH_THRESHOLD});</li>
 * <li>number of distinct values: every value seen once means unique ({@code -(1 - nullfrac)}),
 *     every value seen more than once means just these values, otherwise the Haas-Stokes
 *     Duj1 estimator {@code n*d / (n - f1 + f1*n/N)}; stored as a negative fraction of the rows
 *     when above 10% of them;</li>
 * <li>most common values: the values seen more than once, by count, at most {@code target},
 *     trimmed by {@code analyze_mcv_list} (a value stays only if significantly more common than
 *     the average non-MCV value) unless the whole table was sampled;</li>
 * <li>histogram: {@code target + 1} equi-depth bounds of the values left after removing the MCVs;</li>
 * <li>correlation between sample order (physical) and sorted order.</li>
 * </ul>
 */
public final class ColumnStatisticsBuilder {
    /** {@code WIDTH_THRESHOLD}: wider values are left out of the sort-based statistics. */
    static final int WIDTH_THRESHOLD = 1024;

    private ColumnStatisticsBuilder() {}

    /** The operators a column's statistics slots are recorded with ({@code eqopr}, {@code ltopr}). */
    public record Operators(int equality, int lessThan) {}

    /**
     * @param sample     the column's values in the sampled rows, in physical order (null = SQL NULL)
     * @param totalRows  the estimated number of rows in the table
     * @param target     the statistics target (number of MCVs and histogram buckets)
     * @param fixedWidth the type's length, or -1 when it is variable (then {@code width} measures each value)
     * @return the statistics, or null for an empty sample (ANALYZE stores nothing then)
     */
    public static TableStatistics.Column compute(int attnum, List<Object> sample, double totalRows, int target,
                                                 Comparator<Object> comparator, int fixedWidth,
                                                 ToIntFunction<Object> width, Function<Object, String> output,
                                                 Operators operators) {
        int sampleRows = sample.size();
        if (sampleRows == 0) {
            return null;
        }
        int nullCount = 0;
        int nonNullCount = 0;
        int tooWide = 0;
        double totalWidth = 0;
        List<Object> values = new ArrayList<>();
        for (Object value : sample) {
            if (value == null) {
                nullCount++;
                continue;
            }
            nonNullCount++;
            if (fixedWidth > 0) {
                totalWidth += fixedWidth;
            } else {
                int valueWidth = width.applyAsInt(value);
                totalWidth += valueWidth;
                if (valueWidth > WIDTH_THRESHOLD) {
                    tooWide++;
                    continue;
                }
            }
            values.add(value);
        }
        if (nonNullCount == 0) {
            return new TableStatistics.Column(attnum, 1.0, fixedWidth > 0 ? fixedWidth : 0, 0.0, List.of());
        }
        double nullFraction = (double) nullCount / sampleRows;
        int averageWidth = (int) (totalWidth / nonNullCount);
        int valueCount = values.size();
        // sort positions by value, ties in sample order (compare_scalars)
        Integer[] order = new Integer[valueCount];
        for (int i = 0; i < valueCount; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int compared = comparator.compare(values.get(a), values.get(b));
            return compared != 0 ? compared : Integer.compare(a, b);
        });
        int distinctSeen = 0;
        int multiples = 0;
        int duplicates = 0;
        double xySum = 0;
        int[] trackCount = new int[target];
        int[] trackFirst = new int[target];
        int tracked = 0;
        for (int i = 0; i < valueCount; i++) {
            xySum += (double) i * order[i];
            duplicates++;
            boolean lastOfRun = i == valueCount - 1
                    || comparator.compare(values.get(order[i]), values.get(order[i + 1])) != 0;
            if (!lastOfRun) {
                continue;
            }
            distinctSeen++;
            if (duplicates > 1) {
                multiples++;
                if (tracked < target || duplicates > trackCount[tracked - 1]) {
                    if (tracked < target) {
                        tracked++;
                    }
                    int j;
                    for (j = tracked - 1; j > 0 && duplicates > trackCount[j - 1]; j--) {
                        trackCount[j] = trackCount[j - 1];
                        trackFirst[j] = trackFirst[j - 1];
                    }
                    trackCount[j] = duplicates;
                    trackFirst[j] = i + 1 - duplicates;
                }
            }
            duplicates = 0;
        }
        double distinct = distinctEstimate(distinctSeen, multiples, tooWide, sampleRows, nullCount, nullFraction,
                totalRows);
        int mcvCount = target;
        if (tracked == distinctSeen && tooWide == 0 && distinct > 0 && tracked <= target) {
            mcvCount = tracked;
        } else {
            mcvCount = Math.min(mcvCount, tracked);
            mcvCount = trimMostCommon(Arrays.copyOf(trackCount, mcvCount), mcvCount, distinct, nullFraction,
                    sampleRows, totalRows);
        }
        List<TableStatistics.Slot> slots = new ArrayList<>();
        if (mcvCount > 0) {
            List<String> mcvValues = new ArrayList<>();
            double[] frequencies = new double[mcvCount];
            for (int i = 0; i < mcvCount; i++) {
                mcvValues.add(output.apply(values.get(order[trackFirst[i]])));
                frequencies[i] = (double) trackCount[i] / sampleRows;
            }
            slots.add(new TableStatistics.Slot(TableStatistics.KIND_MCV, operators.equality(), frequencies,
                    List.copyOf(mcvValues)));
        }
        int histogramCount = Math.min(distinctSeen - mcvCount, target + 1);
        if (histogramCount >= 2) {
            boolean[] inMostCommon = new boolean[valueCount];
            for (int i = 0; i < mcvCount; i++) {
                for (int k = 0; k < trackCount[i]; k++) {
                    inMostCommon[trackFirst[i] + k] = true;
                }
            }
            List<Object> rest = new ArrayList<>();
            for (int i = 0; i < valueCount; i++) {
                if (!inMostCommon[i]) {
                    rest.add(values.get(order[i]));
                }
            }
            int remaining = rest.size();
            int delta = (remaining - 1) / (histogramCount - 1);
            int deltaFraction = (remaining - 1) % (histogramCount - 1);
            int position = 0;
            int positionFraction = 0;
            List<String> bounds = new ArrayList<>();
            for (int i = 0; i < histogramCount; i++) {
                bounds.add(output.apply(rest.get(position)));
                position += delta;
                positionFraction += deltaFraction;
                if (positionFraction >= histogramCount - 1) {
                    position++;
                    positionFraction -= histogramCount - 1;
                }
            }
            slots.add(new TableStatistics.Slot(TableStatistics.KIND_HISTOGRAM, operators.lessThan(), null,
                    List.copyOf(bounds)));
        }
        if (valueCount > 1) {
            double n = valueCount;
            double xSum = (n - 1) * n / 2.0;
            double x2Sum = (n - 1) * n * (2 * n - 1) / 6.0;
            double correlation = (n * xySum - xSum * xSum) / (n * x2Sum - xSum * xSum);
            slots.add(new TableStatistics.Slot(TableStatistics.KIND_CORRELATION, operators.lessThan(),
                    new double[] {correlation}, null));
        }
        return new TableStatistics.Column(attnum, nullFraction, averageWidth, distinct, List.copyOf(slots));
    }

    /** {@code stadistinct}: positive a count, negative a fraction of the rows (see the class comment). */
    static double distinctEstimate(int distinctSeen, int multiples, int tooWide, int sampleRows, int nullCount,
                                   double nullFraction, double totalRows) {
        double distinct;
        if (multiples == 0) {
            distinct = -1.0 * (1.0 - nullFraction);
        } else if (tooWide == 0 && multiples == distinctSeen) {
            distinct = distinctSeen;
        } else {
            int f1 = distinctSeen - multiples + tooWide;
            int d = f1 + multiples;
            double n = sampleRows - nullCount;
            double bigN = totalRows * (1.0 - nullFraction);
            double estimate = bigN > 0 ? (n * d) / ((n - f1) + f1 * n / bigN) : 0;
            estimate = Math.min(Math.max(estimate, d), bigN);
            distinct = Math.floor(estimate + 0.5);
        }
        if (distinct > 0.1 * totalRows) {
            distinct = -(distinct / totalRows);
        }
        return distinct;
    }

    /** {@code analyze_mcv_list}: how many of the (descending) counts are worth keeping as MCVs. */
    static int trimMostCommon(int[] counts, int mcvCount, double distinct, double nullFraction, int sampleRows,
                              double totalRows) {
        if (sampleRows == totalRows || mcvCount == 0) {
            return mcvCount;
        }
        double distinctInTable = distinct < 0 ? -distinct * totalRows : distinct;
        double sumCount = 0;
        for (int i = 0; i < mcvCount - 1; i++) {
            sumCount += counts[i];
        }
        while (mcvCount > 0) {
            double selectivity = Math.min(Math.max(1.0 - sumCount / sampleRows - nullFraction, 0.0), 1.0);
            double otherDistinct = distinctInTable - (mcvCount - 1);
            if (otherDistinct > 1) {
                selectivity /= otherDistinct;
            }
            double bigN = totalRows;
            double n = sampleRows;
            double k = bigN * counts[mcvCount - 1] / n;
            double variance = n * k * (bigN - k) * (bigN - n) / (bigN * bigN * (bigN - 1));
            double deviation = Math.sqrt(variance);
            if (counts[mcvCount - 1] > selectivity * sampleRows + 2 * deviation + 0.5) {
                break;
            }
            mcvCount--;
            if (mcvCount == 0) {
                break;
            }
            sumCount -= counts[mcvCount - 1];
        }
        return mcvCount;
    }
}
