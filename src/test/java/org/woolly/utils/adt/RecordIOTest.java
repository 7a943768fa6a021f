package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** {@code record_in}/{@code record_out}/{@code record_recv}/{@code record_send} and {@code record_cmp}, against PostgreSQL 15's answers. */
class RecordIOTest {
    private static final FormatSettings SETTINGS = FormatSettings.DEFAULT;
    private static final int COMPOSITE = 90000;
    private static final RecordIO INT_TEXT_INT = new RecordIO(COMPOSITE,
            new int[] {TypeOids.INT4, TypeOids.TEXT, TypeOids.INT4});

    private static RecordValue row(int[] types, Object... values) {
        return new RecordValue(TypeOids.RECORD, types, values);
    }

    private static String out(RecordValue value) {
        return RecordIO.ANONYMOUS.output(value, SETTINGS);
    }

    @Test
    void outputQuotesAsRecordOut() {
        int[] types = {TypeOids.INT4, TypeOids.TEXT, TypeOids.INT4};
        assertThat(out(row(types, 1, "a b", null))).isEqualTo("(1,\"a b\",)");
        assertThat(out(row(new int[] {TypeOids.TEXT}, ""))).isEqualTo("(\"\")");
        assertThat(out(row(new int[] {TypeOids.TEXT, TypeOids.TEXT}, "a\"b", "c\\d"))).isEqualTo("(\"a\"\"b\",\"c\\\\d\")");
        assertThat(out(row(new int[] {TypeOids.TEXT}, "x,y(z)"))).isEqualTo("(\"x,y(z)\")");
        assertThat(out(row(new int[] {TypeOids.TEXT}, (Object) null))).isEqualTo("()");
    }

    @Test
    void nestedRowsAndArraysAreQuoted() {
        RecordValue inner = row(new int[] {TypeOids.INT4, TypeOids.TEXT}, 2, "x y");
        assertThat(out(row(new int[] {TypeOids.INT4, TypeOids.RECORD}, 1, inner))).isEqualTo("(1,\"(2,\"\"x y\"\")\")");
        ArrayValue array = (ArrayValue) BuiltinTypes.byOid(1007).io().input("{1,2}", -1, SETTINGS);
        assertThat(out(row(new int[] {1007}, array))).isEqualTo("(\"{1,2}\")");
    }

    @Test
    void inputSplitsFieldsAsRecordIn() {
        RecordValue value = (RecordValue) INT_TEXT_INT.input("(1,\"a b\",)", -1, SETTINGS);
        assertThat(value.typeOid()).isEqualTo(COMPOSITE);
        assertThat(Arrays.asList(value.values())).containsExactly(1, "a b", null);
        RecordValue spaced = (RecordValue) INT_TEXT_INT.input(" ( 1 , x ,\"3\") ", -1, SETTINGS);
        assertThat(out(spaced)).isEqualTo("(1,\" x \",3)");
        RecordValue escaped = (RecordValue) INT_TEXT_INT.input("(1,\"a\"\"b\\\\c\"d,2)", -1, SETTINGS);
        assertThat(escaped.values()[1]).isEqualTo("a\"b\\cd");
    }

    @Test
    void malformedLiteralsAre22P02WithPostgresDetails() {
        assertMalformed("1,2,3)", "Missing left parenthesis.");
        assertMalformed("(1,x)", "Too few columns.");
        assertMalformed("(1,x,3,4)", "Too many columns.");
        assertMalformed("(1,x,3) y", "Junk after right parenthesis.");
        assertMalformed("(1,\"x", "Unexpected end of input.");
        assertThatThrownBy(() -> RecordIO.ANONYMOUS.input("(1,2)", -1, SETTINGS))
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.sqlState()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
                    assertThat(error.getMessage()).isEqualTo("input of anonymous composite types is not implemented");
                });
    }

    private static void assertMalformed(String text, String detail) {
        assertThatThrownBy(() -> INT_TEXT_INT.input(text, -1, SETTINGS))
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.sqlState()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION);
                    assertThat(error.getMessage()).isEqualTo("malformed record literal: \"" + text + "\"");
                    assertThat(error.detail()).isEqualTo(detail);
                });
    }

    @Test
    void binaryFormRoundTrips() {
        RecordValue inner = row(new int[] {TypeOids.INT4, TypeOids.TEXT}, 2, null);
        RecordValue value = row(new int[] {TypeOids.INT8, TypeOids.RECORD, TypeOids.TEXT}, 5L, inner, "z");
        byte[] bytes = RecordIO.encode(value, SETTINGS);
        // int32 count, then per field: type OID, length, bytes (record_send)
        assertThat(TypeErrors.readInt(bytes, 0)).isEqualTo(3);
        assertThat(TypeErrors.readInt(bytes, 4)).isEqualTo(TypeOids.INT8);
        assertThat(TypeErrors.readInt(bytes, 8)).isEqualTo(8);
        RecordValue back = RecordIO.decode(bytes, 0, bytes.length, TypeOids.RECORD, SETTINGS);
        assertThat(back).isEqualTo(value);
        assertThat(out(back)).isEqualTo("(5,\"(2,)\",z)");
    }

    @Test
    void orderingIsRecordCmpWithNullsLast() {
        int[] types = {TypeOids.INT4, TypeOids.INT4};
        assertThat(row(types, 1, 2).compareTo(row(types, 1, 3))).isNegative();
        assertThat(row(types, 1, null).compareTo(row(types, 1, 3))).isPositive();
        assertThat(row(types, 1, null)).isEqualTo(row(types, 1, null));
        assertThat(row(types, 1, null).hashCode()).isEqualTo(row(types, 1, null).hashCode());
        assertThat(row(types, 1, 2).allNull()).isFalse();
        assertThat(row(types, null, null).allNull()).isTrue();
        assertThat(row(types, 1, null).noneNull()).isFalse();
        assertThatThrownBy(() -> row(types, 1, 2).compareTo(row(new int[] {TypeOids.INT4}, 1)))
                .isInstanceOfSatisfying(SqlException.class,
                        error -> assertThat(error.getMessage())
                                .isEqualTo("cannot compare record types with different numbers of columns"));
    }
}
