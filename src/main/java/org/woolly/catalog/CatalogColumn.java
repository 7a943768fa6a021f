package org.woolly.catalog;

/**
 * A column of a system catalog: its name, the type its values are stored as, and whether it is
 * declared NOT NULL. Where PostgreSQL uses a type Woolly does not have (aclitem[], text[],
 * oidvector, int2vector, pg_node_tree, regproc, anyarray, oid[] ...), the column is stored as
 * {@code text} (see README.md), and {@code postgresTypeName} keeps PostgreSQL's type for reference.
 */
public record CatalogColumn(String name, int typeOid, boolean notNull, String postgresTypeName) {}
