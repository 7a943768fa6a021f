package org.woolly.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.catalog.TableStatistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The estimators of {@code compute_scalar_stats}, on samples whose PostgreSQL 15 statistics are known. */
class ColumnStatisticsBuilderTest {
    private static final ColumnStatisticsBuilder.Operators OPERATORS = new ColumnStatisticsBuilder.Operators(96, 97);

    @SuppressWarnings("unchecked")
    private static TableStatistics.Column compute(List<Object> sample, double totalRows, int target) {
        Comparator<Object> order = (a, b) -> ((Comparable<Object>) a).compareTo(b);
        return ColumnStatisticsBuilder.compute(1, sample, totalRows, target, order, 4, value -> 4, String::valueOf,
                OPERATORS);
    }

    @Test
    void aUniqueColumnHasNoMostCommonValuesAndAFullHistogram() {
        List<Object> sample = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            sample.add(i);
        }
        TableStatistics.Column column = compute(sample, 1000, 10);
        assertThat(column.distinct()).isEqualTo(-1.0);
        assertThat(column.nullFraction()).isZero();
        assertThat(column.slot(TableStatistics.KIND_MCV)).isNull();
        assertThat(column.slot(TableStatistics.KIND_HISTOGRAM).values())
                .containsExactly("1", "100", "200", "300", "400", "500", "600", "700", "800", "900", "1000");
        assertThat(column.slot(TableStatistics.KIND_CORRELATION).numbers()[0]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void repeatedValuesBecomeMostCommonValuesWithTheirFrequencies() {
        List<Object> sample = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sample.add(i % 4);
        }
        sample.add(null);
        TableStatistics.Column column = compute(sample, 101, 100);
        assertThat(column.distinct()).isEqualTo(4.0);
        assertThat(column.nullFraction()).isCloseTo(1.0 / 101, within(1e-12));
        TableStatistics.Slot mcv = column.slot(TableStatistics.KIND_MCV);
        assertThat(mcv.values()).containsExactly("0", "1", "2", "3");
        assertThat(mcv.numbers()[0]).isCloseTo(25.0 / 101, within(1e-12));
        assertThat(column.slot(TableStatistics.KIND_HISTOGRAM)).isNull();
    }

    @Test
    void haasStokesEstimatesDistinctValuesBeyondTheSample() {
        // 30000 sampled of 1,000,000 rows: 20000 seen once, 5000 seen twice
        double distinct = ColumnStatisticsBuilder.distinctEstimate(25000, 5000, 0, 30000, 0, 0.0, 1_000_000);
        double n = 30000;
        double d = 25000;
        double f1 = 20000;
        double expected = Math.floor(n * d / ((n - f1) + f1 * n / 1_000_000) + 0.5);
        assertThat(distinct).isEqualTo(expected);
    }

    @Test
    void anAllNullColumnIsEntirelyNull() {
        List<Object> sample = new ArrayList<>();
        sample.add(null);
        sample.add(null);
        TableStatistics.Column column = compute(sample, 2, 100);
        assertThat(column.nullFraction()).isEqualTo(1.0);
        assertThat(column.distinct()).isZero();
        assertThat(column.slots()).isEmpty();
    }
}
