package org.woolly.nodes.parse;

/**
 * A {@code name [= value]} option, as in {@code WITH (fillfactor=100)} or EXPLAIN's options.
 * CREATE TABLE carries its {@code ON COMMIT} clause among its options as one named
 * {@link #ON_COMMIT} (no option a user writes can have that name), valued {@code preserve},
 * {@code delete} or {@code drop}; and {@code CREATE UNLOGGED TABLE} as one named {@link #UNLOGGED}.
 */
public record DefElem(String name, String value, int location) {
    public static final String ON_COMMIT = "on commit";
    public static final String UNLOGGED = "unlogged table";

    /** Whether this is one of the clauses carried among the options, not a storage parameter. */
    public boolean isClause() {
        return name.equals(ON_COMMIT) || name.equals(UNLOGGED);
    }
}
