package org.woolly.access.common;

/**
 * One column of a tuple descriptor ({@code pg_attribute}'s physical columns): name, type OID,
 * type modifier (-1 when none), {@code typlen}, {@code typbyval}, {@code typalign}, NOT NULL, and
 * {@code attstorage} ('p' plain, 'm' main, 'e' external, 'x' extended), which TOAST reads.
 */
public record Attribute(String name, int typeOid, int typeModifier, short length, boolean byValue, char align,
                        boolean notNull, char storage) {
    /** A column with its type's usual storage: 'x' for a variable-length type, else 'p'. */
    public Attribute(String name, int typeOid, int typeModifier, short length, boolean byValue, char align,
                     boolean notNull) {
        this(name, typeOid, typeModifier, length, byValue, align, notNull, length == -1 ? 'x' : 'p');
    }
}
