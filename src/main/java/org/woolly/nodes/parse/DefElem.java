package org.woolly.nodes.parse;

/** A {@code name [= value]} option, as in {@code WITH (fillfactor=100)} or EXPLAIN's options. */
public record DefElem(String name, String value, int location) {}
