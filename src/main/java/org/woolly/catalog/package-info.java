/**
 * System catalogs stored as ordinary heap tables ({@code pg_class}, {@code pg_attribute},
 * {@code pg_type}, {@code pg_namespace}, {@code pg_database}, {@code pg_authid}, ...), their
 * bootstrap at init time, lookups with caches and their invalidation, and the creation and
 * removal of relations. PostgreSQL counterpart: {@code src/backend/catalog},
 * {@code src/backend/utils/cache}.
 */
package org.woolly.catalog;
