package org.woolly.access.common;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** reloptions.c's parsing and merging, with PostgreSQL 15's results for the same lists. */
class RelationOptionsTest {
    private static RelationOptions.Option option(String name, String value) {
        return new RelationOptions.Option(name, value);
    }

    @Test
    void setKeepsTheOldOptionsItDoesNotNameAndAppendsTheNewOnes() {
        List<String> created = RelationOptions.transform(RelationOptions.Kind.HEAP, List.of(),
                List.of(option("fillfactor", "30"), option("autovacuum_enabled", "false")), false);
        assertThat(created).containsExactly("fillfactor=30", "autovacuum_enabled=false");
        List<String> altered = RelationOptions.transform(RelationOptions.Kind.HEAP, created,
                List.of(option("autovacuum_enabled", null), option("fillfactor", "32")), false);
        assertThat(altered).containsExactly("autovacuum_enabled=true", "fillfactor=32");
        assertThat(RelationOptions.transform(RelationOptions.Kind.HEAP, altered,
                List.of(option("fillfactor", null), option("no_such_option", null)), true))
                .containsExactly("autovacuum_enabled=true");
    }

    @Test
    void storedValuesAreParsedForTheirUsers() {
        RelationOptions heap = RelationOptions.of(RelationOptions.Kind.HEAP, List.of("fillfactor= 50 ",
                "autovacuum_enabled=off", "vacuum_truncate=no", "autovacuum_vacuum_scale_factor=5e-2",
                "autovacuum_vacuum_threshold=0x10"));
        assertThat(heap.fillFactor()).isEqualTo(50);
        assertThat(heap.autovacuumEnabled()).isFalse();
        assertThat(heap.vacuumTruncate()).isFalse();
        assertThat(heap.vacuumScaleFactor()).isEqualTo(0.05);
        assertThat(heap.vacuumThreshold()).isEqualTo(16);
        assertThat(RelationOptions.defaults(RelationOptions.Kind.HEAP).fillFactor()).isEqualTo(100);
        assertThat(RelationOptions.defaults(RelationOptions.Kind.BTREE).fillFactor()).isEqualTo(90);
    }

    @Test
    void fractionsOfIntegerOptionsAreRoundedBeforeTheBoundsCheck() {
        assertThat(RelationOptions.of(RelationOptions.Kind.HEAP, RelationOptions.transform(RelationOptions.Kind.HEAP,
                List.of(), List.of(option("fillfactor", "69.5")), false)).fillFactor()).isEqualTo(70);
        SqlException error = catchThrowableOfType(SqlException.class, () -> RelationOptions.transform(
                RelationOptions.Kind.HEAP, List.of(), List.of(option("fillfactor", "-30.1")), false));
        assertThat(error.getMessage()).isEqualTo("value -30.1 out of bounds for option \"fillfactor\"");
    }

    @Test
    void optionsOfTheOtherKindAreUnrecognized() {
        SqlException error = catchThrowableOfType(SqlException.class, () -> RelationOptions.transform(
                RelationOptions.Kind.HEAP, List.of(), List.of(option("deduplicate_items", "off")), false));
        assertThat(error.getMessage()).isEqualTo("unrecognized parameter \"deduplicate_items\"");
        assertThat(RelationOptions.transform(RelationOptions.Kind.BTREE, List.of(),
                List.of(option("deduplicate_items", "off")), false)).containsExactly("deduplicate_items=off");
    }
}
