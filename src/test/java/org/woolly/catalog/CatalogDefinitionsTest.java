package org.woolly.catalog;

import org.junit.jupiter.api.Test;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.adt.PgTypeData;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogDefinitionsTest {

    @Test
    void catalogsHavePostgres15ColumnCountsAndOids() {
        assertThat(CatalogDefinitions.PG_CLASS.columns()).hasSize(33);
        assertThat(CatalogDefinitions.PG_ATTRIBUTE.columns()).hasSize(26);
        assertThat(CatalogDefinitions.PG_TYPE.columns()).hasSize(32);
        assertThat(CatalogDefinitions.PG_PROC.columns()).hasSize(30);
        assertThat(CatalogDefinitions.PG_DATABASE.columns()).hasSize(16);
        assertThat(CatalogDefinitions.PG_AUTHID.columns()).hasSize(12);
        assertThat(CatalogDefinitions.PG_INDEX.columns()).hasSize(21);
        assertThat(CatalogDefinitions.PG_CONSTRAINT.columns()).hasSize(26);
        assertThat(CatalogDefinitions.PG_NAMESPACE.oid()).isEqualTo(2615);
        assertThat(CatalogDefinitions.PG_CLASS.column("relname")).isEqualTo(1);
        assertThat(CatalogDefinitions.PG_ATTRIBUTE.column("attnum")).isEqualTo(5);
        assertThat(CatalogDefinitions.PG_CLASS.columns().get(CatalogDefinitions.PG_CLASS.column("relacl"))
                .postgresTypeName()).isEqualTo("aclitem[]");
    }

    @Test
    void functionRowsStoreArgumentTypesAsOidvectorText() {
        Object[] row = CatalogRows.function(1318, "length", new int[] {25}, 23, true, false, 'i', 'f');
        new CheckingTupleCodec().encode(CatalogDefinitions.PG_PROC.descriptor(), row);
        assertThat(row[CatalogDefinitions.PG_PROC.column("proargtypes")]).isEqualTo("25");
        assertThat(row[CatalogDefinitions.PG_PROC.column("pronargs")]).isEqualTo((short) 1);
        Object[] variadic = CatalogRows.function(3058, "concat", new int[] {23, 2276}, 25, false, true, 's', 'f');
        assertThat(variadic[CatalogDefinitions.PG_PROC.column("proargtypes")]).isEqualTo("23 2276");
        assertThat(variadic[CatalogDefinitions.PG_PROC.column("provariadic")]).isEqualTo(2276);
    }

    @Test
    void sharedCatalogsLiveInTheGlobalTablespace() {
        assertThat(CatalogDefinitions.PG_DATABASE.locator(5))
                .isEqualTo(new RelFileLocator(RelFileLocator.GLOBAL_TABLESPACE_OID, 0, 1262));
        assertThat(CatalogDefinitions.PG_CLASS.locator(5))
                .isEqualTo(new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 1259));
        assertThat(CatalogDefinitions.all()).filteredOn(CatalogDefinition::shared)
                .extracting(CatalogDefinition::name).containsExactlyInAnyOrder("pg_authid", "pg_database",
                        "pg_tablespace", "pg_db_role_setting", "pg_auth_members", "pg_shdescription", "pg_subscription",
                        "pg_shseclabel", "pg_parameter_acl");
    }

    @Test
    void rowTypeOidsAreUniqueAndBelowNormalObjects() {
        Set<Integer> oids = new HashSet<>();
        for (PgTypeData.Type type : PgTypeData.all()) {
            assertThat(oids.add(type.oid())).as("type %s", type.name()).isTrue();
        }
        for (CatalogDefinition catalog : CatalogDefinitions.all()) {
            int rowType = CatalogDefinitions.rowTypeOid(catalog);
            assertThat(oids.add(rowType)).as("row type of %s", catalog.name()).isTrue();
            assertThat(rowType).isLessThan(CatalogOids.FIRST_NORMAL_OBJECT_ID);
        }
        assertThat(CatalogDefinitions.rowTypeOid(CatalogDefinitions.PG_CLASS)).isEqualTo(83);
    }

    @Test
    void everyBuiltinArrayPointsBackToItsElement() {
        for (PgTypeData.Type type : PgTypeData.all()) {
            if (type.arrayOid() != 0) {
                PgTypeData.Type array = PgTypeData.byOid(type.arrayOid());
                assertThat(array.elementOid()).isEqualTo(type.oid());
                assertThat(array.name()).isEqualTo("_" + type.name());
            }
        }
    }

    @Test
    void rowsCarryTheJavaRepresentationTheTupleCodecExpects() {
        CheckingTupleCodec codec = new CheckingTupleCodec();
        Object[] classRow = CatalogRows.heapRelation(16384, "t", 2200, 16385, 16384, 0, false, 'p', 2, false);
        Object[] decoded = codec.decode(CatalogDefinitions.PG_CLASS.descriptor(),
                codec.encode(CatalogDefinitions.PG_CLASS.descriptor(), classRow));
        assertThat(decoded[CatalogDefinitions.PG_CLASS.column("relkind")]).isEqualTo("r");
        assertThat(decoded[CatalogDefinitions.PG_CLASS.column("relnatts")]).isEqualTo((short) 2);
        assertThat(decoded[CatalogDefinitions.PG_CLASS.column("reltuples")]).isEqualTo(-1.0f);
        for (Object[] row : CatalogRows.systemAttributes(16384)) {
            codec.encode(CatalogDefinitions.PG_ATTRIBUTE.descriptor(), row);
        }
        assertThat(CatalogRows.systemAttributes(16384))
                .extracting(row -> row[CatalogDefinitions.PG_ATTRIBUTE.column("attnum")])
                .containsExactly((short) -1, (short) -2, (short) -3, (short) -4, (short) -5, (short) -6);
    }
}
