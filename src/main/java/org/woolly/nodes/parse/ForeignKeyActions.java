package org.woolly.nodes.parse;

/**
 * The MATCH type and ON UPDATE / ON DELETE actions written after REFERENCES, in
 * {@code pg_constraint}'s letters: match {@code s} simple (the default) or {@code f} full;
 * actions {@code a} NO ACTION (the default), {@code r} RESTRICT, {@code c} CASCADE,
 * {@code n} SET NULL, {@code d} SET DEFAULT.
 */
public record ForeignKeyActions(char match, char onUpdate, char onDelete) {
    public static final ForeignKeyActions DEFAULT = new ForeignKeyActions('s', 'a', 'a');
}
