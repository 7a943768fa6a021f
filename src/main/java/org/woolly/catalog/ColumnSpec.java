package org.woolly.catalog;

/** A column to create: name, resolved type OID and modifier, NOT NULL, DEFAULT as SQL text (or null). */
public record ColumnSpec(String name, int typeOid, int typeModifier, boolean notNull, String defaultExpression) {}
