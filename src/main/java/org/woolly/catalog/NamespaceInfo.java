package org.woolly.catalog;

/**
 * A schema as the commands need it, from {@code pg_namespace}: OID, name, owner and access
 * privileges ({@code nspacl} in its {@code aclitem[]} text form, null for the owner's defaults).
 */
public record NamespaceInfo(int oid, String name, int ownerOid, String acl) {

    /** Whether this is one of the schemas initdb makes that nothing may drop (pg_catalog, pg_toast). */
    public boolean isSystem() {
        return oid == CatalogOids.PG_CATALOG_NAMESPACE || oid == CatalogOids.PG_TOAST_NAMESPACE;
    }
}
