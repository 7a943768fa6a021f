package org.woolly.analyzer.resolve;

/** Where a coercion happens, which decides the casts allowed ({@code CoercionContext} in {@code primnodes.h}). */
public enum CoercionContext {
    /** Expression operands and function arguments: only casts marked 'i'. */
    IMPLICIT,
    /** Storing into a column (INSERT, UPDATE): casts marked 'i' or 'a'. */
    ASSIGNMENT,
    /** CAST(x AS t) and x::t: any cast. */
    EXPLICIT;

    boolean allows(char castContext) {
        return switch (this) {
            case IMPLICIT -> castContext == 'i';
            case ASSIGNMENT -> castContext == 'i' || castContext == 'a';
            case EXPLICIT -> true;
        };
    }
}
