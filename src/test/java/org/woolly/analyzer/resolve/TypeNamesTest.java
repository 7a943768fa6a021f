package org.woolly.analyzer.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.woolly.utils.adt.TypeOids;

/** format_type's spelling of interval typmods: the fields, then the precision (intervaltypmodout). */
class TypeNamesTest {
    /** A typmod as INTERVAL_TYPMOD builds it: the range bits above, the precision (0xFFFF: none) below. */
    private static int typmod(int range, int precision) {
        return range << 16 | precision;
    }

    @Test
    void intervalsShowTheirFieldsAndPrecision() {
        int day = 1 << 3;
        int hour = 1 << 10;
        int minute = 1 << 11;
        int second = 1 << 12;
        int year = 1 << 2;
        int month = 1 << 1;
        assertThat(TypeNames.format(TypeOids.INTERVAL, -1)).isEqualTo("interval");
        assertThat(TypeNames.format(TypeOids.INTERVAL, typmod(day | hour | minute | second, 2)))
                .isEqualTo("interval day to second(2)");
        assertThat(TypeNames.format(TypeOids.INTERVAL, typmod(year | month, 0xFFFF)))
                .isEqualTo("interval year to month");
        assertThat(TypeNames.format(TypeOids.INTERVAL, typmod(hour, 0xFFFF))).isEqualTo("interval hour");
        assertThat(TypeNames.format(TypeOids.INTERVAL, typmod(0x7FFF, 3))).isEqualTo("interval(3)");
    }
}
