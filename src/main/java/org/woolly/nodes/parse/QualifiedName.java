package org.woolly.nodes.parse;

/**
 * A possibly schema-qualified object name, already case-folded (unquoted identifiers are
 * lower-cased by the lexer, quoted ones kept as written). {@code schema} is null when absent.
 */
public record QualifiedName(String schema, String name, int location) {
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
