package org.woolly.access.common;

/**
 * One column of a tuple descriptor ({@code pg_attribute}'s physical columns): name, type OID,
 * type modifier (-1 when none), {@code typlen}, {@code typbyval}, {@code typalign}, NOT NULL.
 */
public record Attribute(String name, int typeOid, int typeModifier, short length, boolean byValue, char align,
                        boolean notNull) {}
