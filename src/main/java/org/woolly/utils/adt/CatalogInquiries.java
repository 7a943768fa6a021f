package org.woolly.utils.adt;

/**
 * What the catalog-reading functions psql and other clients call ask of the session's catalog
 * ({@code pg_table_is_visible} of {@code namespace.c}, {@code pg_get_userbyid} of {@code acl.c}).
 * The executor implements it over the statement's transaction and search_path.
 */
public interface CatalogInquiries {
    /**
     * Whether the relation of that OID would be found by its unqualified name through the
     * search_path ({@code RelationIsVisible}); null when no such relation exists.
     */
    Boolean tableIsVisible(int relationOid);

    /** The role's name, or null when no role has that OID (PostgreSQL prints "unknown (OID=n)"). */
    String roleName(int roleOid);

    /** The SQL name of the type with that modifier (-1: none), "???" for an unknown OID ({@code format_type}). */
    String formatType(int typeOid, int typmod);
}
