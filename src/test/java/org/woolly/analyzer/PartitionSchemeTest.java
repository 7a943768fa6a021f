package org.woolly.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.woolly.access.common.Attribute;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.PartitionBound;
import org.woolly.catalog.PartitionKey;
import org.woolly.catalog.RelationInfo;
import org.woolly.utils.adt.TypeOids;

/**
 * Bound comparison of {@link PartitionScheme} ({@code partition_rbound_cmp},
 * {@code check_new_partition_bound}, {@code get_partition_for_tuple}) and the text form of
 * {@link PartitionBound} that relpartbound stores.
 */
class PartitionSchemeTest {
    private static final TypeSystem TYPES = new BuiltinTypeSystem();

    private static RelationInfo table(int oid, String name) {
        Attribute a = new Attribute("a", TypeOids.INT4, -1, (short) 4, true, 'i', false);
        Attribute b = new Attribute("b", TypeOids.TEXT, -1, (short) -1, false, 'i', false);
        return new RelationInfo(oid, name, 2200, "public", 'r', null,
                List.of(new AttributeInfo((short) 1, "a", TypeOids.INT4, -1, false, null),
                        new AttributeInfo((short) 2, "b", TypeOids.TEXT, -1, false, null)),
                new TupleDescriptor(List.of(a, b)));
    }

    private static PartitionScheme rangeOnA(String... bounds) {
        Map<RelationInfo, PartitionBound> partitions = new LinkedHashMap<>();
        for (int i = 0; i < bounds.length; i++) {
            partitions.put(table(20000 + i, "p" + i), PartitionBound.parse(bounds[i]));
        }
        return PartitionScheme.of(table(10000, "t"), new PartitionKey('r', List.of(1), 0), TYPES, partitions);
    }

    @Test
    void rangeBoundsIncludeTheirLowerAndExcludeTheirUpperValue() {
        PartitionScheme scheme = rangeOnA("FOR VALUES FROM (MINVALUE) TO (0)", "FOR VALUES FROM (0) TO (10)",
                "FOR VALUES FROM (10) TO (MAXVALUE)");
        assertThat(scheme.route(new Object[] {-7, "x"}).relation().name()).isEqualTo("p0");
        assertThat(scheme.route(new Object[] {0, "x"}).relation().name()).isEqualTo("p1");
        assertThat(scheme.route(new Object[] {9, "x"}).relation().name()).isEqualTo("p1");
        assertThat(scheme.route(new Object[] {10, "x"}).relation().name()).isEqualTo("p2");
        assertThat(scheme.route(new Object[] {null, "x"})).isNull();
    }

    @Test
    void adjacentRangesDoNotOverlapButSharedValuesDo() {
        PartitionScheme scheme = rangeOnA("FOR VALUES FROM (0) TO (10)");
        RelationInfo candidate = table(30000, "c");
        assertThat(scheme.overlapping(scheme.member(candidate, PartitionBound.parse("FOR VALUES FROM (10) TO (20)"))))
                .isNull();
        assertThat(scheme.overlapping(scheme.member(candidate, PartitionBound.parse("FOR VALUES FROM (-5) TO (0)"))))
                .isNull();
        assertThat(scheme.overlapping(scheme.member(candidate, PartitionBound.parse("FOR VALUES FROM (9) TO (20)")))
                .relation().name()).isEqualTo("p0");
        assertThat(scheme.overlapping(scheme.member(candidate,
                PartitionBound.parse("FOR VALUES FROM (MINVALUE) TO (MAXVALUE)"))).relation().name()).isEqualTo("p0");
        assertThat(scheme.emptyRange(scheme.member(candidate, PartitionBound.parse("FOR VALUES FROM (5) TO (5)"))))
                .isTrue();
    }

    @Test
    void listPartitionsHoldTheirValuesAndNullWhenListedElseTheDefaultDoes() {
        Map<RelationInfo, PartitionBound> partitions = new LinkedHashMap<>();
        partitions.put(table(20001, "ab"), PartitionBound.parse("FOR VALUES IN ('a', 'b', NULL)"));
        partitions.put(table(20002, "rest"), PartitionBound.parse("DEFAULT"));
        PartitionScheme scheme = PartitionScheme.of(table(10000, "t"), new PartitionKey('l', List.of(2), 0), TYPES,
                partitions);
        assertThat(scheme.route(new Object[] {1, "b"}).relation().name()).isEqualTo("ab");
        assertThat(scheme.route(new Object[] {1, null}).relation().name()).isEqualTo("ab");
        assertThat(scheme.route(new Object[] {1, "c"}).relation().name()).isEqualTo("rest");
        assertThat(scheme.overlapping(scheme.member(table(30000, "c"), PartitionBound.parse("DEFAULT")))
                .relation().name()).isEqualTo("rest");
    }

    @Test
    void boundTextReadsBackAsWritten() {
        for (String text : List.of("DEFAULT", "FOR VALUES IN ('it''s', NULL, 'x, y')",
                "FOR VALUES FROM (MINVALUE, '-5') TO (10, MAXVALUE)",
                "FOR VALUES WITH (modulus 4, remainder 3)")) {
            assertThat(PartitionBound.parse(text).text()).isEqualTo(text);
        }
        assertThat(PartitionBound.parse("FOR VALUES IN ('it''s')").listValues().getFirst().text()).isEqualTo("it's");
    }
}
