package org.woolly.nodes.parse;

/**
 * A role as a statement names it ({@code RoleSpec} in {@code parsenodes.h}): a name, or one of
 * the keywords {@code CURRENT_USER}, {@code SESSION_USER}, {@code CURRENT_ROLE}, or
 * {@code PUBLIC} where a grantee may be everyone. {@code name} is null for the keywords.
 */
public record RoleSpec(Kind kind, String name, int location) {
    public enum Kind { NAME, CURRENT_USER, SESSION_USER, CURRENT_ROLE, PUBLIC }

    public static RoleSpec named(String name, int location) {
        return new RoleSpec(Kind.NAME, name, location);
    }

    @Override
    public String toString() {
        return kind == Kind.NAME ? name : kind.name();
    }
}
