package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

/**
 * The range codec and ordering: text input and output as {@code range_in}/{@code range_out}
 * (canonical forms, quoting, errors with their DETAIL), the binary and stored forms,
 * {@code range_cmp} and multirange canonicalization.
 */
class RangeIOTest {
    private static final FormatSettings SETTINGS = FormatSettings.DEFAULT;

    private static Object in(int type, String text) {
        return BuiltinTypes.byOid(type).io().input(text, -1, SETTINGS);
    }

    private static String out(int type, String text) {
        return BuiltinTypes.byOid(type).io().output(in(type, text), SETTINGS);
    }

    @Test
    void discreteRangesAreCanonical() {
        assertThat(out(TypeOids.INT4RANGE, "[1,5]")).isEqualTo("[1,6)");
        assertThat(out(TypeOids.INT4RANGE, "(1,5)")).isEqualTo("[2,5)");
        assertThat(out(TypeOids.INT4RANGE, "(1,2)")).isEqualTo("empty");
        assertThat(out(TypeOids.INT8RANGE, "(,10]")).isEqualTo("(,11)");
        assertThat(out(TypeOids.DATERANGE, "(2000-01-01,2000-01-03]")).isEqualTo("[2000-01-02,2000-01-04)");
        assertThat(out(TypeOids.NUMRANGE, " ( 1.5 , 2 ] ")).isEqualTo("(1.5,2]");
        assertThat(out(TypeOids.NUMRANGE, "[3,3)")).isEqualTo("empty");
        assertThat(out(TypeOids.INT4RANGE, " EmPtY ")).isEqualTo("empty");
    }

    @Test
    void boundsAreQuotedWhenTheyNeedIt() {
        assertThat(out(TypeOids.TSRANGE, "[\"2020-01-01 10:00\",)")).isEqualTo("[\"2020-01-01 10:00:00\",)");
        assertThat(out(TypeOids.INT4RANGE, "[\"1\",\\5)")).isEqualTo("[1,5)");
    }

    @Test
    void malformedLiteralsNameTheirFault() {
        assertThatThrownBy(() -> in(TypeOids.INT4RANGE, "[1,5"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState().code()).isEqualTo("22P02");
                    assertThat(e.getMessage()).isEqualTo("malformed range literal: \"[1,5\"");
                    assertThat(e.detail()).isEqualTo("Unexpected end of input.");
                });
        assertThatThrownBy(() -> in(TypeOids.INT4RANGE, "[1,5,6)"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.detail()).isEqualTo("Too many commas."));
        assertThatThrownBy(() -> in(TypeOids.INT4RANGE, "[5,1)"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("range lower bound must be less than or equal to range upper bound"));
        assertThatThrownBy(() -> in(TypeOids.INT4MULTIRANGE, "{[1,2) [3,4)}"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.detail())
                        .isEqualTo("Expected comma or end of multirange."));
    }

    @Test
    void binaryAndStoredFormsRoundTrip() {
        for (String text : List.of("[1,5)", "(,3)", "[7,)", "empty", "(,)")) {
            Object range = in(TypeOids.INT4RANGE, text);
            TypeIO io = BuiltinTypes.byOid(TypeOids.INT4RANGE).io();
            byte[] bytes = io.send(range, SETTINGS);
            assertThat(io.receive(bytes, 0, bytes.length, -1, SETTINGS)).isEqualTo(range);
            byte[] stored = RangeIO.encode(range);
            assertThat(RangeIO.decode(stored, 0, stored.length)).isEqualTo(range);
        }
        // range_send: flags, then int4 length and int4send of each present bound
        byte[] bytes = BuiltinTypes.byOid(TypeOids.INT4RANGE).io().send(in(TypeOids.INT4RANGE, "[1,5)"), SETTINGS);
        assertThat(bytes).containsExactly(2, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 5);
        Object multirange = in(TypeOids.NUMMULTIRANGE, "{[1.5,2), (3,4]}");
        byte[] stored = RangeIO.encode(multirange);
        assertThat(RangeIO.decode(stored, 0, stored.length)).isEqualTo(multirange);
    }

    @Test
    void orderingIsRangeCmp() {
        List<Object> ranges = new ArrayList<>();
        for (String text : List.of("[2,3)", "(,5)", "empty", "[1,5)", "[1,3)", "(,)")) {
            ranges.add(in(TypeOids.INT4RANGE, text));
        }
        ranges.sort(BuiltinTypes.comparator(TypeOids.INT4RANGE));
        List<String> sorted = ranges.stream().map(r -> BuiltinTypes.byOid(TypeOids.INT4RANGE).io().output(r, SETTINGS))
                .toList();
        assertThat(sorted).containsExactly("empty", "(,5)", "(,)", "[1,3)", "[1,5)", "[2,3)");
        assertThat(in(TypeOids.NUMRANGE, "[1.0,2.0)")).isEqualTo(in(TypeOids.NUMRANGE, "[1,2)"));
        assertThat(in(TypeOids.NUMRANGE, "[1.0,2.0)").hashCode()).isEqualTo(in(TypeOids.NUMRANGE, "[1,2)").hashCode());
    }

    @Test
    void multirangesMergeTheirMembers() {
        assertThat(out(TypeOids.INT4MULTIRANGE, "{[5,6), [1,3), [2,4), empty, [4,4]}")).isEqualTo("{[1,6)}");
        assertThat(out(TypeOids.NUMMULTIRANGE, "{[1,2), (2,3)}")).isEqualTo("{[1,2),(2,3)}");
        assertThat(out(TypeOids.NUMMULTIRANGE, " { } ")).isEqualTo("{}");
    }
}
