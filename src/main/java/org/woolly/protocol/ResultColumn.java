package org.woolly.protocol;

/**
 * One field of RowDescription: name, source table OID and column number (0 when not a plain
 * column), type OID, type length ({@code pg_type.typlen}) and type modifier (-1 when none).
 */
public record ResultColumn(String name, int tableOid, short columnNumber, int typeOid, short typeLength,
                           int typeModifier) {}
