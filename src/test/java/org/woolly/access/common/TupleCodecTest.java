package org.woolly.access.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.Interval;
import org.woolly.utils.adt.NumericSpecial;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;

class TupleCodecTest {
    private static Attribute column(String name, int typeOid) {
        PgType type = BuiltinTypes.byOid(typeOid);
        return new Attribute(name, typeOid, -1, type.length(), type.byValue(), type.align(), false);
    }

    private static TupleDescriptor descriptor(int... types) {
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            attributes.add(column("c" + i, types[i]));
        }
        return new TupleDescriptor(attributes);
    }

    @Test
    void roundTripsEveryType() {
        TupleDescriptor descriptor = descriptor(TypeOids.BOOL, TypeOids.INT2, TypeOids.INT4, TypeOids.INT8,
                TypeOids.FLOAT4, TypeOids.FLOAT8, TypeOids.NUMERIC, TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.BPCHAR,
                TypeOids.NAME, TypeOids.CHAR, TypeOids.BYTEA, TypeOids.OID, TypeOids.DATE, TypeOids.TIME,
                TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, TypeOids.INTERVAL, TypeOids.NUMERIC);
        Object[] values = {true, (short) -2, 123456, Long.MIN_VALUE, 1.5f, -2.25, new BigDecimal("-123.4500"),
            "héllo", "v", "ab  ", "pg_class", "x", new byte[] {0, (byte) 255}, -1, 8766, 3_600_000_000L,
            1_000_000L, -5L, new Interval(14, -3, 7_000_001L), NumericSpecial.NEGATIVE_INFINITY};
        Object[] decoded = TupleCodec.decode(descriptor, TupleCodec.encode(descriptor, values));
        assertThat(decoded).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof byte[] bytes) {
                assertThat((byte[]) decoded[i]).containsExactly(bytes);
            } else {
                assertThat(decoded[i]).as("attribute %d", i).isEqualTo(values[i]);
            }
        }
        assertThat(((BigDecimal) decoded[6]).scale()).isEqualTo(4);
    }

    @Test
    void nullsUseTheBitmapAndTakeNoSpace() {
        TupleDescriptor descriptor = descriptor(TypeOids.INT4, TypeOids.TEXT, TypeOids.INT8);
        byte[] withoutNulls = TupleCodec.encode(descriptor, new Object[] {1, "a", 2L});
        byte[] withNull = TupleCodec.encode(descriptor, new Object[] {1, null, 2L});
        // header 2 + int4 at 4 (after 2 padding) = 8, "a" short varlena = 10, int8 aligned to 16 = 24
        assertThat(withoutNulls).hasSize(24);
        assertThat(withoutNulls[0] & 0xFF).isEqualTo(3);
        assertThat(withoutNulls[1] & 0x80).isZero();
        // header 2 + bitmap 1, int4 aligned at 4 = 8, int8 aligned at 8 = 16
        assertThat(withNull).hasSize(16);
        assertThat(withNull[1] & 0x80).isEqualTo(0x80);
        assertThat(withNull[2]).isEqualTo((byte) 0b101);
        assertThat(TupleCodec.decode(descriptor, withNull)).containsExactly(1, null, 2L);
        assertThat(TupleCodec.decode(descriptor, TupleCodec.encode(descriptor, new Object[3])))
                .containsExactly(null, null, null);
    }

    @Test
    void shortAndLongVarlenaHeaders() {
        TupleDescriptor descriptor = descriptor(TypeOids.BOOL, TypeOids.TEXT, TypeOids.TEXT, TypeOids.BOOL);
        String shortText = "x".repeat(126);
        String longText = "y".repeat(127);
        byte[] body = TupleCodec.encode(descriptor, new Object[] {true, shortText, longText, false});
        // 2 header + 1 bool = 3; short varlena 1 + 126 = 130; long header aligned to 132, 4 + 127 = 263; bool = 264
        assertThat(body).hasSize(264);
        assertThat(body[3] & 0xFF).isEqualTo((127 << 1) | 1);
        assertThat(body[130]).isZero();
        assertThat(TupleCodec.decode(descriptor, body)).containsExactly(true, shortText, longText, false);
    }

    @Test
    void missingTrailingAttributesDecodeAsNull() {
        TupleDescriptor old = descriptor(TypeOids.INT4, TypeOids.TEXT);
        TupleDescriptor widened = descriptor(TypeOids.INT4, TypeOids.TEXT, TypeOids.INT8, TypeOids.NUMERIC);
        byte[] body = TupleCodec.encode(old, new Object[] {7, "seven"});
        assertThat(TupleCodec.decode(widened, body)).containsExactly(7, "seven", null, null);
    }

    @Test
    void decodesOnlyTheNeededAttributesOfABodyInsideALargerArray() {
        TupleDescriptor descriptor = descriptor(TypeOids.INT4, TypeOids.TEXT, TypeOids.INT8, TypeOids.NUMERIC,
                TypeOids.BPCHAR, TypeOids.INT2);
        String longText = "x".repeat(300); // a four-byte varlena header, aligned
        Object[] values = {7, longText, null, new BigDecimal("12.50"), "tail", (short) 3};
        byte[] body = TupleCodec.encode(descriptor, values);
        byte[] page = new byte[body.length + 37];
        System.arraycopy(body, 0, page, 37, body.length);
        java.util.BitSet needed = new java.util.BitSet();
        needed.set(1);
        needed.set(3);

        Object[] decoded = TupleCodec.decode(descriptor, page, 37, needed);

        assertThat(decoded).containsExactly(null, longText, null, new BigDecimal("12.50"), null, null);
        assertThat(TupleCodec.decode(descriptor, page, 37, null)).containsExactly(values);
        assertThat(TupleCodec.decode(descriptor, body, new java.util.BitSet())).containsOnlyNulls();
    }
}
