package org.woolly.utils.adt;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.NoticeSink;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** typmodin rules and encodings (varchar.c, numeric.c, timestamp.c, date.c). */
class TypeModifiersTest {
    private final List<SqlException> warnings = new ArrayList<>();
    private final NoticeSink sink = warnings::add;

    @Test
    void encodingsMatchPostgres() {
        assertThat(TypeModifiers.typmodIn(TypeOids.VARCHAR, "varchar", List.of(), sink)).isEqualTo(-1);
        assertThat(TypeModifiers.typmodIn(TypeOids.VARCHAR, "varchar", List.of(10485760), sink)).isEqualTo(10485764);
        assertThat(TypeModifiers.typmodIn(TypeOids.NUMERIC, "numeric", List.of(10, 2), sink)).isEqualTo((10 << 16 | 2) + 4);
        int negative = TypeModifiers.typmodIn(TypeOids.NUMERIC, "numeric", List.of(3, -2), sink);
        assertThat(TypeModifiers.numericPrecision(negative)).isEqualTo(3);
        assertThat(TypeModifiers.numericScale(negative)).isEqualTo(-2);
        assertThat(TypeModifiers.numericScale(TypeModifiers.numeric(5, 1000))).isEqualTo(1000);
        assertThat(TypeModifiers.numericScale(TypeModifiers.numeric(5, -1000))).isEqualTo(-1000);
        assertThat(TypeModifiers.typmodIn(TypeOids.TIMESTAMP, "timestamp", List.of(9), sink)).isEqualTo(6);
        assertThat(TypeModifiers.typmodIn(TypeOids.TIMESTAMP, "timestamp", List.of(6), sink)).isEqualTo(6);
        assertThat(TypeModifiers.typmodIn(TypeOids.INTERVAL, "interval", List.of(0x7FFF, 2), sink))
                .isEqualTo(0x7FFF << 16 | 2);
        assertThat(TypeModifiers.typmodIn(TypeOids.INTERVAL, "interval", List.of(0x7FFF), sink) & 0xFFFF).isEqualTo(0xFFFF);
    }

    @Test
    void precisionAboveMicrosecondsIsReducedWithPostgresWarning() {
        TypeModifiers.typmodIn(TypeOids.TIMESTAMPTZ, "timestamptz", List.of(7), sink);
        TypeModifiers.typmodIn(TypeOids.TIME, "time", List.of(8), sink);
        assertThat(TypeModifiers.typmodIn(TypeOids.INTERVAL, "interval", List.of(0x7FFF, 9), sink) & 0xFFFF)
                .isEqualTo(6);
        TypeModifiers.typmodIn(TypeOids.TIMESTAMP, "timestamp", List.of(6), sink);
        assertThat(warnings).extracting(SqlException::getMessage).containsExactly(
                "TIMESTAMP(7) WITH TIME ZONE precision reduced to maximum allowed, 6",
                "TIME(8) precision reduced to maximum allowed, 6",
                "INTERVAL(9) precision reduced to maximum allowed, 6");
        assertThat(warnings).allSatisfy(warning -> {
            assertThat(warning.severity()).isEqualTo(Severity.WARNING);
            assertThat(warning.sqlState()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE);
        });
    }

    @Test
    void negativeScalesRoundLeftOfThePoint() {
        assertThat(TypeModifiers.applyNumeric(new BigDecimal("12345"), TypeModifiers.numeric(3, -2)))
                .isEqualTo(new BigDecimal("12300"));
        assertThatThrownBy(() -> TypeModifiers.applyNumeric(new BigDecimal("123456"), TypeModifiers.numeric(3, -2)))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.detail()).isEqualTo(
                        "A field with precision 3, scale -2 must round to an absolute value less than 10^5."));
    }

    @Test
    void outOfRangeModifiersAreRefused() {
        assertThatThrownBy(() -> TypeModifiers.typmodIn(TypeOids.BPCHAR, "bpchar", List.of(1, 2), sink))
                .hasMessage("invalid type modifier");
        assertThatThrownBy(() -> TypeModifiers.typmodIn(TypeOids.TIME, "time", List.of(-1), sink))
                .hasMessage("TIME(-1) precision must not be negative");
        assertThatThrownBy(() -> TypeModifiers.typmodIn(TypeOids.TIMESTAMPTZ, "timestamptz", List.of(-1), sink))
                .hasMessage("TIMESTAMP(-1) WITH TIME ZONE precision must not be negative");
        assertThatThrownBy(() -> TypeModifiers.typmodIn(TypeOids.INT4, "int4", List.of(5), sink))
                .hasMessage("type modifier is not allowed for type \"int4\"");
    }
}
