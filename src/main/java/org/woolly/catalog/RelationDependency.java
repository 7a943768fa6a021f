package org.woolly.catalog;

/**
 * A {@code pg_depend} row between relations: a sequence owned by a column ({@code 'a'},
 * {@code 'i'}: object the sequence, referenced the table and column), or a column default
 * that calls nextval on a sequence ({@code 'n'}: object the table and column, referenced the
 * sequence; PostgreSQL names the pg_attrdef row as the object).
 */
public record RelationDependency(int objectOid, int objectColumn, int referencedOid, int referencedColumn, char type) {}
