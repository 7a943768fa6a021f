package org.woolly.utils.adt;

/**
 * The version of the built-in catalog contents and layout: PostgreSQL's
 * {@code CATALOG_VERSION_NO} ({@code src/include/catalog/catversion.h}). initdb records it in
 * {@code pg_control}; a server refuses a data directory recorded with another number, since its
 * catalogs would not match the built-ins this binary serves.
 *
 * <p>Change it (to the date, yyyymmddN) in every commit that changes what initdb writes: a row
 * of {@link PgTypeData}, {@link PgProcData}, {@link PgOperatorData}, {@link PgCastData} or
 * {@link PgAggregateData}, or a system catalog's columns.
 */
public final class CatalogVersion {
    public static final int CATALOG_VERSION_NO = 202612228;

    private CatalogVersion() {}
}
