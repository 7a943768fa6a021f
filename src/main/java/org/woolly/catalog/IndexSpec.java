package org.woolly.catalog;

import java.util.List;

/**
 * An index to create on a table: its (already chosen) name, the table columns it stores by
 * 1-based attribute number (key columns, then INCLUDE columns), and per key column DESC and
 * NULLS FIRST. The catalog fills in types and operator classes from the table's columns.
 */
public record IndexSpec(String name, List<Short> columns, int keyColumnCount, List<Boolean> descending,
                        List<Boolean> nullsFirst, boolean unique, boolean primary, boolean nullsNotDistinct) {}
