package org.woolly.catalog;

import org.junit.jupiter.api.Test;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.PgType;

import static org.assertj.core.api.Assertions.assertThat;

/** pg_type's rows agree with the type layer on every type it implements. */
class BuiltinTypesAgreementTest {

    @Test
    void everyImplementedTypeHasAMatchingPgTypeRow() {
        for (PgType type : BuiltinTypes.all()) {
            BootstrapType row = BootstrapTypes.byOid(type.oid());
            assertThat(row).as("pg_type row for %s", type.name()).isNotNull();
            assertThat(row.name()).isEqualTo(type.name());
            assertThat(row.length()).as("typlen of %s", type.name()).isEqualTo(type.length());
            assertThat(row.byValue()).as("typbyval of %s", type.name()).isEqualTo(type.byValue());
            assertThat(row.align()).as("typalign of %s", type.name()).isEqualTo(type.align());
            assertThat(row.category()).as("typcategory of %s", type.name()).isEqualTo(type.category());
            assertThat(row.arrayOid()).as("typarray of %s", type.name()).isEqualTo(type.arrayTypeOid());
        }
    }
}
