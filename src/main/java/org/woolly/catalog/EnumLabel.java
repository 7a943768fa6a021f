package org.woolly.catalog;

/**
 * A {@code pg_enum} row: one value of an enum type. A stored enum value is the label's OID, so
 * renaming a label rewrites nothing; values compare by {@code sortOrder}, which lets ADD VALUE
 * BEFORE/AFTER place a new label between two others (as {@code pg_enum.c} does).
 */
public record EnumLabel(int oid, int typeOid, float sortOrder, String label) {}
