package org.woolly.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.access.common.Attribute;
import org.woolly.access.common.TupleCodec;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.utils.adt.TypeOids;

/** Dropped columns and missing values: stored tuples of an altered table read as its live columns. */
class StoredLayoutTest {
    private static final Attribute A = new Attribute("a", TypeOids.INT4, -1, (short) 4, true, 'i', false);
    private static final Attribute DROPPED_NAME = new Attribute("........pg.dropped.2........", 0, -1, (short) 64,
            false, 'c', false);
    private static final Attribute B = new Attribute("b", TypeOids.TEXT, -1, (short) -1, false, 'i', false);
    private static final Attribute C = new Attribute("c", TypeOids.INT8, -1, (short) 8, true, 'd', false);

    /** a, a dropped name column, b, and c added later with a missing value of 42. */
    private static RelationInfo altered() {
        TupleDescriptor physical = new TupleDescriptor(List.of(A, DROPPED_NAME, B, C));
        StoredLayout layout = new StoredLayout(physical, new int[] {0, 2, 3}, new Object[] {null, null, null, 42L});
        List<AttributeInfo> live = List.of(new AttributeInfo((short) 1, "a", TypeOids.INT4, -1, false, null),
                new AttributeInfo((short) 3, "b", TypeOids.TEXT, -1, false, null),
                new AttributeInfo((short) 4, "c", TypeOids.INT8, -1, false, null));
        return new RelationInfo(16384, "t", 2200, "public", 'r', null, live,
                new TupleDescriptor(List.of(A, B, C)), layout);
    }

    @Test
    void aTupleFromBeforeTheDropAndTheAddReadsAsTheLiveColumns() {
        Attribute name = new Attribute("n", TypeOids.NAME, -1, (short) 64, false, 'c', false);
        byte[] old = TupleCodec.encode(new TupleDescriptor(List.of(A, name, B)),
                new Object[] {7, "gone", "kept"});
        assertThat(TupleCodec.storedAttributeCount(old)).isEqualTo(3);
        assertThat(altered().decode(old)).containsExactly(7, "kept", 42L);
    }

    @Test
    void aNewTupleStoresNullForTheDroppedColumnAndItsOwnValueForTheAddedOne() {
        RelationInfo relation = altered();
        byte[] body = relation.encode(new Object[] {1, null, 5L});
        assertThat(TupleCodec.storedAttributeCount(body)).isEqualTo(4);
        assertThat(TupleCodec.decode(new TupleDescriptor(List.of(A, DROPPED_NAME, B, C)), body))
                .containsExactly(1, null, null, 5L);
        assertThat(relation.decode(body)).containsExactly(1, null, 5L);
    }

    @Test
    void missingValuesRoundTripThroughTheirArrayLiteral() {
        assertThat(MissingValues.write(5, TypeOids.INT4)).isEqualTo("{5}");
        assertThat(MissingValues.write("a b", TypeOids.TEXT)).isEqualTo("{\"a b\"}");
        assertThat(MissingValues.write("say \"hi\"\\", TypeOids.TEXT)).isEqualTo("{\"say \\\"hi\\\"\\\\\"}");
        assertThat(MissingValues.write("", TypeOids.TEXT)).isEqualTo("{\"\"}");
        assertThat(MissingValues.write("NULL", TypeOids.TEXT)).isEqualTo("{\"NULL\"}");
        for (Object[] sample : new Object[][] {{5, TypeOids.INT4}, {"a b", TypeOids.TEXT},
                {"say \"hi\"\\", TypeOids.TEXT}, {"", TypeOids.TEXT}, {"NULL", TypeOids.TEXT},
                {new BigDecimal("1.50"), TypeOids.NUMERIC}, {true, TypeOids.BOOL}}) {
            int type = (Integer) sample[1];
            assertThat(MissingValues.read(MissingValues.write(sample[0], type), type, -1)).isEqualTo(sample[0]);
        }
    }
}
