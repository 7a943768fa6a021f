/**
 * System catalogs stored as ordinary heap tables ({@code pg_class}, {@code pg_attribute},
 * {@code pg_type}, {@code pg_namespace}, {@code pg_database}, {@code pg_authid}, ...), their
 * bootstrap at init time, lookups with caches and their invalidation, and the creation and
 * removal of relations. PostgreSQL counterpart: {@code src/backend/catalog},
 * {@code src/backend/utils/cache}.
 *
 * <p>Entry points: {@link org.woolly.catalog.SystemCatalog} (server-wide: roles, databases,
 * {@code catalogFor(db)}), {@link org.woolly.catalog.DatabaseCatalog} (the {@link
 * org.woolly.catalog.CatalogAccess} of one database and search_path),
 * {@link org.woolly.catalog.bootstrap.InitDb#bootstrap} (initdb). See README.md.
 */
package org.woolly.catalog;
