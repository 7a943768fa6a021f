package org.woolly.utils.adt;

/**
 * A cast between two types ({@code pg_cast}): {@code context} 'i' implicit, 'a' assignment,
 * 'e' explicit; {@code method} 'f' function, 'b' binary coercible (no implementation: the
 * value is used as is), 'i' I/O conversion (output of the source, input of the target).
 * A cast never applies the target's type modifier by itself unless the implementation takes
 * it; callers apply length coercion with {@link TypeModifiers#apply}.
 */
public record CastDescriptor(int source, int target, char context, char method, CastImplementation implementation) {

    public static final char IMPLICIT = 'i';
    public static final char ASSIGNMENT = 'a';
    public static final char EXPLICIT = 'e';

    public boolean binaryCoercible() {
        return implementation == null;
    }

    /** Converts {@code value} (non-null); returns it unchanged for a binary-coercible cast. */
    public Object apply(Object value, int targetTypmod, FunctionContext context) {
        return implementation == null ? value : implementation.apply(value, targetTypmod, context);
    }
}
