package org.woolly.catalog;

import org.woolly.utils.adt.PgTypeData;

/**
 * A {@code pg_type} row as the catalog layer needs it: identity, physical layout (length, by
 * value, alignment, storage), kind ({@code typtype}: 'b' base, 'c' composite, 'p' pseudo),
 * the relation of a row type ({@code typrelid}), array/element links and collation.
 */
public record TypeInfo(int oid, String name, int namespaceOid, short length, boolean byValue, char align,
                       char storage, char typtype, char category, int relationOid, int elementOid, int arrayOid,
                       int collation) {

    public boolean isPseudoType() {
        return typtype == 'p';
    }

    public static TypeInfo of(PgTypeData.Type type) {
        return new TypeInfo(type.oid(), type.name(), CatalogOids.PG_CATALOG_NAMESPACE, type.length(),
                type.byValue(), type.align(), type.storage(), type.typtype(), type.category(), 0,
                type.elementOid(), type.arrayOid(), type.collation());
    }
}
