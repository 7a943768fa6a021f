package org.woolly.catalog;

/**
 * A range type to create ({@code DefineRange} of {@code typecmds.c}): its subtype with the B-tree
 * operator class, collation and subtype difference function already looked up (0: none), the
 * alignment ('d' over a double-aligned subtype, else 'i'), and the multirange type's schema and
 * name ({@code multirangeName} null: derived from the range type's, as {@code makeMultirangeTypeName} does).
 */
public record RangeDefinition(int subtype, int subtypeOpclass, int collation, int subtypeDiff, char align,
                              String multirangeSchema, String multirangeName) {}
